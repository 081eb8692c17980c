package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/search"
)

// BenchmarkSearch loads a library of HEARTH_BENCH_ENTRIES entries (2,000 by
// default) and three comments per entry (or HEARTH_BENCH_COMMENTS), written
// from a Zipf-distributed vocabulary, into SQLite (and PostgreSQL when
// HEARTH_TEST_POSTGRES is set), then measures Search as a signed-in member
// over a mix of queries: rare, mid-frequency and common words, two words, a
// phrase and a prefix. It reports the latency percentiles over the mix
// (p50-ms, p90-ms, p99-ms), and logs the p50 of each sort of query.
//
//	HEARTH_BENCH_ENTRIES=100000 go test -run '^$' -bench Search -benchtime 2000x -timeout 1h ./internal/search/
//
// HEARTH_BENCH_SQLITE names a SQLite file to keep: loaded on the first run,
// only searched on the next ones.
func BenchmarkSearch(b *testing.B) {
	entries := envInt(b, "HEARTH_BENCH_ENTRIES", 2000)
	comments := envInt(b, "HEARTH_BENCH_COMMENTS", 3*entries)
	b.Run("sqlite", func(b *testing.B) {
		path := os.Getenv("HEARTH_BENCH_SQLITE")
		if path == "" {
			benchSearch(b, dbtest.SQLite(b), entries, comments, true)
			return
		}
		// A file kept between runs: loaded the first time, searched every time.
		_, err := os.Stat(path)
		fresh := os.IsNotExist(err)
		d, err := db.Open(context.Background(), "", path)
		if err != nil {
			b.Fatal(err)
		}
		defer d.Close()
		benchSearch(b, d, entries, comments, fresh)
	})
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchSearch(b, dbtest.Postgres(b), entries, comments, true) })
	}
}

