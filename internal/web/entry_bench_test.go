//go:build unix

package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/auth"
	"hearth/internal/benchdata"
	"hearth/internal/benchdata/benchrun"
	"hearth/internal/config"
	"hearth/internal/db"
)

// BenchmarkEntryPage loads the library of internal/benchdata,
// HEARTH_BENCH_ENTRIES entries (2,000 by default) and HEARTH_BENCH_COMMENTS
// comments (three per entry by default), into SQLite (and PostgreSQL when
// HEARTH_TEST_POSTGRES is set), then renders entry pages in full through the
// real handler of app.Build, in-process and one at a time, over entries
// spread across the whole id range: as a member (benchdata.Reader, published
// entries of public communities and of the member's two communities) and as
// a steward (benchdata.Steward, entries of the two communities they steward,
// whose pages also list the collections). It reports the latency percentiles
// (p50-ms, p90-ms, p99-ms), the CPU time the process spent per page
// (cpu-ms/op, which other work on the machine does not inflate) and
// queries/op.
//
//	HEARTH_BENCH_ENTRIES=100000 HEARTH_BENCH_SQLITE=/tmp/hearth-bench-100k.db \
//	  go test -run '^$' -bench EntryPage -benchtime 2000x -timeout 1h ./internal/web/
//
// HEARTH_BENCH_SQLITE names a SQLite file to keep: loaded (and indexed for
// search) on the first run, only read on the next ones; BenchmarkSearch in
// internal/search reads the same file.
func BenchmarkEntryPage(b *testing.B) {
	entries, comments := benchrun.Sizes(b)
	benchrun.Each(b, func(b *testing.B, d *db.DB, fresh bool) { benchEntryPage(b, d, entries, comments, fresh) })
}

// benchPages is how many different entries each run cycles through.
const benchPages = 1000

func benchEntryPage(b *testing.B, d *db.DB, entries, comments int, load bool) {
	ctx := context.Background()
	if load {
		start := time.Now()
		if err := benchdata.Load(ctx, d, entries, comments); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: loaded and indexed %d entries and %d comments in %v", d.Dialect, entries, comments, time.Since(start).Round(time.Millisecond))
	}
	var nEntries, nComments int
	if err := d.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM posts)").Scan(&nEntries, &nComments); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d entries and %d comments in the database", d.Dialect, nEntries, nComments)

	h, _, err := app.Build(config.Defaults(), d, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatalf("build app: %v", err)
	}
	for _, role := range []struct {
		name        string
		person      int
		communities string // SQL condition on c, the entry's community
	}{
		{"member", benchdata.Reader, "c.visibility = 'public' OR c.id IN (" + strconv.Itoa(benchdata.ReaderPublic) + ", " + strconv.Itoa(benchdata.ReaderPrivate) + ")"},
		{"steward", benchdata.Steward, "c.id IN (" + strconv.Itoa(benchdata.ReaderPublic) + ", " + strconv.Itoa(benchdata.ReaderPrivate) + ")"},
	} {
		b.Run(role.name, func(b *testing.B) {
			paths := benchEntryPaths(b, d, role.communities)
			cookie := benchSession(b, d, role.person)
			get := func(path string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.AddCookie(cookie)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d\n%s", path, rec.Code, rec.Body)
				}
				return rec
			}
			name := "Person " + strconv.Itoa(role.person)
			if rec := get(paths[0]); !strings.Contains(rec.Body.String(), name) {
				b.Fatalf("GET %s: not the page of %s, signed in:\n%s", paths[0], name, rec.Body)
			}
			for i := range 50 { // warm the caches
				get(paths[i*len(paths)/50])
			}
			var lat []time.Duration
			var bytes int
			before, cpuBefore := d.QueryCount(), cpuTime(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				path := paths[i%len(paths)]
				i++
				t0 := time.Now()
				rec := get(path)
				lat = append(lat, time.Since(t0))
				bytes += rec.Body.Len()
			}
			b.ReportMetric(float64(cpuTime(b)-cpuBefore)/float64(time.Millisecond)/float64(len(lat)), "cpu-ms/op")
			b.ReportMetric(float64(d.QueryCount()-before)/float64(len(lat)), "queries/op")
			b.ReportMetric(benchMS(benchPercentile(lat, 50)), "p50-ms")
			b.ReportMetric(benchMS(benchPercentile(lat, 90)), "p90-ms")
			b.ReportMetric(benchMS(benchPercentile(lat, 99)), "p99-ms")
			b.Logf("%s, %s: %d pages over %d entries, %d bytes a page", d.Dialect, role.name, len(lat), len(paths), bytes/max(1, len(lat)))
		})
	}
}

// benchEntryPaths returns the paths of up to benchPages published entries of
// the communities that match cond, spread evenly over the entries' ids.
func benchEntryPaths(b *testing.B, d *db.DB, cond string) []string {
	rows, err := d.QueryContext(context.Background(), `SELECT c.slug, e.slug FROM entries e JOIN communities c ON c.id = e.community_id
		WHERE e.maturity <> 'draft' AND (`+cond+`) ORDER BY e.id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var all []string
	for rows.Next() {
		var c, e string
		if err := rows.Scan(&c, &e); err != nil {
			b.Fatal(err)
		}
		all = append(all, "/c/"+c+"/practice/"+e)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	if len(all) == 0 {
		b.Fatal("no entries to read")
	}
	paths := make([]string, 0, benchPages)
	for i := range min(benchPages, len(all)) {
		paths = append(paths, all[i*len(all)/min(benchPages, len(all))])
	}
	return paths
}

// benchSession signs person in without a password (the library's people have
// none): it writes a session as sign-in would and returns its cookie.
func benchSession(b *testing.B, d *db.DB, person int) *http.Cookie {
	raw, hash := auth.NewToken()
	now := db.Now()
	if _, err := d.ExecContext(context.Background(), `INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, expires_at, user_agent)
		VALUES ($1, $2, $3, $3, $4, $5)`, hash, person, now, now.Add(24*time.Hour), "benchmark"); err != nil {
		b.Fatal(err)
	}
	return &http.Cookie{Name: "hearth_session", Value: raw}
}

func benchMS(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func benchPercentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}
