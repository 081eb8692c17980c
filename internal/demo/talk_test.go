package demo_test

import (
	"context"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/search"
)

// Every demo community has talk over recent weeks: a discussion with
// replies, a question with an accepted answer, one still unanswered; the
// threads are news in the activity, watched by who took part, and found by
// search.
func TestLoadGivesEveryCommunityConversations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
		rows, err := d.QueryContext(context.Background(), `SELECT c.slug,
			(SELECT COUNT(*) FROM threads t WHERE t.community_id = c.id AND t.kind = 'discussion' AND t.replies > 0),
			(SELECT COUNT(*) FROM threads t JOIN posts p ON p.id = t.accepted_post_id AND p.accepted_at IS NOT NULL
				WHERE t.community_id = c.id AND t.kind = 'question'),
			(SELECT COUNT(*) FROM threads t WHERE t.community_id = c.id AND t.kind = 'question' AND t.answers = 0),
			(SELECT COUNT(*) FROM threads t JOIN memberships m ON m.community_id = t.community_id AND m.person_id = t.author_id AND m.status = 'active'
				WHERE t.community_id = c.id AND m.created_at < t.created_at)
			FROM communities c WHERE c.status IN ('active', 'archived') ORDER BY c.slug`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		seen := 0
		for rows.Next() {
			var slug string
			var discussions, answered, open, byMembers int
			if err := rows.Scan(&slug, &discussions, &answered, &open, &byMembers); err != nil {
				t.Fatal(err)
			}
			seen++
			if discussions == 0 || answered == 0 || open == 0 {
				t.Errorf("%s: %d lively discussions, %d answered and %d unanswered questions, want some of each", slug, discussions, answered, open)
			}
			if byMembers != discussions+answered+open {
				t.Errorf("%s: %d threads by people who had joined, of %d", slug, byMembers, discussions+answered+open)
			}
		}
		if seen < 6 {
			t.Errorf("%d communities with talk, want 6", seen)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM threads t JOIN posts p ON p.subject_kind = 'thread' AND p.subject_id = t.id
			WHERE p.score <> (SELECT COUNT(*) FROM post_votes v WHERE v.post_id = p.id)`); n != 0 {
			t.Errorf("%d posts whose score disagrees with their votes", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM threads t WHERE t.replies <> (SELECT COUNT(*) FROM posts p WHERE p.subject_kind = 'thread' AND p.subject_id = t.id)`); n != 0 {
			t.Errorf("%d threads whose reply count is wrong", n)
		}
		for _, verb := range []string{"question.asked", "thread.started", "answer.added", "reply.added", "answer.accepted"} {
			if count(t, d, "SELECT COUNT(*) FROM activities WHERE verb = $1", verb) == 0 {
				t.Errorf("no %s in the activity", verb)
			}
		}
		if count(t, d, "SELECT COUNT(*) FROM subscriptions WHERE subject_kind = 'thread'") == 0 {
			t.Error("no one watches the threads they took part in")
		}
		res, err := search.Search(context.Background(), d, auth.Actor{Admin: true}, search.Query{Text: "blameless postmortems", Kind: search.KindThread})
		if err != nil || len(res.Hits) == 0 {
			t.Errorf("search finds no demo thread: %v %v", res.Hits, err)
		}
	})
}
