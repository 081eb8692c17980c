package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// BenchmarkSequentialWrites measures the cost of a write as a member meets
// it: entries published and comments posted one after another over HTTP, on
// SQLite, the background jobs running as in `hearth serve` (or every
// HEARTH_BENCH_JOBS_EVERY, such as 50ms: smaller batches, the harder case).
// It reports writes per second. scripts/write-cost runs it against this
// build and an older one in the same run.
func BenchmarkSequentialWrites(b *testing.B) {
	d := dbtest.SQLite(b)
	e := apptest.New(b, d)
	sam := e.Person("sam")
	e.Community(sam, "bread", community.Public, community.Open)
	for i := range 5 {
		e.SetMembership("bread", e.Person(fmt.Sprintf("watcher-%d", i)), community.RoleMember, community.ActiveMember)
	}
	as := e.As("sam")
	stopWorkers := startWorkers(e)
	defer stopWorkers()
	res := as.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Bench entry"}, "summary": {"Where comments go."}, "action": {"publish"}})
	if res.Status != http.StatusSeeOther {
		b.Fatalf("publish: %d", res.Status)
	}
	entry := res.Location
	b.ResetTimer()
	start, cpuStart := time.Now(), processCPU()
	for i := range b.N {
		var res apptest.Response
		if i%2 == 0 {
			res = as.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {fmt.Sprintf("Lesson %d", i)},
				"summary": {"What we learned, @watcher-1."}, "body": {"## What happened\n\nWe tried it, @watcher-2 watched."}, "action": {"publish"}})
		} else {
			res = as.Post(entry+"/comments", url.Values{"body": {fmt.Sprintf("Comment %d: thanks @watcher-3.", i)}})
		}
		if res.Status != http.StatusSeeOther {
			b.Fatalf("write %d: %d\n%s", i, res.Status, res.Body)
		}
	}
	// The jobs a write leaves behind are part of its cost: run them before
	// stopping the clocks.
	if os.Getenv("HEARTH_BENCH_NO_JOBS") == "" {
		runDue(e)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
	// CPU time of the whole process (server, jobs, client) per write: on a
	// machine shared with other work, steadier than writes per second.
	b.ReportMetric(float64((processCPU()-cpuStart).Microseconds())/1000/float64(b.N), "cpu-ms/write")
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// startWorkers runs the background jobs while the benchmark writes: the
// workers as serve runs them, or a pass every HEARTH_BENCH_JOBS_EVERY, or
// none with HEARTH_BENCH_NO_JOBS. It returns the function that stops them.
func startWorkers(e *apptest.Env) (stop func()) {
	if os.Getenv("HEARTH_BENCH_NO_JOBS") != "" {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	every, _ := time.ParseDuration(os.Getenv("HEARTH_BENCH_JOBS_EVERY"))
	go func() {
		defer close(done)
		if every <= 0 {
			runWorkers(ctx, e)
			return
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
				runDue(e)
			}
		}
	}()
	return func() { cancel(); <-done }
}
