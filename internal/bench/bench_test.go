package bench_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/bench"
	"hearth/internal/benchdata"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/ratelimit"
)

func tiny() bench.Options {
	o := bench.Defaults()
	o.Entries, o.Comments, o.Threads, o.Replies, o.Clients, o.Warmup, o.Duration = 120, 300, 30, 60, 3, 20*time.Millisecond, time.Second // long enough for a page even under -race on a busy machine
	return o
}

// TestBenchOnBothEngines builds a tiny benchmark library and measures every
// target against the real application, on SQLite and PostgreSQL: every
// request is answered as expected (pages 200, writes 303).
func TestBenchOnBothEngines(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		o := tiny()
		var progress bytes.Buffer
		if err := bench.Prepare(ctx, d, o, &progress); err != nil {
			t.Fatal(err)
		}
		cfg := config.Defaults()
		cfg.Limits = map[ratelimit.Action]ratelimit.Rule{}
		h, _, err := app.Build(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := bench.Run(ctx, d, h, o, &progress)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Results) != 12 || rep.Engine != string(d.Dialect) {
			t.Fatalf("report = %+v", rep)
		}
		written := map[string]int{}
		for _, r := range rep.Results {
			if r.Requests == 0 || r.Errors != 0 {
				t.Errorf("%s: %d requests, %d errors (%s)", r.Name, r.Requests, r.Errors, r.FirstError)
			}
			written[r.Name] = r.Requests
		}
		var going, places int
		if err := d.QueryRowContext(ctx, `SELECT (SELECT going FROM gathering_occurrences WHERE gathering_id = $1),
			(SELECT SUM(going) FROM gathering_sessions WHERE gathering_id = $1)`, benchdata.ConferenceGathering).Scan(&going, &places); err != nil {
			t.Fatal(err)
		}
		if going != benchdata.People || places != 3*benchdata.People {
			t.Errorf("the conference has %d going and %d session places, want %d and %d", going, places, benchdata.People, 3*benchdata.People)
		}
		var comments, replies int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'entry'").Scan(&comments); err != nil {
			t.Fatal(err)
		}
		if written := written["comment (sequential writes)"]; written == 0 || comments < o.Comments+written {
			t.Errorf("%d comments after %d writes on %d", comments, written, o.Comments)
		}
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'thread'").Scan(&replies); err != nil {
			t.Fatal(err)
		}
		if written := written["reply (sequential writes)"]; written == 0 || replies < o.Replies+written {
			t.Errorf("%d replies after %d writes on %d", replies, written, o.Replies)
		}
	})
}

// TestPrepareRefusesAnotherDatabase: a database holding anything else is
// refused and left as it was, with --reuse too.
func TestPrepareRefusesAnotherDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, `INSERT INTO people (handle, email, name, password_hash, created_at) VALUES ('ada', 'ada@example.org', 'Ada', 'x', $1)`, db.Now()); err != nil {
			t.Fatal(err)
		}
		for _, reuse := range []bool{false, true} {
			o := tiny()
			o.Reuse = reuse
			if err := bench.Prepare(ctx, d, o, io.Discard); !errors.Is(err, bench.ErrNotEmpty) {
				t.Errorf("reuse %v: %v", reuse, err)
			}
		}
		var people, entries int
		if err := d.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM entries)").Scan(&people, &entries); err != nil {
			t.Fatal(err)
		}
		if people != 1 || entries != 0 {
			t.Errorf("refused, yet %d people and %d entries", people, entries)
		}
	})
}

// TestPrepareReuseBuildsIndexAsked: a reused library whose index a
// migration asked to build again is indexed before it is measured (a
// search without its index would find nothing, and be measured fast).
func TestPrepareReuseBuildsIndexAsked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		o := tiny()
		if err := bench.Prepare(ctx, d, o, io.Discard); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, "DELETE FROM search_docs"); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, "INSERT INTO search_meta (name, value) VALUES ('rebuild', 'a test')"); err != nil {
			t.Fatal(err)
		}
		o.Reuse = true
		if err := bench.Prepare(ctx, d, o, io.Discard); err != nil {
			t.Fatal(err)
		}
		var docs, asked int
		if err := d.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM search_docs), (SELECT COUNT(*) FROM search_meta)").Scan(&docs, &asked); err != nil {
			t.Fatal(err)
		}
		if want := o.Entries + o.Comments + o.Threads + o.Replies; docs < want || asked != 0 {
			t.Errorf("after reuse: %d documents (want at least %d), %d builds still asked for", docs, want, asked)
		}
	})
}
