package search_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/benchdata"
	"hearth/internal/benchdata/benchrun"
	"hearth/internal/db"
	"hearth/internal/search"
)

// BenchmarkSearch loads the library of internal/benchdata, HEARTH_BENCH_ENTRIES
// entries (2,000 by default) and three comments per entry (or
// HEARTH_BENCH_COMMENTS), written from a Zipf-distributed vocabulary, into SQLite (and PostgreSQL when
// HEARTH_TEST_POSTGRES is set), then measures Search as a signed-in member
// over a mix of queries: rare, mid-frequency and common words, two words, a
// phrase and a prefix. It reports the latency percentiles over the mix
// (p50-ms, p90-ms, p99-ms), and logs the p50 of each sort of query.
//
//	HEARTH_BENCH_ENTRIES=100000 go test -run '^$' -bench Search -benchtime 2000x -timeout 1h ./internal/search/
//
// HEARTH_BENCH_SQLITE names a SQLite file to keep: loaded on the first run,
// only searched on the next ones. BenchmarkEntryPage in internal/web loads
// and reads the same file. Figures: docs/performance.md.
func BenchmarkSearch(b *testing.B) {
	entries, comments := benchrun.Sizes(b)
	benchrun.Each(b, func(b *testing.B, d *db.DB, fresh bool) { benchSearch(b, d, entries, comments, fresh) })
}

// benchQuery is one query of the mix, with what sort of query it is.
type benchQuery struct {
	sort string
	q    search.Query
}

func benchSearch(b *testing.B, d *db.DB, entries, comments int, load bool) {
	ctx := context.Background()
	reader := benchReader()
	if load {
		start := time.Now()
		if err := benchdata.LoadRows(ctx, d, entries, comments); err != nil {
			b.Fatal(err)
		}
		loaded := time.Since(start)
		start = time.Now()
		if err := search.Rebuild(ctx, d); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: loaded %d entries and %d comments in %v, indexed them in %v", d.Dialect, entries, comments,
			loaded.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	}
	start := time.Now()
	if err := search.EnsureBuilt(ctx, d); err != nil { // a kept file a migration asks to index again
		b.Fatal(err)
	}
	if el := time.Since(start); el > time.Second {
		b.Logf("%s: indexed again in %v", d.Dialect, el.Round(time.Millisecond))
	}
	var docs int
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs").Scan(&docs); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d documents in the index", d.Dialect, docs)

	queries := benchMix()
	for _, q := range queries { // warm the caches
		if _, err := search.Search(ctx, d, reader, q.q); err != nil {
			b.Fatal(err)
		}
	}
	// Wall time is what a reader waits; on SQLite, which runs in this
	// process on the calling thread, the thread's CPU time also shows the
	// cost of a query apart from other work competing for the machine.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var all, allCPU []time.Duration
	bySort, cpuBySort := map[string][]time.Duration{}, map[string][]time.Duration{}
	hits := map[string]int{}
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		c0, t0 := threadCPU(), time.Now()
		res, err := search.Search(ctx, d, reader, q.q)
		el, cpu := time.Since(t0), threadCPU()-c0
		if err != nil {
			b.Fatal(err)
		}
		all, allCPU = append(all, el), append(allCPU, cpu)
		bySort[q.sort] = append(bySort[q.sort], el)
		cpuBySort[q.sort] = append(cpuBySort[q.sort], cpu)
		hits[q.sort] += len(res.Hits)
	}
	b.ReportMetric(ms(percentile(all, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(all, 90)), "p90-ms")
	b.ReportMetric(ms(percentile(all, 99)), "p99-ms")
	if d.Dialect == db.SQLite {
		b.ReportMetric(ms(percentile(allCPU, 50)), "cpu-p50-ms")
		b.ReportMetric(ms(percentile(allCPU, 90)), "cpu-p90-ms")
	}
	var lines []string
	for sort, ds := range bySort {
		line := fmt.Sprintf("%-17s p50 %8.2f ms  p90 %8.2f ms", sort, ms(percentile(ds, 50)), ms(percentile(ds, 90)))
		if d.Dialect == db.SQLite {
			line += fmt.Sprintf("  cpu p50 %8.2f ms", ms(percentile(cpuBySort[sort], 50)))
		}
		lines = append(lines, line+fmt.Sprintf("  (%d runs, %.1f hits a page)", len(ds), float64(hits[sort])/float64(len(ds))))
	}
	slices.Sort(lines)
	b.Logf("%s, %d queries:\n%s", d.Dialect, len(all), strings.Join(lines, "\n"))
}

