package practice_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// ageMembers moves every membership of the community back by days.
func ageMembers(t *testing.T, w *pworld, slug string, days int) {
	t.Helper()
	_, err := w.db.ExecContext(w.ctx, `UPDATE memberships SET created_at = $1 WHERE community_id = (SELECT id FROM communities WHERE slug = $2)`,
		db.Now().Add(-time.Duration(days)*24*time.Hour), slug)
	if err != nil {
		t.Fatal(err)
	}
}

// TestReviewNeedsStanding: a member reviews once they have been a member for
// the community's days, or sooner once they have published an entry there;
// stewards always; the setting may be 0; the page says why not.
func TestReviewNeedsStanding(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Measuring twice", true)
		review := func(role string) error {
			return w.svc.SetMaturity(w.ctx, w.actors[role], "craft", e.Slug, practice.Reviewed)
		}
		if err := w.svc.SetMaturity(w.ctx, w.actors["author"], "craft", e.Slug, practice.Published); err != nil {
			t.Fatal(err)
		}

		ev := w.get(t, w.actors["member"], "craft", e.Slug)
		if ev.CanReview() || !strings.Contains(ev.ReviewWait(), "7 days") {
			t.Errorf("a new member: CanReview %v, ReviewWait %q", ev.CanReview(), ev.ReviewWait())
		}
		err := review("member")
		if !errs.Is(err, errs.Forbidden) || !strings.Contains(errs.MessageOf(err), "once they have published an entry") {
			t.Errorf("a new member reviews: %v", err)
		}
		// The author's own entry: never theirs to review, standing or not.
		if ev := w.get(t, w.actors["author"], "craft", e.Slug); ev.CanReview() || ev.ReviewWait() != "" {
			t.Errorf("the author: CanReview %v, ReviewWait %q", ev.CanReview(), ev.ReviewWait())
		}

		// A contribution gives the standing at once.
		w.writeAs(t, w.actors["member"], "craft", practice.Input{Title: "My first lesson", Publish: true})
		if ev := w.get(t, w.actors["member"], "craft", e.Slug); !ev.CanReview() {
			t.Error("a member who published an entry may not review")
		}
		if err := review("member"); err != nil {
			t.Fatalf("a contributor reviews: %v", err)
		}

		// The setting at 0: any member; stewards always.
		e2 := w.write(t, "craft", "Cutting once", true)
		if err := w.svc.SetMaturity(w.ctx, w.actors["author"], "craft", e2.Slug, practice.Published); err != nil {
			t.Fatal(err)
		}
		if ev := w.get(t, w.actors["moderator"], "craft", e2.Slug); ev.CanReview() {
			t.Error("a moderator of a minute may review at the default setting")
		}
		p := community.DefaultPracticeSettings()
		p.ReviewAfterDays = 0
		if err := w.env.Communities.UpdatePracticeSettings(w.ctx, w.actors["steward"], "craft", p); err != nil {
			t.Fatal(err)
		}
		if ev := w.get(t, w.actors["moderator"], "craft", e2.Slug); !ev.CanReview() {
			t.Error("a member may not review with the setting at 0")
		}
		p.ReviewAfterDays = 366
		if err := w.env.Communities.UpdatePracticeSettings(w.ctx, w.actors["steward"], "craft", p); errs.FieldsOf(err)["review_after_days"] == "" {
			t.Errorf("366 days: %v, want a field error", err)
		}
		p.ReviewAfterDays = 30
		if err := w.env.Communities.UpdatePracticeSettings(w.ctx, w.actors["steward"], "craft", p); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.SetMaturity(w.ctx, w.actors["steward"], "craft", e2.Slug, practice.Reviewed); err != nil {
			t.Errorf("a steward of a minute reviews: %v", err)
		}
	})
}
