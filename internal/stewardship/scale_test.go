package stewardship_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestRecountAtScale measures how long the health job takes for one
// community of 2,000 members in 20 departments with 100,000 contributions
// over a year, 20,000 replies and 100 gatherings of 30 attendees. It only
// runs when HEARTH_SCALE is set (it loads for a while).
func TestRecountAtScale(t *testing.T) {
	if os.Getenv("HEARTH_SCALE") == "" {
		t.Skip("set HEARTH_SCALE=1 to measure the health job at scale")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := db.Now()
		w := newWorld(t, d, now)
		if err := w.s.RecountCommunity(context.Background(), w.c, true); err != nil {
			t.Fatal(err)
		}
		emptyQueries := healthQueries(t, w)
		seq := func(n int) string {
			return `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ` + strconv.Itoa(n) + `) `
		}
		start := time.Now()
		at := now.AddDate(-1, 0, 0) // spread over the year after (on PostgreSQL)
		if d.Dialect == db.SQLite {
			at = now.AddDate(0, 0, -30) // SQLite has no intervals: every time is this one
		}
		for _, q := range []string{
			`INSERT INTO departments (name, slug, created_at) ` + seq(20) + `SELECT 'Dept ' || i, 'dept-' || i, $1 FROM seq`,
			`INSERT INTO people (handle, email, name, password_hash, department_id, created_at) ` + seq(2000) +
				`SELECT 'h' || i, 'h' || i || '@example.org', 'Name ' || i, 'x', 1 + i % 20, $1 FROM seq`,
			`INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
				SELECT $2, p.id, 'member', 'active', $1, $1 FROM people p WHERE p.handle LIKE 'h%'`,
			`INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at) ` + seq(100000) +
				`SELECT (SELECT MIN(id) FROM people WHERE handle LIKE 'h%') + i % 2000, 'entry.published', 'entry', 1, $2, $1 FROM seq`,
			`INSERT INTO threads (community_id, kind, title, body, author_id, created_at, last_activity_at) ` + seq(10000) +
				`SELECT $2, 'question', 'Q', 'Q', (SELECT MIN(id) FROM people WHERE handle LIKE 'h%') + i % 2000, $1, $1 FROM seq`,
			`INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
				SELECT 'thread', t.id, t.community_id, 'answer', t.author_id + 7, 'A', $1, $1 FROM threads t WHERE t.author_id + 7 IN (SELECT id FROM people)`,
			`INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
				SELECT 'thread', t.id, t.community_id, 'reply', t.author_id + 13, 'R', $1, $1 FROM threads t WHERE t.author_id + 13 IN (SELECT id FROM people)`,
			`INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at) ` + seq(100) +
				`SELECT $2, 'G', 'Europe/Paris', $1, 60, $1, $1 FROM seq`,
			`INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at) SELECT id, community_id, starts_at, starts_at, $1 FROM gatherings WHERE community_id = $2`,
			`INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended)
				SELECT o.id, p.id, 'going', $1, TRUE FROM gathering_occurrences o JOIN people p ON p.handle LIKE 'h%' AND p.id % 66 = o.id % 66`,
		} {
			args := []any{at}
			if strings.Contains(q, "$2") {
				args = append(args, w.c)
			}
			if strings.Contains(q, "gathering_occurrences") {
				args[0] = at.Add(time.Hour) // their end
			}
			if _, err := d.ExecContext(context.Background(), q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		// Spread the times over the last year.
		for _, q := range []string{
			`UPDATE activities SET created_at = created_at + (id % 365) * INTERVAL '1 day' + (id % 24) * INTERVAL '1 hour'`,
			`UPDATE posts SET created_at = created_at + (id % 365) * INTERVAL '1 day'`,
			`UPDATE gathering_occurrences SET starts_at = starts_at + (id % 180) * INTERVAL '1 day', ends_at = ends_at + (id % 180) * INTERVAL '1 day'`,
		} {
			if d.Dialect == db.SQLite {
				continue // SQLite has no intervals: its times stay at one moment, which the job handles the same
			}
			if _, err := d.ExecContext(context.Background(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		t.Logf("loaded in %v", time.Since(start).Round(time.Millisecond))
		// Statistics as a live database has them: autovacuum analyzes a
		// PostgreSQL table after it grows (without them it plans the
		// freshly loaded tables as empty ones); nothing analyzes a SQLite
		// database in production, and its statistics would make it prepare
		// again, on every execution, a statement whose bound values its
		// samples could plan differently (a third of the health page's
		// time went to preparing the community's query).
		if d.Dialect == db.Postgres {
			if _, err := d.ExecContext(context.Background(), "ANALYZE"); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.people.RecountCommunity(context.Background(), w.c); err != nil {
			t.Fatal(err) // the participation count runs first, as in production
		}
		start = time.Now()
		if err := w.s.RecountCommunity(context.Background(), w.c, true); err != nil {
			t.Fatal(err)
		}
		t.Logf("recount of 100,000 contributions, 20,000 posts, 100 gatherings of ~30: %v", time.Since(start).Round(time.Millisecond))
		h := w.health(t, 90)
		if len(h.Departments) == 0 || len(h.Rhythm) == 0 {
			t.Errorf("departments %d, rhythm cells %d", len(h.Departments), len(h.Rhythm))
		}
		// At most one more than in an empty community: the experts who
		// might answer the waiting questions, looked up once for the whole
		// queue (the lists may come from memory: a query less).
		if n := healthQueries(t, w); n > emptyQueries+1 {
			t.Errorf("the health page costs %d queries at 100,000 contributions, %d in an empty community", n, emptyQueries)
		} else {
			t.Logf("the health page: %d queries (%d in an empty community, with no queue)", n, emptyQueries)
		}
		// Once the lists and the experts are in memory: the community with
		// the run, the names' and experts' versions and the checklist.
		healthNowQueries(t, w)
		if n := healthNowQueries(t, w); n != 1 {
			t.Errorf("the health page reads %d queries a request once drawn, want 1", n)
		}
		measureHealthPage(t, w)
	})
}
