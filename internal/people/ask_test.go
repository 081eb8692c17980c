package people_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// question adds a question on sourdough by handle in community slug.
func (w *world) question(t *testing.T, slug, handle string) int64 {
	t.Helper()
	id := w.exec(t, `INSERT INTO threads (community_id, kind, title, body, author_id, created_at, last_activity_at)
		VALUES ($1, 'question', 'Why is my starter sour?', 'It smells of acetone.', $2, $3, $3)`, w.ids[slug], w.actors[handle].PersonID, db.Now())
	w.run(t, `INSERT INTO thread_tags (thread_id, tag, community_id) SELECT id, 'sourdough', community_id FROM threads WHERE id = $1`, id)
	return id
}

// Asking the experts: the asker alone sees who knows the question's topics
// best (not themselves, not those who paused, only those who may read it),
// and asks at most AsksPerQuestion of those suggested, none asked too often
// today; a refusal changes nothing, and two requests at once cannot pass
// the limit together.
func TestAskTheExperts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		w.join(t, "open", "ana")
		w.join(t, "secret", "ana")
		w.join(t, "secret", "ben")
		for i, h := range []string{"ben", "cy", "dee", "eve", "fay", "gus", "ana"} {
			w.run(t, `INSERT INTO expertise_scores (tag, person_id, level, score) VALUES ('sourdough', $1, 1, $2)`, w.actors[h].PersonID, 100-i)
		}
		w.run(t, `UPDATE people SET asks_paused = TRUE WHERE handle = 'cy'`)
		w.run(t, `UPDATE people SET disabled_at = $1 WHERE handle = 'dee'`, db.Now())
		q := w.question(t, "open", "ana")
		handlesOf := func(list []people.ExpertSuggestion) []string {
			var out []string
			for _, g := range list {
				out = append(out, g.Handle)
			}
			return out
		}
		_, list, err := w.s.SuggestExperts(ctx, w.actors["ana"], "open", q)
		if got := handlesOf(list); err != nil || len(got) != 4 || got[0] != "ben" || got[1] != "eve" || got[3] != "gus" {
			t.Fatalf("suggestions: %v (%v)", got, err)
		}
		if _, _, err := w.s.SuggestExperts(ctx, w.actors["ben"], "open", q); !errs.Is(err, errs.Forbidden) {
			t.Errorf("someone else's question: %v", err)
		}
		// In a private community, only its members are suggested.
		secret := w.question(t, "secret", "ana")
		if _, list, _ := w.s.SuggestExperts(ctx, w.actors["ana"], "secret", secret); len(list) != 1 || list[0].Handle != "ben" {
			t.Errorf("private suggestions: %v", handlesOf(list))
		}

		asks := func() int { return count(t, d, `SELECT COUNT(*) FROM expert_asks`) }
		for _, bad := range [][]string{{}, {"cy"}, {"ben", "eve", "fay", "gus"}, {"nobody"}} {
			if _, err := w.s.AskExperts(ctx, w.actors["ana"], "open", q, bad); !errs.Is(err, errs.Invalid) {
				t.Errorf("asking %v: %v", bad, err)
			}
		}
		if n := asks(); n != 0 {
			t.Fatalf("%d asks after refusals", n)
		}
		if _, err := w.s.AskExperts(ctx, w.actors["ben"], "open", q, []string{"eve"}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("another person asks: %v", err)
		}
		n, err := w.s.AskExperts(ctx, w.actors["ana"], "open", q, []string{"ben", "eve", "ben"})
		if err != nil || n != 2 {
			t.Fatalf("ask ben and eve: %d (%v)", n, err)
		}
		if v := count(t, d, `SELECT COUNT(*) FROM activity_targets t JOIN activities a ON a.id = t.activity_id
			WHERE a.verb = 'question.expert_asked' AND t.reason = 'asked'`); v != 2 {
			t.Errorf("%d people told", v)
		}
		if n, err := w.s.AskExperts(ctx, w.actors["ana"], "open", q, []string{"ben"}); err != nil || n != 0 {
			t.Errorf("asking ben again: %d (%v)", n, err)
		}
		if _, err := w.s.AskExperts(ctx, w.actors["ana"], "open", q, []string{"fay", "gus"}); !errs.Is(err, errs.Invalid) || asks() != 2 {
			t.Errorf("a fourth and fifth: %v, %d asks", err, asks())
		}

		// Gus was asked three times today by others: he is not asked again.
		for range people.AsksPerDay {
			other := w.question(t, "open", "fay")
			w.run(t, `INSERT INTO expert_asks (thread_id, person_id, asked_by, created_at) VALUES ($1, $2, $3, $4)`,
				other, w.actors["gus"].PersonID, w.actors["fay"].PersonID, db.Now().Add(-time.Hour))
		}
		if _, err := w.s.AskExperts(ctx, w.actors["ana"], "open", q, []string{"gus"}); !errs.Is(err, errs.Invalid) {
			t.Errorf("asking gus a fourth time today: %v", err)
		}

		// Two requests at once for a fresh question, two people each: one
		// passes, the other would make four and is refused.
		w.run(t, `INSERT INTO expertise_scores (tag, person_id, level, score) VALUES ('sourdough', $1, 1, 1)`, w.actors["viewer"].PersonID)
		q2 := w.question(t, "open", "ana")
		errsOf := dbtest.Together(2, func(i int) error {
			_, err := w.s.AskExperts(ctx, w.actors["ana"], "open", q2, [][]string{{"ben", "eve"}, {"fay", "viewer"}}[i])
			return err
		})
		failed := 0
		for _, err := range errsOf {
			if errs.Is(err, errs.Invalid) {
				failed++
			} else if err != nil {
				t.Errorf("at once: %v", err)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM expert_asks WHERE thread_id = $1`, q2); n != 2 || failed != 1 {
			t.Errorf("%d asked for one question by two requests at once, %d refused (%v)", n, failed, errsOf)
		}
	})
}
