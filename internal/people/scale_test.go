package people_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/auth"
	"hearth/internal/bench"
	"hearth/internal/bench/benchtest"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/instance"
	"hearth/internal/people"
	"hearth/internal/ratelimit"
)

// TestExpertsAtScale measures, with 20,000 people (two declared topics each,
// among 50) and over a million contributions (100,000 accepted answers,
// 50,000 reviewed entries and 1,000,000 "this helped me" marks on them), how
// long a recount takes and how long a page of /experts and of the directory
// take, against a bare query. It only runs when HEARTH_SCALE is set (it
// loads for minutes), and asserts that a page is one query.
func TestExpertsAtScale(t *testing.T) {
	if os.Getenv("HEARTH_SCALE") == "" {
		t.Skip("set HEARTH_SCALE=1 to measure the ranking of experts at scale")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		viewer := person(t, d, "viewer", false)
		start := time.Now()
		loadScale(t, d)
		var marks int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM entry_helpful").Scan(&marks); err != nil {
			t.Fatal(err)
		}
		t.Logf("loaded 20,000 people, 100,000 accepted answers, 50,000 reviewed entries, %d helped marks in %v", marks, time.Since(start).Round(time.Millisecond))

		start = time.Now()
		if err := s.Recount(ctx); err != nil {
			t.Fatal(err)
		}
		var rows int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM expertise_scores").Scan(&rows); err != nil {
			t.Fatal(err)
		}
		t.Logf("recount: %v for %d scores", time.Since(start).Round(time.Millisecond), rows)
		vacuumAnalyze(t, d)

		if os.Getenv("HEARTH_SCALE_PLANS") != "" && d.Dialect == db.Postgres {
			q, args := people.ListQuery(people.At{}, people.ListParams{Topic: "topic 7", Level: people.Expert, Limit: 51})
			t.Logf("people by topic and level:\n%s", explainAnalyze(t, d, q, args))
			q, args = people.ExpertsQuery(people.ExpertQuery{Topic: "topic 7", Department: expertsDepartment(t, d)}, 0)
			t.Logf("experts in a department:\n%s", explainAnalyze(t, d, q, args))
		}
		measure := func(name string, fn func() error) {
			t.Helper()
			const n = 200
			q0 := d.QueryCount()
			start := time.Now()
			for range n {
				if err := fn(); err != nil {
					t.Fatal(err)
				}
			}
			t.Logf("%-40s %8.0f per second, %d queries each", name, float64(n)/time.Since(start).Seconds(), (d.QueryCount()-q0)/n)
		}
		measure("bare query (SELECT 1)", func() error {
			var one int
			return d.QueryRowContext(ctx, "SELECT 1").Scan(&one)
		})
		measure("experts, first page", func() error {
			list, _, err := s.Experts(ctx, viewer, people.ExpertQuery{Topic: "topic 7"})
			if err == nil && len(list) != people.ExpertsPageSize {
				t.Fatalf("a page of %d", len(list))
			}
			return err
		})
		first, _, _ := s.Experts(ctx, viewer, people.ExpertQuery{Topic: "topic 7"})
		last := first[len(first)-1]
		measure("experts, second page", func() error {
			_, _, err := s.Experts(ctx, viewer, people.ExpertQuery{Topic: "topic 7", AfterScore: last.Score, AfterID: last.ID})
			return err
		})
		department := expertsDepartment(t, d)
		measure("experts in a department", func() error {
			list, _, err := s.Experts(ctx, viewer, people.ExpertQuery{Topic: "topic 7", Department: department})
			if err == nil && len(list) != people.ExpertsPageSize {
				t.Fatalf("a page of %d in a department", len(list))
			}
			return err
		})
		measure("people, first page", func() error {
			_, _, err := s.Find(ctx, viewer, people.Filter{}, people.At{})
			return err
		})
		measure("people by topic and level", func() error {
			_, _, err := s.Find(ctx, viewer, people.Filter{Topic: "topic 7", Level: people.Expert}, people.At{})
			return err
		})
		measure("people in a department", func() error {
			_, _, err := s.Find(ctx, viewer, people.Filter{Department: "dept-3"}, people.At{})
			return err
		})
		measure("people to meet (the viewer lists nothing)", func() error {
			_, err := s.PeopleToMeet(ctx, viewer)
			return err
		})
		reader := auth.Actor{Handle: "h5"}
		if err := d.QueryRowContext(ctx, "SELECT id FROM people WHERE handle = 'h5'").Scan(&reader.PersonID); err != nil {
			t.Fatal(err)
		}
		measure("people to meet (a reader with two topics)", func() error {
			list, err := s.PeopleToMeet(ctx, reader)
			if err == nil && len(list) != people.MeetSize {
				t.Fatalf("%d people to meet", len(list))
			}
			return err
		})
		for _, what := range []string{"experts", "people", "people by topic and level", "people to meet"} {
			measure(what+", read again (not kept)", func() error {
				n, err := s.ReadUnkept(ctx, what, reader.PersonID)
				if err == nil && n == 0 {
					t.Fatalf("%s: nobody", what)
				}
				return err
			})
		}
		measurePages(t, d)
	})
}

