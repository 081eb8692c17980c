package stewardship_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The experts for the waiting questions are kept between requests (no
// query for them once kept) and every change they depend on is seen at the
// next request, before any recount: a score, a pause, a disabled account, a
// tag added to the question, its author, a membership of a private
// community.
func TestKeptExpertsFollowEveryChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		w := newWorld(t, d, db.Now(), "ann", "bob", "cat")
		w.person(t, "eve", time.Time{}) // not a member
		q := w.ask(t, "ann", 4*day)
		score := func(tag, handle string, n int) {
			w.run(t, `INSERT INTO expertise_scores (tag, person_id, score) VALUES ($1, $2, $3)
				ON CONFLICT (tag, person_id) DO UPDATE SET score = excluded.score`, tag, w.actors[handle].PersonID, n)
		}
		score("sourdough", "bob", 10)
		score("sourdough", "cat", 5)
		w.health(t, 90) // counted: the question waits
		ctx := context.Background()
		experts := func(step string, want ...string) {
			t.Helper()
			h, err := w.s.HealthNow(ctx, w.actors["sam"], "bread", 90)
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Queue) != 1 || h.Queue[0].ThreadID != q {
				t.Fatalf("%s: the queue is %+v", step, h.Queue)
			}
			var got []string
			for _, e := range h.Queue[0].Experts {
				got = append(got, e.Handle)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: experts %v, want %v", step, got, want)
			}
		}
		experts("first read", "bob", "cat")
		q0 := d.QueryCount()
		experts("kept", "bob", "cat")
		if n := d.QueryCount() - q0; n != 1 {
			t.Errorf("a request once the experts are kept: %d queries, want 1 (the community with the run and its versions)", n)
		}
		score("sourdough", "cat", 20)
		experts("a new score", "cat", "bob")
		w.run(t, `UPDATE people SET asks_paused = TRUE WHERE handle = 'bob'`)
		experts("bob paused", "cat")
		w.run(t, `UPDATE people SET asks_paused = FALSE WHERE handle = 'bob'`)
		w.run(t, `UPDATE people SET disabled_at = $1 WHERE handle = 'cat'`, w.now)
		experts("cat disabled", "bob")
		score("rye", "eve", 50)
		experts("a score on another topic", "bob")
		w.run(t, `INSERT INTO thread_tags (thread_id, tag, community_id) SELECT id, 'rye', community_id FROM threads WHERE id = $1`, q)
		experts("the question tagged rye", "eve", "bob")
		w.run(t, `UPDATE threads SET author_id = $1 WHERE id = $2`, w.actors["bob"].PersonID, q)
		experts("bob the asker now", "eve")
		w.run(t, `UPDATE communities SET visibility = 'private' WHERE id = $1`, w.c)
		experts("a private community: members only")
		w.run(t, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES ($1, $2, 'member', 'active', $3, $3)`,
			w.c, w.actors["eve"].PersonID, w.now)
		experts("eve joined", "eve")
		w.run(t, `DELETE FROM thread_tags WHERE thread_id = $1 AND tag = 'rye'`, q)
		experts("the rye tag removed")
	})
}