// BenchmarkSearchMix runs, in process and one at a time, the queries that
// `hearth bench` cycles over HTTP (benchdata.SearchMix), on a kept library
// (HEARTH_BENCH_SQLITE or HEARTH_BENCH_POSTGRES, loaded by BenchmarkSearch
// or `hearth bench --data`), as benchReaders (a visitor, as `hearth bench`
// searches, with HEARTH_BENCH_VISITOR; members in turn with
// HEARTH_BENCH_MEMBERS). It logs each query's p50 and
// statements, and reports the mean of the p50s: what a query of the mix
// costs before HTTP and rendering.
//
//	HEARTH_BENCH_VISITOR=1 HEARTH_BENCH_SQLITE=/tmp/sb100k/hearth.db \
//	  go test -run '^$' -bench 'SearchMix$' -benchtime 1300x ./internal/search/
func BenchmarkSearchMix(b *testing.B) {
	benchrun.Each(b, func(b *testing.B, d *db.DB, fresh bool) {
		ctx := context.Background()
		if fresh {
			b.Skip("load the library with BenchmarkSearch or hearth bench first (HEARTH_BENCH_SQLITE)")
		}
		readers := benchReaders()
		mix := benchdata.SearchMix()
		times := make([][]time.Duration, len(mix))
		statements := make([]int64, len(mix))
		i := 0
		for b.Loop() {
			k, reader := i%len(mix), readers[i/len(mix)%len(readers)] // each reader the whole mix, in turn
			i++
			q := search.Query{Text: mix[k].Text, Community: mix[k].Community}
			n0, t0 := d.QueryCount(), time.Now()
			if _, err := search.Search(ctx, d, reader, q); err != nil {
				b.Fatal(err)
			}
			times[k] = append(times[k], time.Since(t0))
			statements[k] = d.QueryCount() - n0
		}
		var lines []string
		mean := 0.0
		for k, q := range mix {
			p50 := ms(percentile(times[k], 50))
			mean += p50 / float64(len(mix))
			lines = append(lines, fmt.Sprintf("%-40s %-4s p50 %6.3f ms  %2d statements", q.Text, q.Community, p50, statements[k]))
		}
		b.ReportMetric(mean, "mean-p50-ms")
		b.Logf("%s, %d queries:\n%s", d.Dialect, i, strings.Join(lines, "\n"))
	})
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// BenchmarkSearchConcurrent runs the mix of BenchmarkSearch from
// HEARTH_BENCH_CLIENTS goroutines (64 by default) at once, as `hearth bench`
// does over HTTP, and reports searches a second and the process's CPU time
// per search (user and system): a cost that grows with concurrency (locks,
// a pool's waits, page faults) shows here and not in BenchmarkSearch.
func BenchmarkSearchConcurrent(b *testing.B) {
	clients := envClients(b)
	benchrun.Each(b, func(b *testing.B, d *db.DB, fresh bool) {
		ctx := context.Background()
		if fresh {
			b.Skip("load the library with BenchmarkSearch first (HEARTH_BENCH_SQLITE)")
		}
		reader := benchReader()
		queries := benchMix()
		b.SetParallelism(max(1, clients/runtime.GOMAXPROCS(0)))
		var next atomic.Int64
		c0, t0 := processCPU(), time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				q := queries[int(next.Add(1))%len(queries)]
				if _, err := search.Search(ctx, d, reader, q.q); err != nil {
					b.Error(err)
					return
				}
			}
		})
		el, cpu := time.Since(t0), processCPU()-c0
		b.ReportMetric(float64(b.N)/el.Seconds(), "searches/s")
		b.ReportMetric(ms(cpu)/float64(b.N), "cpu-ms/search")
	})
}

func envClients(b *testing.B) int {
	s := os.Getenv("HEARTH_BENCH_CLIENTS")
	if s == "" {
		return 64
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("HEARTH_BENCH_CLIENTS=%q: want a positive number", s)
	}
	return n
}

// benchReaders is who searches the mix, one after the other, each the whole
// mix in turn: benchReader, or with HEARTH_BENCH_MEMBERS=n the library's
// first n people, signed in, as an institution's members search.
func benchReaders() []auth.Actor {
	n, _ := strconv.Atoi(os.Getenv("HEARTH_BENCH_MEMBERS"))
	if n < 1 {
		return []auth.Actor{benchReader()}
	}
	readers := make([]auth.Actor, min(n, benchdata.People))
	for i := range readers {
		p := strconv.Itoa(i + 1)
		readers[i] = auth.Actor{PersonID: int64(i + 1), Handle: "p" + p, Name: "Person " + p, Verified: true}
	}
	return readers
}

// benchReader is who searches: a member (person 1), or a visitor when
// HEARTH_BENCH_VISITOR is set, as `hearth bench` searches.
func benchReader() auth.Actor {
	if os.Getenv("HEARTH_BENCH_VISITOR") != "" {
		return auth.Actor{}
	}
	return auth.Actor{PersonID: benchdata.Reader, Handle: "p1", Name: "Person 1", Verified: true}
}

// benchMix is the mix of queries, each with its sort.
func benchMix() []benchQuery {
	var queries []benchQuery
	add := func(sort string, texts ...string) {
		for _, t := range texts {
			queries = append(queries, benchQuery{sort, search.Query{Text: t}})
		}
	}
	w := benchdata.Vocabulary()
	// Ranks in the Zipf vocabulary: rank 5,000 is in ~0.2% of documents,
	// rank 500 in ~2%, rank 50 in ~20%.
	add("rare word", w[5000], w[5011], w[6007], w[4003])
	add("mid word", w[500], w[611], w[707], w[803])
	add("common word", w[50], w[61])
	add("two words", w[300]+" "+w[400], w[120]+" "+w[2000], w[50]+" "+w[900])
	add("phrase", `"`+w[10]+" "+w[11]+`"`)
	add("prefix", w[700][:4]+"*", w[1500][:5]+"*")
	for i := range 4 {
		q := search.Query{Text: w[500+i*37], Community: benchdata.CommunitySlug(i + 1)}
		queries = append(queries, benchQuery{"in one community", q})
	}
	if only := os.Getenv("HEARTH_BENCH_SORT"); only != "" { // one sort of query, to profile it
		queries = slices.DeleteFunc(queries, func(q benchQuery) bool { return q.sort != only })
	}
	return queries
}