// loadScale loads the scale test's institution into d (whose first person
// is the viewer): 20,000 people in 20 departments and 10 communities, two
// declared topics each among 50, 100,000 accepted answers, 50,000 reviewed
// entries and 1,000,000 "this helped me" marks.
func loadScale(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	now := db.Now()
	seq := func(n int) string {
		return `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ` + itoa(n) + `) `
	}
	for _, q := range []string{
		`INSERT INTO departments (name, slug, created_at) ` + seq(20) + `SELECT 'Dept ' || i, 'dept-' || i, $1 FROM seq`,
		`INSERT INTO people (handle, email, name, password_hash, department_id, created_at) ` + seq(20000) +
			`SELECT 'h' || i, 'h' || i || '@example.org', 'Name ' || i, 'x', 1 + i % 20, $1 FROM seq`,
		`INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at) ` + seq(10) +
			`SELECT 'c' || i, 'C ' || i, 'public', 'open', 'coalescing', 'active', $1, $1 FROM seq`,
		`INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			SELECT 1 + p.id % 10, p.id, 'member', 'active', $1, $1 FROM people p WHERE p.handle <> 'viewer'`,
		`INSERT INTO person_expertise (person_id, tag, level)
			SELECT p.id, 'topic ' || (p.id % 50), CASE p.id % 3 WHEN 0 THEN 'learning' WHEN 1 THEN 'practising' ELSE 'expert' END FROM people p WHERE p.handle <> 'viewer'`,
		`INSERT INTO person_expertise (person_id, tag, level)
			SELECT p.id, 'topic ' || ((p.id + 7) % 50), 'learning' FROM people p WHERE p.handle <> 'viewer'`,
		`INSERT INTO threads (community_id, kind, title, body, created_at, last_activity_at) ` + seq(100000) +
			`SELECT 1 + i % 10, 'question', 'Q', 'Q', $1, $1 FROM seq`,
		`INSERT INTO thread_tags (thread_id, tag, community_id) SELECT t.id, 'topic ' || (t.id % 50), t.community_id FROM threads t`,
		`INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at, accepted_at)
			SELECT 'thread', t.id, t.community_id, 'answer', 1 + (t.id * 7) % 20000, 'A', $1, $1, $1 FROM threads t`,
		`UPDATE threads SET accepted_post_id = (SELECT p.id FROM posts p WHERE p.subject_kind = 'thread' AND p.subject_id = threads.id)`,
		`INSERT INTO entries (community_id, slug, kind, title, maturity, created_at, updated_at) ` + seq(50000) +
			`SELECT 1 + i % 10, 'e' || i, 'lesson', 'E', 'reviewed', $1, $1 FROM seq`,
		`INSERT INTO entry_people (entry_id, person_id, role, since) SELECT e.id, 1 + (e.id * 13) % 20000, 'author', $1 FROM entries e`,
		`INSERT INTO entry_tags (entry_id, tag, community_id) SELECT e.id, 'topic ' || (e.id % 50), e.community_id FROM entries e`,
		`INSERT INTO entry_helpful (entry_id, person_id, created_at) ` + seq(20) +
			`SELECT e.id, 1 + (e.id * 31 + seq.i * 977) % 20000, $1 FROM entries e, seq`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = append(args, now)
		}
		if _, err := d.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if d.Dialect == db.Postgres {
		if _, err := d.ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
	}
}

// measurePages serves the people pages over HTTP at 64 connections, signed
// in as "viewer", with the reference page (20 entries through the same
// driver and html/template) measured in the same run: the target is
// each page at half the reference's requests per second or more. Speed is
// not asserted (machines differ); the table is logged.
func measurePages(t *testing.T, d *db.DB) {
	ctx := context.Background()
	const password = "scale-viewer-2026"
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, "UPDATE people SET password_hash = $1, email_verified_at = $2 WHERE handle = 'viewer'", hash, db.Now()); err != nil {
		t.Fatal(err)
	}
	err = d.WithTx(ctx, func(tx *db.Tx) error {
		st, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		st.SetupDone = true
		return instance.Save(ctx, tx, st)
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Defaults()
	cfg.Limits = map[ratelimit.Action]ratelimit.Rule{}
	h, _, err := app.Build(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	pages := []bench.Page{
		{Name: "/experts?topic=", Paths: []string{"/experts?topic=topic+7", "/experts?topic=topic+12", "/experts?topic=topic+31"}},
		{Name: "/experts in a department", Paths: []string{"/experts?topic=topic+7&department=" + expertsDepartment(t, d)}},
		{Name: "/people", Paths: []string{"/people"}},
		{Name: "/people by topic and level", Paths: []string{"/people?topic=topic+7&level=expert"}},
	}
	benchtest.Measure(t, ctx, d, h, "viewer@example.org", password, "20,000 people", pages)
}

// vacuumAnalyze vacuums and analyzes the test's own tables on PostgreSQL, as
// autovacuum would on a live instance (the test server runs without it):
// the recount rewrites every score row, and unvacuumed tables leave the
// pages' index scans visiting dead rows and the planner guessing.
func vacuumAnalyze(t *testing.T, d *db.DB) {
	t.Helper()
	if d.Dialect != db.Postgres {
		return
	}
	ctx := context.Background()
	rows, err := d.QueryContext(ctx, "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := d.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(tables, ", ")); err != nil {
		t.Fatal(err)
	}
	t.Logf("VACUUM ANALYZE of %d tables: %v", len(tables), time.Since(start).Round(time.Millisecond))
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func explainAnalyze(t *testing.T, d *db.DB, query string, args []any) string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), "EXPLAIN ANALYZE "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	return planOf(t, rows)
}

// expertsDepartment is the department with the most people scored in
// topic 7: the filter's page is then a full one, as where a topic's
// experts work, not one the ranking would find nearly empty. It fails when
// no score row knows its department.
func expertsDepartment(t *testing.T, d *db.DB) string {
	t.Helper()
	var slug string
	err := d.QueryRowContext(context.Background(), `SELECT k.slug FROM expertise_scores s JOIN departments k ON k.id = s.department_id
		WHERE s.tag = 'topic 7' GROUP BY k.slug ORDER BY COUNT(*) DESC, k.slug LIMIT 1`).Scan(&slug)
	if err != nil {
		t.Fatalf("the department with most scores in topic 7: %v", err)
	}
	return slug
}
