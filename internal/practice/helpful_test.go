package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestHelpfulOncePerPerson: "this helped me" counts each person once,
// however often they say it; authors cannot say it of their own entry; a
// person may withdraw it.
func TestHelpfulOncePerPerson(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Sharpening chisels", false)
		helpful := func() int {
			t.Helper()
			return w.get(t, w.actors["steward"], "craft", e.Slug).Helpful
		}
		mark := func(role string, helped bool) error {
			return w.svc.MarkHelpful(w.ctx, w.actors[role], "craft", e.Slug, helped)
		}

		pwWant(t, "member marks helpful", mark("member", true), "ok")
		pwWant(t, "member marks helpful again", mark("member", true), "ok")
		if n := helpful(); n != 1 {
			t.Fatalf("helpful = %d after one person said it twice, want 1", n)
		}
		if ev := w.get(t, w.actors["member"], "craft", e.Slug); !ev.Helped {
			t.Error("the member's view does not show they marked it")
		}
		pwWant(t, "a non-member reader marks helpful", mark("nonmember", true), "ok")
		if n := helpful(); n != 2 {
			t.Errorf("helpful = %d after two people, want 2", n)
		}
		pwWant(t, "author marks own entry", mark("author", true), "forbidden")
		pwWant(t, "visitor marks helpful", mark("visitor", true), "unauthenticated")
		if n := helpful(); n != 2 {
			t.Errorf("helpful = %d after refused marks, want 2", n)
		}
		pwWant(t, "member withdraws", mark("member", false), "ok")
		if n := helpful(); n != 1 {
			t.Errorf("helpful = %d after a withdrawal, want 1", n)
		}
		if ev := w.get(t, w.actors["member"], "craft", e.Slug); ev.Helped {
			t.Error("the member's view still shows the withdrawn mark")
		}
		draft := w.write(t, "craft", "Unfinished thoughts", true)
		pwWant(t, "steward marks a draft", w.svc.MarkHelpful(w.ctx, w.actors["steward"], "craft", draft.Slug, true), "forbidden")
	})
}
