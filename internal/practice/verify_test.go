package practice_test

import (
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestVerifyClearsPastReviewBy: marking an entry "still accurate" records
// who and when, clears a review-by date that has passed (so the entry is no
// longer stale) and keeps one still ahead.
func TestVerifyClearsPastReviewBy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		past := w.write(t, "craft", "Glue drying times", false)
		future := w.write(t, "craft", "Clamp pressure", false)
		ahead := db.Now().AddDate(0, 6, 0).Truncate(24 * time.Hour)
		w.exec(t, "UPDATE entries SET review_by = $1 WHERE id = $2", db.Now().AddDate(0, 0, -3), past.ID)
		w.exec(t, "UPDATE entries SET review_by = $1 WHERE id = $2", ahead, future.ID)

		if ev := w.get(t, w.actors["member"], "craft", past.Slug); !ev.Stale {
			t.Fatal("an entry past its review-by date is not stale")
		}
		for _, role := range []string{"visitor", "nonmember", "pending"} {
			pwWant(t, role+" verifies", w.svc.Verify(w.ctx, w.actors[role], "craft", past.Slug), "forbidden")
		}
		before := db.Now().Add(-time.Second)
		pwWant(t, "member verifies", w.svc.Verify(w.ctx, w.actors["member"], "craft", past.Slug), "ok")
		after := db.Now().Add(time.Second)

		ev := w.get(t, w.actors["visitor"], "craft", past.Slug)
		if ev.ReviewBy != nil {
			t.Errorf("review-by %v kept after verifying", ev.ReviewBy)
		}
		if ev.VerifiedAt == nil || ev.VerifiedAt.Before(before) || ev.VerifiedAt.After(after) {
			t.Errorf("VerifiedAt = %v, want between %v and %v", ev.VerifiedAt, before, after)
		}
		if ev.VerifiedBy != "Mem Tester" {
			t.Errorf("VerifiedBy = %q, want Mem Tester", ev.VerifiedBy)
		}
		if ev.Stale {
			t.Errorf("still stale after verifying: %s", ev.StaleReason)
		}

		pwWant(t, "author verifies a future date", w.svc.Verify(w.ctx, w.actors["author"], "craft", future.Slug), "ok")
		if ev := w.get(t, w.actors["visitor"], "craft", future.Slug); ev.ReviewBy == nil || !ev.ReviewBy.Equal(ahead) {
			t.Errorf("review-by = %v after verifying, want %v kept", ev.ReviewBy, ahead)
		}
		draft := w.write(t, "craft", "Not yet", true)
		pwWant(t, "author verifies a draft", w.svc.Verify(w.ctx, w.actors["author"], "craft", draft.Slug), "forbidden")
	})
}