func envInt(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

// benchQuery is one query of the mix, with what sort of query it is.
type benchQuery struct {
	sort string
	q    search.Query
}

func benchSearch(b *testing.B, d *db.DB, entries, comments int, load bool) {
	ctx := context.Background()
	reader := auth.Actor{PersonID: 1, Handle: "p1", Name: "Person 1", Verified: true} // see loadLibrary
	if load {
		start := time.Now()
		loadLibrary(b, d, entries, comments)
		loaded := time.Since(start)
		start = time.Now()
		if err := search.Rebuild(ctx, d); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: loaded %d entries and %d comments in %v, indexed them in %v", d.Dialect, entries, comments,
			loaded.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	}
	var docs int
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs").Scan(&docs); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d documents in the index", d.Dialect, docs)

	var queries []benchQuery
	add := func(sort string, texts ...string) {
		for _, t := range texts {
			queries = append(queries, benchQuery{sort, search.Query{Text: t}})
		}
	}
	w := vocabulary()
	// Ranks in the Zipf vocabulary: rank 5,000 is in ~0.2% of documents,
	// rank 500 in ~2%, rank 50 in ~20%.
	add("rare word", w[5000], w[5011], w[6007], w[4003])
	add("mid word", w[500], w[611], w[707], w[803])
	add("common word", w[50], w[61])
	add("two words", w[300]+" "+w[400], w[120]+" "+w[2000], w[50]+" "+w[900])
	add("phrase", `"`+w[10]+" "+w[11]+`"`)
	add("prefix", w[700][:4]+"*", w[1500][:5]+"*")
	for i := range 4 {
		q := search.Query{Text: w[500+i*37], Community: "c" + strconv.Itoa(i+1)}
		queries = append(queries, benchQuery{"in one community", q})
	}
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

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// vocabulary is 20,000 made-up words, most frequent first.
func vocabulary() []string {
	syllables := strings.Fields("ka lo ri men tu sa vel dor pin gra bel sho nu fi tam ro le quin dar mis")
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var out []string
	for len(out) < 20000 {
		var w strings.Builder
		for range 2 + r.IntN(3) {
			w.WriteString(syllables[r.IntN(len(syllables))])
		}
		if s := w.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// loadLibrary writes people, 20 communities (12 public, 5 for the
// institution, 3 private), entries (5% drafts) with tags and an author, and
// comments, with multi-row INSERTs in one transaction. Person 1, the reader
// of the benchmark, is a member of communities c1 (public) and c18 (private).
func loadLibrary(b *testing.B, d *db.DB, entries, comments int) {
	ctx := context.Background()
	words := vocabulary()
	r := rand.New(rand.NewPCG(3, 4))
	zipf := rand.NewZipf(r, 1.07, 1, uint64(len(words)-1))
	text := func(n int) string {
		var s strings.Builder
		for i := range n {
			if i > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(words[zipf.Uint64()])
		}
		return s.String()
	}
	now := db.Now()
	const people, communities = 200, 20
	err := d.WithTx(ctx, func(tx *db.Tx) error {
		ins := newInserter(ctx, tx)
		for i := 1; i <= people; i++ {
			ins.row("INSERT INTO people (id, handle, email, name, password_hash, email_verified_at, created_at) VALUES",
				i, "p"+strconv.Itoa(i), "p"+strconv.Itoa(i)+"@example.org", "Person "+strconv.Itoa(i), "x", now, now)
		}
		ins.flush()
		for i := 1; i <= communities; i++ {
			vis := "public"
			switch {
			case i > 17:
				vis = "private"
			case i > 12:
				vis = "institution"
			}
			ins.row("INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at) VALUES",
				i, "c"+strconv.Itoa(i), "Community "+strconv.Itoa(i), vis, "open", "maturing", "active", now, now)
		}
		ins.flush()
		ins.row("INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES", 1, 1, "member", "active", now, now)
		ins.row("INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES", 18, 1, "member", "active", now, now)
		ins.flush()
		kinds := []string{"story", "lesson", "practice", "resource"}
		for i := 1; i <= entries; i++ {
			maturity := "published"
			if i%20 == 0 {
				maturity = "draft"
			}
			at := now.Add(-time.Duration(r.IntN(1000)) * time.Hour)
			ins.row(`INSERT INTO entries (id, community_id, slug, kind, title, summary, body, maturity, created_by, created_at, updated_at) VALUES`,
				i, 1+r.IntN(communities), "e"+strconv.Itoa(i), kinds[r.IntN(4)], text(4+r.IntN(5)), text(15+r.IntN(15)),
				text(60+r.IntN(120)), maturity, 1+r.IntN(people), at, at)
		}
		ins.flush()
		for i := 1; i <= entries; i++ {
			ins.row("INSERT INTO entry_people (entry_id, person_id, role, since) VALUES", i, 1+(i*7)%people, "author", now)
		}
		ins.flush()
		for i := 1; i <= entries; i++ {
			a, t := words[20+r.IntN(200)], words[300+r.IntN(200)]
			ins.row("INSERT INTO entry_tags (entry_id, tag) VALUES", i, a)
			ins.row("INSERT INTO entry_tags (entry_id, tag) VALUES", i, t)
		}
		ins.flush()
		for i := 1; i <= comments; i++ {
			ins.row("INSERT INTO comments (id, entry_id, author_id, body, created_at, updated_at) VALUES",
				i, 1+r.IntN(entries), 1+r.IntN(people), text(12+r.IntN(40)), now, now)
		}
		ins.flush()
		return ins.err
	})
	if err != nil {
		b.Fatalf("load: %v", err)
	}
}

// maxArgs bounds the arguments of one INSERT: binding $N parameters by name
// costs the SQLite driver time that grows with their number, per parameter.
const maxArgs = 1000

// inserter batches rows of one INSERT statement into multi-row INSERTs.
type inserter struct {
	ctx  context.Context
	q    db.Q
	head string
	rows []string
	args []any
	err  error
}

func newInserter(ctx context.Context, q db.Q) *inserter { return &inserter{ctx: ctx, q: q} }

// row adds a row to the statement head ("INSERT INTO t (a, b) VALUES"),
// writing out the batch when the head changes or the batch is full.
func (in *inserter) row(head string, values ...any) {
	if in.head != head || len(in.args)+len(values) > maxArgs {
		in.flush()
		in.head = head
	}
	in.rows = append(in.rows, "("+db.Placeholders(len(in.args)+1, len(values))+")")
	in.args = append(in.args, values...)
}

func (in *inserter) flush() {
	if len(in.rows) == 0 || in.err != nil {
		in.rows, in.args = nil, nil
		return
	}
	_, in.err = in.q.ExecContext(in.ctx, in.head+" "+strings.Join(in.rows, ", "), in.args...)
	in.rows, in.args = nil, nil
}
