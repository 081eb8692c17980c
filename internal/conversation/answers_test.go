package conversation_test

import (
	"fmt"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/posts"
)

// Many members voting for one answer at once, each twice, count once each;
// withdrawing at once leaves the score at zero. On PostgreSQL the requests
// interleave: the primary key of post_votes decides, never a 500.
func TestSimultaneousVotesCountOncePerPerson(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bakers", community.Public)
		q := w.ask(t, "bakers", "proof dough")
		a := w.answer(t, "steward", "bakers", q.ID, "Wait until it springs back.")
		const voters = 6
		var people []auth.Actor
		for i := range voters {
			p := w.env.Person(fmt.Sprintf("v%d", i))
			w.env.SetMembership("bakers", p, community.RoleMember, community.ActiveMember)
			people = append(people, p)
		}
		for i, err := range dbtest.Together(2*voters, func(i int) error {
			return w.svc.Vote(w.ctx, people[i%voters], "bakers", q.ID, a, true)
		}) {
			if err != nil {
				t.Errorf("vote %d: %v", i, err)
			}
		}
		if n := w.count(t, "SELECT score FROM posts WHERE id = $1", a); n != voters {
			t.Errorf("score %d after %d people voted twice each, want %d", n, voters, voters)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM post_votes WHERE post_id = $1", a); n != voters {
			t.Errorf("%d vote rows, want %d", n, voters)
		}
		if n := w.count(t, "SELECT votes FROM threads WHERE id = $1", q.ID); n != voters {
			t.Errorf("thread votes %d, want %d", n, voters)
		}
		for i, err := range dbtest.Together(2*voters, func(i int) error {
			return w.svc.Vote(w.ctx, people[i%voters], "bakers", q.ID, a, false)
		}) {
			if err != nil {
				t.Errorf("withdraw %d: %v", i, err)
			}
		}
		if n := w.count(t, "SELECT score FROM posts WHERE id = $1", a); n != 0 {
			t.Errorf("score %d after every vote was withdrawn", n)
		}
		if n := w.count(t, "SELECT votes FROM threads WHERE id = $1", q.ID); n != 0 {
			t.Errorf("thread votes %d after every vote was withdrawn", n)
		}
		want(t, "vote for one's own answer", w.svc.Vote(w.ctx, w.actors["steward"], "bakers", q.ID, a, true), "forbidden")
	})
}

// The asker and a steward choosing different answers at the same moment
// leave exactly one accepted answer, the one the thread names.
func TestSimultaneousAcceptanceLeavesOneAcceptedAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bakers", community.Public)
		q := w.ask(t, "bakers", "shape a boule")
		var answers []int64
		for i := range 4 {
			answers = append(answers, w.answer(t, "member", "bakers", q.ID, fmt.Sprintf("Answer %d.", i)))
		}
		for round := range 3 {
			for i, err := range dbtest.Together(8, func(i int) error {
				who := "asker"
				if i%2 == 1 {
					who = "steward"
				}
				return w.svc.Accept(w.ctx, w.actors[who], "bakers", q.ID, answers[(i+round)%len(answers)], true)
			}) {
				if err != nil {
					t.Errorf("round %d accept %d: %v", round, i, err)
				}
			}
			if n := w.count(t, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'thread' AND subject_id = $1 AND accepted_at IS NOT NULL", q.ID); n != 1 {
				t.Fatalf("round %d: %d accepted answers, want 1", round, n)
			}
			if n := w.count(t, `SELECT COUNT(*) FROM threads t JOIN posts p ON p.id = t.accepted_post_id
				WHERE t.id = $1 AND p.accepted_at IS NOT NULL`, q.ID); n != 1 {
				t.Fatalf("round %d: the thread does not name the accepted answer", round)
			}
		}
		want(t, "a member accepts", w.svc.Accept(w.ctx, w.actors["member"], "bakers", q.ID, answers[0], true), "forbidden")
		want(t, "the moderator accepts", w.svc.Accept(w.ctx, w.actors["moderator"], "bakers", q.ID, answers[0], true), "forbidden")
	})
}

// The accepted answer comes first, then the best voted; a question's
// replies are read apart from its answers.
func TestAnswersShowTheAcceptedFirstThenByVotes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bakers", community.Public)
		q := w.ask(t, "bakers", "store flour")
		first := w.answer(t, "member", "bakers", q.ID, "In a tin.")
		voted := w.answer(t, "steward", "bakers", q.ID, "In a cool dry place.")
		chosen := w.answer(t, "moderator", "bakers", q.ID, "In the freezer, for weevils.")
		if _, err := w.svc.Reply(w.ctx, w.actors["asker"], "bakers", q.ID, posts.Reply, "Which tin?"); err != nil {
			t.Fatal(err)
		}
		want(t, "vote", w.svc.Vote(w.ctx, w.actors["asker"], "bakers", q.ID, voted, true), "ok")
		want(t, "accept", w.svc.Accept(w.ctx, w.actors["asker"], "bakers", q.ID, chosen, true), "ok")
		th, err := w.svc.Get(w.ctx, w.actors["member"], "bakers", q.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, err := w.svc.Answers(w.ctx, th)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, a := range list {
			got = append(got, a.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint([]int64{chosen, voted, first}) || !list[0].Accepted || list[1].Score != 1 {
			t.Fatalf("answers in order %v (accepted first %v, score %d), want %v", got, list[0].Accepted, list[1].Score, []int64{chosen, voted, first})
		}
		page, err := w.svc.Replies(w.ctx, th, conversation.At{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 1 || len(page.Posts) != 1 || page.Posts[0].Body != "Which tin?" {
			t.Fatalf("replies %+v, want the one reply only", page)
		}
		if th.Answers != 3 || th.Replies != 4 || th.AcceptedPostID != chosen {
			t.Fatalf("thread counts answers %d replies %d accepted %d", th.Answers, th.Replies, th.AcceptedPostID)
		}
	})
}
