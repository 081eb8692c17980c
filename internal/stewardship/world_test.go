package stewardship_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/people"
	"hearth/internal/stewardship"
)

// world is a constructed history: one community ("bread"), its steward sam
// and members who joined long ago, with helpers that write their activity
// at chosen times.
type world struct {
	d      *db.DB
	s      *stewardship.Service
	people *people.Service
	comms  *community.Service
	c      int64
	now    time.Time
	actors map[string]auth.Actor
}

func newWorld(t *testing.T, d *db.DB, now time.Time, handles ...string) *world {
	t.Helper()
	communities := community.NewService(d, nil, "http://hearth.test", nil)
	p := people.NewService(d, communities, nil)
	p.SetTalk(conversation.NewService(d, communities, nil))
	w := &world{d: d, s: stewardship.NewService(d, communities, p, nil), people: p, comms: communities, now: now, actors: map[string]auth.Actor{}}
	w.s.SetNow(now)
	w.c = w.exec(t, `INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES ('bread', 'Bread', 'public', 'open', 'coalescing', 'active', $1, $1)`, now.AddDate(-2, 0, 0))
	w.person(t, "sam", now.AddDate(-2, 0, 0))
	w.run(t, `UPDATE memberships SET role = 'steward' WHERE person_id = $1`, w.actors["sam"].PersonID)
	for _, h := range handles {
		w.person(t, h, now.AddDate(-2, 0, 0))
	}
	return w
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

// person adds a member who joined at joined (no membership when joined is zero).
func (w *world) person(t *testing.T, handle string, joined time.Time) auth.Actor {
	t.Helper()
	id := w.exec(t, `INSERT INTO people (handle, email, name, password_hash, created_at) VALUES ($1, $2, $3, 'x', $4)`,
		handle, handle+"@example.org", "Person "+handle, w.now.AddDate(-3, 0, 0))
	a := auth.Actor{PersonID: id, Handle: handle, Name: "Person " + handle, Verified: true}
	w.actors[handle] = a
	if !joined.IsZero() {
		w.run(t, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES ($1, $2, 'member', 'active', $3, $3)`,
			w.c, id, joined)
	}
	return a
}

// act records n activities of handle with verb, ago before now.
func (w *world) act(t *testing.T, handle, verb string, ago time.Duration, n int) {
	t.Helper()
	for range n {
		w.run(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at) VALUES ($1, $2, 'entry', 1, $3, $4)`,
			w.actors[handle].PersonID, verb, w.c, w.now.Add(-ago))
	}
}

// ask adds a question by handle asked ago before now, tagged sourdough.
func (w *world) ask(t *testing.T, handle string, ago time.Duration) int64 {
	t.Helper()
	at := w.now.Add(-ago)
	id := w.exec(t, `INSERT INTO threads (community_id, kind, title, body, author_id, created_at, last_activity_at) VALUES ($1, 'question', $2, 'Why?', $3, $4, $4)`,
		w.c, "Question of "+handle+" "+ago.String(), w.actors[handle].PersonID, at)
	w.run(t, "INSERT INTO thread_tags (thread_id, tag, community_id) SELECT id, 'sourdough', community_id FROM threads WHERE id = $1", id)
	return id
}

// reply adds a reply by handle to thread, after its question was asked.
func (w *world) reply(t *testing.T, thread int64, handle string, after time.Duration) int64 {
	t.Helper()
	var asked time.Time
	if err := w.d.QueryRowContext(context.Background(), `SELECT created_at FROM threads WHERE id = $1`, thread).Scan(&asked); err != nil {
		t.Fatal(err)
	}
	at := asked.Add(after)
	return w.exec(t, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
		VALUES ('thread', $1, $2, 'answer', $3, 'Because.', $4, $4)`, thread, w.c, w.actors[handle].PersonID, at)
}

// attend records handle attending a gathering of the community ago before now.
func (w *world) attend(t *testing.T, handle string, ago time.Duration) {
	t.Helper()
	start := w.now.Add(-ago)
	g := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at)
		VALUES ($1, 'Bake', 'UTC', $2, 60, $2, $2)`, w.c, start)
	o := w.exec(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at) VALUES ($1, $2, $3, $3, $4)`,
		g, w.c, start, start.Add(time.Hour))
	w.run(t, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended) VALUES ($1, $2, 'going', $3, true)`,
		o, w.actors[handle].PersonID, start)
}

func (w *world) health(t *testing.T, days int) stewardship.Health {
	t.Helper()
	if err := w.s.Recount(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	sam := w.actors["sam"]
	h, err := w.s.Health(context.Background(), sam, "bread", days)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

const day = 24 * time.Hour

// gathering adds a one-off gathering in zone starting at start, attended
// by attendees; it returns its occurrence.
func (w *world) gathering(t *testing.T, zone string, start time.Time, attendees ...string) int64 {
	t.Helper()
	g := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at)
		VALUES ($1, 'Meet', $2, $3, 60, $3, $3)`, w.c, zone, start)
	o := w.exec(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at) VALUES ($1, $2, $3, $3, $4)`,
		g, w.c, start, start.Add(time.Hour))
	for _, h := range attendees {
		w.run(t, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended) VALUES ($1, $2, 'going', $3, true)`,
			o, w.actors[h].PersonID, start)
	}
	return o
}

// actAt records one activity of handle with verb at at.
func (w *world) actAt(t *testing.T, handle, verb string, at time.Time) {
	t.Helper()
	w.act(t, handle, verb, w.now.Sub(at), 1)
}

// department puts handles in a new department called name.
func (w *world) department(t *testing.T, name string, handles ...string) {
	t.Helper()
	id := w.exec(t, `INSERT INTO departments (name, slug, created_at) VALUES ($1, $2, $3)`, name, strings.ToLower(name), w.now)
	for _, h := range handles {
		w.run(t, `UPDATE people SET department_id = $1 WHERE id = $2`, id, w.actors[h].PersonID)
	}
}

// post adds a post of kind by handle on thread at at, replying to post
// replyTo (0: to the thread).
func (w *world) post(t *testing.T, thread int64, handle, kind string, replyTo int64, at time.Time) int64 {
	t.Helper()
	var to any
	if replyTo != 0 {
		to = replyTo
	}
	return w.exec(t, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, reply_to, author_id, body, created_at, updated_at)
		VALUES ('thread', $1, $2, $3, $4, $5, 'Yes.', $6, $6)`, thread, w.c, kind, to, w.actors[handle].PersonID, at)
}
