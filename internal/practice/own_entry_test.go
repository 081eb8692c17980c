package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestNoOneEndorsesTheirOwnEntry checks a steward who wrote an entry may
// neither endorse nor review it (the page offers neither), while another
// steward may endorse it.
func TestNoOneEndorsesTheirOwnEntry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		stew := w.actors["steward"]
		e := w.writeAs(t, stew, "craft", practice.Input{Title: "How we measure", Publish: true})
		ev := w.get(t, stew, "craft", e.Slug)
		if ev.CanEndorse() || ev.CanReview() {
			t.Errorf("the author, a steward, is offered endorse %v, review %v", ev.CanEndorse(), ev.CanReview())
		}
		pwWant(t, "steward endorses own entry", w.svc.SetMaturity(w.ctx, stew, "craft", e.Slug, practice.Endorsed), "forbidden")
		pwWant(t, "steward reviews own entry", w.svc.SetMaturity(w.ctx, stew, "craft", e.Slug, practice.Reviewed), "forbidden")
		other := w.env.Person("stew2")
		w.env.SetMembership("craft", other, community.RoleSteward, community.ActiveMember)
		pwWant(t, "another steward endorses", w.svc.SetMaturity(w.ctx, other, "craft", e.Slug, practice.Endorsed), "ok")
	})
}
