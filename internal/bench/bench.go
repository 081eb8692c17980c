// Package bench is `hearth bench`: it builds a benchmark institution of a
// chosen size (internal/benchdata) into an empty database, serves it and a
// bare reference page on loopback, and loads each of Hearth's main pages,
// a mix of searches and sequential writes with a fixed number of concurrent
// clients over real HTTP, all in one run, so that anyone can measure Hearth
// on their own machine against what the same machine serves at best.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"hearth/internal/auth"
	"hearth/internal/benchdata"
	"hearth/internal/db"
	"hearth/internal/progress"
	"hearth/internal/search"
)

// Options says what to build and how to load it.
type Options struct {
	Entries  int           // entries in the library
	Comments int           // comments (three per entry when 0)
	Threads  int           // threads in one community's talk
	Replies  int           // replies in the first of those threads
	Clients  int           // concurrent clients of each read target
	Warmup   time.Duration // per target, not measured
	Duration time.Duration // per target, measured
	Reuse    bool          // a database that holds the benchmark library of this size is used as it is
	Only     []string      // when set, the targets measured (by name), the reference page always
}

// Defaults are the options of `hearth bench` without flags.
func Defaults() Options {
	return Options{Entries: 2000, Threads: 50_000, Replies: 500, Clients: 64, Warmup: 2 * time.Second, Duration: 10 * time.Second}
}

// Password is the password of benchdata.Reader, who signs in for the writes.
const Password = "hearth-bench-2026"

// ErrNotEmpty is returned for a database that holds anything but a
// benchmark library that may be reused.
var ErrNotEmpty = errors.New("the database is not empty: give an empty data folder (--data) or database (--database), or --reuse a benchmark library of the same size")

// Prepare makes d hold the benchmark library of o's size: loaded and indexed
// with progress on w when d is empty, used as it is when o.Reuse and d holds
// it already. It refuses any other database, changing nothing.
func Prepare(ctx context.Context, d *db.DB, o Options, w io.Writer) error {
	var people, communities, entries, comments, threads int
	err := d.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM communities),
		(SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM posts WHERE subject_kind = 'entry'), (SELECT COUNT(*) FROM threads)`).
		Scan(&people, &communities, &entries, &comments, &threads)
	if err != nil {
		return fmt.Errorf("check the database is empty: %w", err)
	}
	switch {
	case people == 0 && communities == 0:
	case o.Reuse && people == benchdata.People && communities == benchdata.Communities && entries == o.Entries && comments >= o.Comments &&
		threads == o.Threads:
		fmt.Fprintf(w, "Reusing the benchmark library: %d entries, %d comments, %d threads\n", entries, comments, threads)
		if err := addConference(ctx, d, w); err != nil {
			return err
		}
		// A migration since the library was built may have asked for the
		// index again: measured without it, a search finds nothing.
		stages := progress.NewStages(w)
		err := search.EnsureBuiltProgress(ctx, d, stages.Set)
		stages.Done()
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		return analyze(ctx, d)
	default:
		return ErrNotEmpty
	}
	bar := progress.New(w, "writing entries and comments", o.Entries+o.Comments)
	err = benchdata.LoadRowsProgress(ctx, d, o.Entries, o.Comments, func(done int) { bar.Set(done) })
	bar.Set(o.Entries + o.Comments)
	bar.Done()
	if err != nil {
		return err
	}
	bar = progress.New(w, "writing threads", o.Threads)
	err = benchdata.LoadTalk(ctx, d, o.Threads, o.Replies, func(done int) { bar.Set(done) })
	bar.Set(o.Threads)
	bar.Done()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "writing the conference")
	if err := benchdata.LoadConference(ctx, d); err != nil {
		return err
	}
	stages := progress.NewStages(w)
	stages.SetTotal(search.StageDocuments, o.Entries+o.Comments+o.Threads+o.Replies+benchdata.People+benchdata.Communities+1) // and the conference
	err = search.RebuildProgress(ctx, d, stages.Set)
	stages.Done()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	// The reader signs in for the writes: a real password, hashed once.
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	if _, err = d.ExecContext(ctx, "UPDATE people SET password_hash = $1 WHERE id = $2", hash, benchdata.Reader); err != nil {
		return err
	}
	return analyze(ctx, d)
}

// addConference writes the conference into a library built before there
// was one (benchmark libraries take long to build, and are reused).
func addConference(ctx context.Context, d *db.DB, w io.Writer) error {
	var n int
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM gatherings").Scan(&n); err != nil || n > 0 {
		return err
	}
	fmt.Fprintln(w, "Adding the conference, which this library was built without")
	return benchdata.LoadConference(ctx, d)
}

// analyze gives PostgreSQL's planner the statistics of the tables just
// loaded: without them (autovacuum comes later) it guesses, and a list of
// 50,000 threads is sorted whole instead of read backwards along its index.
// It vacuums them too, as autovacuum would on a live instance (it may be off
// on a test server): loading 50,000 threads updates their community's row of
// community_counts 50,000 times, and left unvacuumed that one row cost about
// 1.3 ms of PostgreSQL's time on every page of the community.
func analyze(ctx context.Context, d *db.DB) error {
	if d.Dialect != db.Postgres {
		return nil
	}
	if _, err := d.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// Run loads every target in turn against hearth (the application's
// handler over d) and the reference page, and reports each, telling how far
// it is on w.
func Run(ctx context.Context, d *db.DB, hearth http.Handler, o Options, w io.Writer) (Report, error) {
	rep := Report{Engine: string(d.Dialect), Entries: o.Entries, Comments: o.Comments, Threads: o.Threads, Replies: o.Replies, Clients: o.Clients,
		Duration: o.Duration.Seconds(), Started: time.Now().UTC()}
	app, err := listen(hearth)
	if err != nil {
		return rep, err
	}
	defer app.close()
	ref, err := listen(Reference(d))
	if err != nil {
		return rep, err
	}
	defer ref.close()
	targets, err := targetsFor(ctx, d, app.url, ref.url, o)
	if err != nil {
		return rep, err
	}
	err = rep.measure(ctx, targets, o, w)
	return rep, err
}

// measure runs each target o measures in turn, telling how far it is on w,
// and fills in the report's results and their ratios to the reference.
func (rep *Report) measure(ctx context.Context, targets []target, o Options, w io.Writer) error {
	for _, t := range targets {
		if !o.measures(t.name) {
			continue
		}
		fmt.Fprintf(w, "%s: %d client(s), %v\n", t.name, t.clients, o.Warmup+o.Duration)
		r, err := t.run(ctx, o)
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		rep.Results = append(rep.Results, r)
	}
	rep.ratios()
	return nil
}

// measures reports whether the target called name is measured: all of them
// unless Only names some; the reference page always, for the ratios.
func (o Options) measures(name string) bool {
	return len(o.Only) == 0 || name == referenceName || slices.Contains(o.Only, name)
}
