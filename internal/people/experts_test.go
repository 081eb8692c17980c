package people_test

import (
	"context"
	"fmt"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// world is constructed data for the ranking: two communities on sourdough
// (one public, one private) and people with declared levels, endorsements
// and contributions.
type world struct {
	d      *db.DB
	s      *people.Service
	ids    map[string]int64
	actors map[string]auth.Actor
}

func (w *world) exec(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := w.d.Writer().QueryRowContext(context.Background(), q+" RETURNING id", args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (w *world) run(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := w.d.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func (w *world) community(t *testing.T, slug, vis string) int64 {
	t.Helper()
	id := w.exec(t, `INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES ($1, $1, $2, 'open', 'coalescing', 'active', $3, $3)`, slug, vis, db.Now())
	w.run(t, "INSERT INTO community_tags (community_id, tag) VALUES ($1, 'sourdough')", id)
	w.ids[slug] = id
	return id
}

func (w *world) join(t *testing.T, slug, handle string) {
	t.Helper()
	w.run(t, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES ($1, $2, 'member', 'active', $3, $3)`,
		w.ids[slug], w.actors[handle].PersonID, db.Now())
}

// acceptedAnswer adds a question on sourdough in the community, answered by
// handle and accepted.
func (w *world) acceptedAnswer(t *testing.T, slug, handle string) {
	t.Helper()
	now := db.Now()
	thread := w.exec(t, `INSERT INTO threads (community_id, kind, title, body, created_at, last_activity_at) VALUES ($1, 'question', 'Why?', 'Why?', $2, $2)`,
		w.ids[slug], now)
	w.run(t, "INSERT INTO thread_tags (thread_id, tag, community_id) SELECT id, 'sourdough', community_id FROM threads WHERE id = $1", thread)
	post := w.exec(t, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at, accepted_at)
		VALUES ('thread', $1, $2, 'answer', $3, 'Because.', $4, $4, $4)`, thread, w.ids[slug], w.actors[handle].PersonID, now)
	w.run(t, "UPDATE threads SET accepted_post_id = $1 WHERE id = $2", post, thread)
}

// reviewedEntry adds a reviewed entry on sourdough by handle, marked helpful
// by helped others.
func (w *world) reviewedEntry(t *testing.T, slug, handle string, helpedBy ...string) {
	t.Helper()
	now := db.Now()
	entry := w.exec(t, `INSERT INTO entries (community_id, slug, kind, title, maturity, created_at, updated_at) VALUES ($1, $2, 'lesson', 'Starter', 'reviewed', $3, $3)`,
		w.ids[slug], fmt.Sprintf("starter-%d", len(w.ids)), now)
	w.ids[fmt.Sprintf("entry-%d", len(w.ids))] = entry
	w.run(t, "INSERT INTO entry_people (entry_id, person_id, role, since) VALUES ($1, $2, 'author', $3)", entry, w.actors[handle].PersonID, now)
	w.run(t, "INSERT INTO entry_tags (entry_id, tag, community_id) SELECT id, 'sourdough', community_id FROM entries WHERE id = $1", entry)
	for _, h := range helpedBy {
		w.run(t, "INSERT INTO entry_helpful (entry_id, person_id, created_at) VALUES ($1, $2, $3)", entry, w.actors[h].PersonID, now)
	}
}

func (w *world) hosted(t *testing.T, slug, handle string) {
	t.Helper()
	now := db.Now()
	g := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at) VALUES ($1, 'Bake-off', 'UTC', $2, 60, $2, $2)`,
		w.ids[slug], now)
	w.run(t, "INSERT INTO gathering_hosts (gathering_id, person_id) VALUES ($1, $2)", g, w.actors[handle].PersonID)
}

func (w *world) declare(t *testing.T, handle string, level people.Level) {
	t.Helper()
	if err := w.s.SetExpertise(context.Background(), w.actors[handle], []people.ExpertiseInput{{"sourdough", string(level)}}); err != nil {
		t.Fatal(err)
	}
}

func (w *world) endorse(t *testing.T, by, handle string) {
	t.Helper()
	if err := w.s.Endorse(context.Background(), w.actors[by], handle, "sourdough", ""); err != nil {
		t.Fatal(err)
	}
}

func newWorld(t *testing.T, d *db.DB) *world {
	w := &world{d: d, s: newService(d), ids: map[string]int64{}, actors: map[string]auth.Actor{}}
	for _, h := range []string{"ana", "ben", "cy", "dee", "eve", "fay", "gus", "viewer"} {
		w.actors[h] = person(t, d, h, false)
	}
	w.community(t, "open", "public")
	w.community(t, "secret", "private")
	return w
}

func handles(list []people.Ranked) []string {
	var out []string
	for _, r := range list {
		out = append(out, r.Handle)
	}
	return out
}

// TestExpertsAreRankedAsTheRulesSay: on constructed data, the order follows
// the score (10 × level + 5 × endorsements + 4 × accepted answers + 3 ×
// reviewed entries + 2 × gatherings hosted + 1 × helped marks), ties go to
// the earlier account, each listing says why, private communities do not
// count, disabled people are left out, and the filters narrow the list.
func TestExpertsAreRankedAsTheRulesSay(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		w.declare(t, "ana", people.Expert) // 30
		w.declare(t, "ben", people.Practising)
		w.declare(t, "gus", people.Learning)
		w.endorse(t, "ana", "ben")
		w.endorse(t, "cy", "ben") // ben: 20 + 10 = 30, after ana (earlier account)
		for range 3 {
			w.acceptedAnswer(t, "open", "cy") // cy: 12
		}
		w.acceptedAnswer(t, "secret", "cy") // does not count: private
		w.declare(t, "dee", people.Learning)
		w.reviewedEntry(t, "open", "dee", "ana", "ben", "dee") // her own mark does not count
		w.reviewedEntry(t, "secret", "dee", "ana")             // private: does not count
		w.hosted(t, "open", "dee")                             // dee: 10 + 3 + 2 + 2 = 17
		w.declare(t, "eve", people.Expert)
		w.run(t, "UPDATE people SET disabled_at = $1 WHERE handle = 'eve'", db.Now())
		if err := w.s.Recount(ctx); err != nil {
			t.Fatal(err)
		}
		viewer := w.actors["viewer"]
		list, more, err := w.s.Experts(ctx, viewer, people.ExpertQuery{Topic: " Sourdough "})
		if err != nil || more {
			t.Fatalf("experts: %v, more %v", err, more)
		}
		want := []struct {
			handle, why string
			score       int
		}{
			{"ana", "expert (self-rated)", 30},
			{"ben", "practising (self-rated) · 2 endorsements", 30},
			{"dee", "learning (self-rated) · 1 reviewed or endorsed entry · 1 gathering hosted · 2 “this helped me” marks", 17},
			{"cy", "3 accepted answers", 12},
			{"gus", "learning (self-rated)", 10},
		}
		if len(list) != len(want) {
			t.Fatalf("ranked %v, want %d people", handles(list), len(want))
		}
		for i, r := range list {
			if r.Handle != want[i].handle || r.Why() != want[i].why || r.Score != want[i].score {
				t.Errorf("#%d = %s %d %q, want %s %d %q", i+1, r.Handle, r.Score, r.Why(), want[i].handle, want[i].score, want[i].why)
			}
		}
		// Recounting again changes nothing (the job may run twice).
		if err := w.s.Recount(ctx); err != nil {
			t.Fatal(err)
		}
		again, _, _ := w.s.Experts(ctx, viewer, people.ExpertQuery{Topic: "sourdough"})
		if fmt.Sprint(handles(again)) != fmt.Sprint(handles(list)) || again[2].Score != 17 {
			t.Errorf("after a second recount: %v", handles(again))
		}

		// Filters: a department, a community whose members the viewer sees.
		dep := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1)", db.Now())
		w.run(t, "UPDATE people SET department_id = $1 WHERE handle IN ('dee', 'gus')", dep)
		if list, _, err := w.s.Experts(ctx, viewer, people.ExpertQuery{Topic: "sourdough", Department: "bakery"}); err != nil ||
			fmt.Sprint(handles(list)) != "[dee gus]" {
			t.Errorf("in bakery: %v, %v", handles(list), err)
		}
		w.run(t, "UPDATE people SET department_id = NULL WHERE handle = 'gus'") // gus leaves the bakery
		if list, _, err := w.s.Experts(ctx, viewer, people.ExpertQuery{Topic: "sourdough", Department: "bakery"}); err != nil ||
			fmt.Sprint(handles(list)) != "[dee]" {
			t.Errorf("in bakery once gus left: %v, %v", handles(list), err)
		}
		w.join(t, "open", "ben")
		w.join(t, "open", "cy")
		if list, _, err := w.s.Experts(ctx, viewer, people.ExpertQuery{Topic: "sourdough", Community: "open"}); err != nil ||
			fmt.Sprint(handles(list)) != "[ben cy]" {
			t.Errorf("in open: %v, %v", handles(list), err)
		}
		if _, _, err := w.s.Experts(ctx, viewer, people.ExpertQuery{Topic: "sourdough", Community: "secret"}); errs.FieldsOf(err)["community"] == "" {
			t.Errorf("filter by a private community the viewer is not in: %v", err)
		}
		if _, _, err := w.s.Experts(ctx, auth.Actor{}, people.ExpertQuery{Topic: "sourdough"}); !errs.Is(err, errs.Unauthenticated) {
			t.Errorf("a visitor: %v", err)
		}
	})
}

// TestExpertsPageByKeyset: pages follow each other without a gap or a repeat,
// in the ranking's order.
func TestExpertsPageByKeyset(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		viewer := person(t, d, "viewer", false)
		levels := []people.Level{people.Learning, people.Practising, people.Expert}
		for i := range people.ExpertsPageSize + 5 {
			a := person(t, d, fmt.Sprintf("p%02d", i), false)
			if err := s.SetExpertise(ctx, a, []people.ExpertiseInput{{"kimchi", string(levels[i%3])}}); err != nil {
				t.Fatal(err)
			}
		}
		first, more, err := s.Experts(ctx, viewer, people.ExpertQuery{Topic: "kimchi"})
		if err != nil || !more || len(first) != people.ExpertsPageSize {
			t.Fatalf("page 1: %d, more %v, %v", len(first), more, err)
		}
		last := first[len(first)-1]
		second, more, err := s.Experts(ctx, viewer, people.ExpertQuery{Topic: "kimchi", AfterScore: last.Score, AfterID: last.ID})
		if err != nil || more || len(second) != 5 {
			t.Fatalf("page 2: %d, more %v, %v", len(second), more, err)
		}
		all := append(first, second...)
		seen := map[int64]bool{}
		for i, r := range all {
			if seen[r.ID] {
				t.Errorf("%s listed twice", r.Handle)
			}
			seen[r.ID] = true
			if i > 0 && (all[i-1].Score < r.Score || all[i-1].Score == r.Score && all[i-1].ID > r.ID) {
				t.Errorf("%s (%d) after %s (%d): out of order", r.Handle, r.Score, all[i-1].Handle, all[i-1].Score)
			}
		}
	})
}

// TestContributionsAskForARecount: an accepted answer (and the like) leaves
// one recount job, a little later; other activities none.
func TestContributionsAskForARecount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		if write, err := s.RefreshAfter(ctx, []activity.Activity{{Verb: activity.CommentAdded}}); err != nil || write != nil {
			t.Fatalf("a comment asks for a recount: %v", err)
		}
		for range 2 {
			write, err := s.RefreshAfter(ctx, []activity.Activity{{Verb: activity.CommentAdded}, {Verb: activity.AnswerAccepted}})
			if err != nil || write == nil {
				t.Fatalf("an accepted answer asks for no recount: %v", err)
			}
			if err := d.WithTxCtx(ctx, write); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM jobs WHERE kind = $1", people.KindRefreshExpertise).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d recount jobs, %v: want 1", n, err)
		}
	})
}
