package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestMaturityRules walks an entry from draft to endorsed and back, trying
// each step as those who may not take it.
func TestMaturityRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Measuring twice", true)
		set := func(role string, to practice.Maturity) error {
			return w.svc.SetMaturity(w.ctx, w.actors[role], "craft", e.Slug, to)
		}
		is := func(want practice.Maturity) practice.EntryView {
			t.Helper()
			ev := w.get(t, w.actors["steward"], "craft", e.Slug)
			if ev.Maturity != want {
				t.Fatalf("maturity = %s, want %s", ev.Maturity, want)
			}
			return ev
		}

		// Draft: only its authors and stewards see it, so others cannot act on it.
		pwWant(t, "member publishes another's draft", set("member", practice.Published), "not found")
		pwWant(t, "member reviews a draft", set("member", practice.Reviewed), "not found")
		pwWant(t, "steward endorses a draft", set("steward", practice.Endorsed), "conflict")
		pwWant(t, "author reviews own draft", set("author", practice.Reviewed), "forbidden")
		pwWant(t, "author publishes", set("author", practice.Published), "ok")
		if ev := is(practice.Published); ev.PublishedAt == nil {
			t.Error("published without PublishedAt")
		}
		pwWant(t, "author publishes again", set("author", practice.Published), "conflict")

		// Published: a member other than its authors reviews it.
		pwWant(t, "author reviews own entry", set("author", practice.Reviewed), "forbidden")
		pwWant(t, "non-member reviews", set("nonmember", practice.Reviewed), "forbidden")
		pwWant(t, "visitor reviews", set("visitor", practice.Reviewed), "forbidden")
		pwWant(t, "member endorses", set("member", practice.Endorsed), "forbidden")
		pwWant(t, "moderator endorses", set("moderator", practice.Endorsed), "forbidden")
		pwWant(t, "member publishes (not an author)", set("member", practice.Draft), "forbidden")
		pwWant(t, "member of a minute reviews", set("member", practice.Reviewed), "forbidden")
		ageMembers(t, w, "craft", 8)
		pwWant(t, "member reviews", set("member", practice.Reviewed), "ok")
		if ev := is(practice.Reviewed); ev.ReviewedBy != "Mem Tester" {
			t.Errorf("ReviewedBy = %q, want Mem Tester", ev.ReviewedBy)
		}
		pwWant(t, "moderator reviews a reviewed entry", set("moderator", practice.Reviewed), "conflict")

		// Stewards endorse.
		pwWant(t, "steward endorses", set("steward", practice.Endorsed), "ok")
		if ev := is(practice.Endorsed); ev.EndorsedBy != "Stew Tester" || ev.ReviewedBy != "Mem Tester" {
			t.Errorf("EndorsedBy %q, ReviewedBy %q", ev.EndorsedBy, ev.ReviewedBy)
		}
		pwWant(t, "steward endorses twice", set("steward", practice.Endorsed), "conflict")

		// Its author takes it back to draft: the review and endorsement go.
		pwWant(t, "author back to draft", set("author", practice.Draft), "ok")
		if ev := is(practice.Draft); ev.ReviewedBy != "" || ev.EndorsedBy != "" {
			t.Errorf("back to draft kept ReviewedBy %q, EndorsedBy %q", ev.ReviewedBy, ev.EndorsedBy)
		}
		_, err := w.svc.Get(w.ctx, w.actors["member"], "craft", e.Slug)
		pwWant(t, "member reads it back in draft", err, "not found")
		pwWant(t, "steward publishes the author's draft", set("steward", practice.Published), "ok")
		pwWant(t, "steward endorses a published entry", set("steward", practice.Endorsed), "ok")
		pwWant(t, "unknown maturity", set("steward", practice.Maturity("famous")), "invalid")
	})
}
