package jobs_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
)

var quiet = slog.New(slog.DiscardHandler)

// clock is a settable time for runners under test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// newClock starts a second ahead of real time, so jobs enqueued now are due.
func newClock() *clock { return &clock{t: db.Now().Add(time.Second)} }
func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func enqueue(t *testing.T, d *db.DB, j jobs.Job) {
	t.Helper()
	if err := d.WithTx(context.Background(), func(tx *db.Tx) error { return jobs.Enqueue(context.Background(), tx, j) }); err != nil {
		t.Fatal(err)
	}
}

func runDue(t *testing.T, r *jobs.Runner) int {
	t.Helper()
	n, err := r.RunDue(context.Background())
	if err != nil {
		t.Fatalf("RunDue: %v", err)
	}
	return n
}

func status(t *testing.T, d *db.DB) (queued, running, done, failed int) {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), "SELECT status, COUNT(*) FROM jobs GROUP BY status")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		switch s {
		case "queued":
			queued = n
		case "running":
			running = n
		case "done":
			done = n
		case "failed":
			failed = n
		}
	}
	return
}

func TestJobEnqueuedInRolledBackTransactionNeverRuns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var ran atomic.Int32
		r := jobs.NewRunner(d, quiet)
		r.Handle("greet", func(context.Context, jobs.Run) error { ran.Add(1); return nil })
		err := d.WithTx(context.Background(), func(tx *db.Tx) error {
			if err := jobs.Enqueue(context.Background(), tx, jobs.Job{Kind: "greet"}); err != nil {
				return err
			}
			return errors.New("the write fails")
		})
		if err == nil {
			t.Fatal("want the transaction's error")
		}
		enqueue(t, d, jobs.Job{Kind: "greet", Payload: map[string]string{"to": "Ada"}})
		if n := runDue(t, r); n != 1 || ran.Load() != 1 {
			t.Fatalf("ran %d (handler %d), want exactly the committed job", n, ran.Load())
		}
		if _, _, done, _ := status(t, d); done != 1 {
			t.Fatalf("done = %d, want 1", done)
		}
	})
}

func TestFailedJobIsRetriedWithBackoff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newClock()
		r := jobs.NewRunner(d, quiet)
		r.SetClock(c.now)
		var calls atomic.Int32
		var payloads []string
		r.Handle("flaky", func(_ context.Context, run jobs.Run) error {
			var p struct{ N int }
			if err := run.Decode(&p); err != nil {
				return err
			}
			payloads = append(payloads, string(run.Payload))
			if calls.Add(1) < 3 {
				return errors.New("server busy")
			}
			return nil
		})
		enqueue(t, d, jobs.Job{Kind: "flaky", Payload: struct{ N int }{7}})
		runDue(t, r) // attempt 1 fails
		if n := runDue(t, r); n != 0 {
			t.Fatalf("a failed job ran again at once (%d); want it to wait", n)
		}
		c.advance(jobs.RetryDelay(1))
		runDue(t, r) // attempt 2 fails
		c.advance(jobs.RetryDelay(1))
		if n := runDue(t, r); n != 0 {
			t.Fatal("the second retry came after one delay; want the delay to double")
		}
		c.advance(jobs.RetryDelay(2))
		runDue(t, r) // attempt 3 succeeds
		if calls.Load() != 3 {
			t.Fatalf("handler called %d times, want 3", calls.Load())
		}
		if payloads[2] != `{"N":7}` {
			t.Errorf("payload %q", payloads[2])
		}
		if q, _, done, _ := status(t, d); done != 1 || q != 0 {
			t.Fatalf("queued %d done %d", q, done)
		}
	})
}

func TestJobFailsAfterMaxAttemptsOrAPermanentError(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newClock()
		r := jobs.NewRunner(d, quiet)
		r.SetClock(c.now)
		var lastSeen atomic.Bool
		r.Handle("doomed", func(_ context.Context, run jobs.Run) error {
			if run.Last() {
				lastSeen.Store(true)
			}
			return errors.New("no such mailbox")
		})
		r.Handle("broken", func(context.Context, jobs.Run) error { return jobs.Permanent(errors.New("bad input")) })
		r.Handle("panics", func(context.Context, jobs.Run) error { panic("boom") })
		enqueue(t, d, jobs.Job{Kind: "doomed", MaxAttempts: 3})
		enqueue(t, d, jobs.Job{Kind: "broken"})
		enqueue(t, d, jobs.Job{Kind: "panics", MaxAttempts: 2})
		for range 10 {
			runDue(t, r)
			c.advance(time.Hour)
		}
		if !lastSeen.Load() {
			t.Error("the last attempt was not marked Last")
		}
		q, running, done, failed := status(t, d)
		if failed != 3 || q+running+done != 0 {
			t.Fatalf("queued %d running %d done %d failed %d; want all 3 failed", q, running, done, failed)
		}
		var attempts int
		if err := d.QueryRowContext(context.Background(), "SELECT attempts FROM jobs WHERE kind = 'broken'").Scan(&attempts); err != nil || attempts != 1 {
			t.Errorf("a permanent error was tried %d times (%v), want 1", attempts, err)
		}
	})
}

// A worker that dies in the middle of a job (here: its handler never returns,
// as if the process were killed) leaves the job 'running'; when the lease
// ends another runner takes it over and finishes it, and the dead worker's
// late answer does not undo that.
func TestJobOfAKilledWorkerIsFinishedByAnother(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := newClock()
		started, unblock := make(chan struct{}), make(chan struct{})
		dead := jobs.NewRunner(d, quiet)
		dead.SetClock(c.now)
		dead.Handle("report", func(context.Context, jobs.Run) error {
			close(started)
			<-unblock
			return errors.New("the dead worker's late answer")
		})
		enqueue(t, d, jobs.Job{Kind: "report"})
		finished := make(chan struct{})
		go func() { defer close(finished); dead.RunDue(context.Background()) }() //nolint:errcheck
		select {
		case <-started:
		case <-finished:
			t.Fatal("the first runner never started the job")
		}

		var ranBy2 atomic.Int32
		second := jobs.NewRunner(d, quiet)
		second.SetClock(c.now)
		second.Handle("report", func(context.Context, jobs.Run) error { ranBy2.Add(1); return nil })
		if n := runDue(t, second); n != 0 {
			t.Fatal("a job under a live lease was taken over")
		}
		c.advance(6 * time.Minute) // past the lease
		if n := runDue(t, second); n != 1 || ranBy2.Load() != 1 {
			t.Fatalf("the second runner ran %d jobs, want the abandoned one", n)
		}
		close(unblock)
		<-finished
		if q, running, done, failed := status(t, d); done != 1 || q+running+failed != 0 {
			t.Fatalf("queued %d running %d done %d failed %d; want the job done", q, running, done, failed)
		}
	})
}

// Two runners working the same queue at once (two Hearth instances on one
// PostgreSQL) run each job exactly once.
func TestTwoRunnersNeverRunAJobTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		const n = 120
		err := d.WithTx(context.Background(), func(tx *db.Tx) error {
			for i := range n {
				if err := jobs.Enqueue(context.Background(), tx, jobs.Job{Kind: "count", Payload: i}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		runs := map[int64]int{}
		handler := func(_ context.Context, run jobs.Run) error {
			mu.Lock()
			runs[run.ID]++
			mu.Unlock()
			time.Sleep(time.Millisecond) // hold the job a moment, so claims overlap
			return nil
		}
		var wg sync.WaitGroup
		for range 4 {
			r := jobs.NewRunner(d, quiet)
			r.Handle("count", handler)
			wg.Go(func() {
				if _, err := r.RunDue(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if len(runs) != n {
			t.Fatalf("%d distinct jobs ran, want %d", len(runs), n)
		}
		for id, c := range runs {
			if c != 1 {
				t.Fatalf("job %d ran %d times", id, c)
			}
		}
	})
}

// A daily run happens once per day, whichever runner offers it and however
// often, and a run missed while Hearth was stopped happens when it starts.
func TestScheduledRunHappensOncePerPeriodAndAfterARestart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := &clock{t: time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)}
		var periods []string
		start := func() *jobs.Runner {
			r := jobs.NewRunner(d, quiet)
			r.SetClock(c.now)
			r.Every(jobs.Schedule{Kind: "digest", Period: jobs.Daily(7, 0, time.UTC)})
			r.Handle("digest", func(_ context.Context, run jobs.Run) error {
				var p jobs.ScheduledRun
				if err := run.Decode(&p); err != nil {
					return err
				}
				periods = append(periods, p.Period)
				return nil
			})
			return r
		}
		r := start()
		runDue(t, r) // 06:00: yesterday's run, missed before this first start
		c.advance(30 * time.Minute)
		runDue(t, r) // 06:30: nothing new
		c.advance(time.Hour)
		runDue(t, r) // 07:30: today's run
		runDue(t, start())
		c.advance(time.Hour)
		runDue(t, start()) // a restart at 08:30: today's run is done already
		c.advance(2 * 24 * time.Hour)
		runDue(t, start()) // down for two days: the current day's run happens at once
		want := []string{"2026-11-29", "2026-11-30", "2026-12-02"}
		if len(periods) != len(want) {
			t.Fatalf("runs %v, want %v", periods, want)
		}
		for i := range want {
			if periods[i] != want[i] {
				t.Fatalf("runs %v, want %v", periods, want)
			}
		}
	})
}

func TestWeeklyPeriod(t *testing.T) {
	p := jobs.Weekly(time.Monday, 8, 0, time.UTC)
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "2026-11-30"}, // Monday after 08:00
		{time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC), "2026-11-23"}, // Monday before 08:00
		{time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC), "2026-11-30"}, // Sunday
	} {
		if key, _ := p(tc.now); key != tc.want {
			t.Errorf("Weekly(%v) = %s, want %s", tc.now, key, tc.want)
		}
	}
}

func TestRunReturnsJobsInHandWhenStopped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		r := jobs.NewRunner(d, quiet)
		r.Handle("slow", func(ctx context.Context, _ jobs.Run) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		})
		enqueue(t, d, jobs.Job{Kind: "slow"})
		r.Run(ctx)
		var status string
		var attempts int
		if err := d.QueryRowContext(context.Background(), "SELECT status, attempts FROM jobs").Scan(&status, &attempts); err != nil {
			t.Fatal(err)
		}
		if status != "queued" || attempts != 0 {
			t.Fatalf("status %s after %d attempts; want it back in the queue, uncounted", status, attempts)
		}
	})
}

// Woken, the workers wait a moment for the rest of a burst: the jobs of a
// burst of writes are run together, after the debounce, not one pass each.
func TestWakeWaitsForTheRestOfABurst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := jobs.NewRunner(d, quiet)
		r.SetWorkers(1)
		r.SetPoll(time.Hour)
		const debounce = 300 * time.Millisecond
		r.SetDebounce(debounce)
		var mu sync.Mutex
		var ran []time.Time
		started := make(chan struct{})
		r.Handle("start", func(context.Context, jobs.Run) error { close(started); return nil })
		r.Handle("burst", func(context.Context, jobs.Run) error {
			mu.Lock()
			ran = append(ran, time.Now())
			mu.Unlock()
			return nil
		})
		enqueue(t, d, jobs.Job{Kind: "start"})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); r.Run(ctx) }()
		defer func() { cancel(); <-done }()
		<-started // the first pass is over; the worker waits for an hour or a Wake
		woken := time.Now()
		for range 3 { // a burst: each write wakes the workers
			enqueue(t, d, jobs.Job{Kind: "burst"})
			r.Wake()
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			mu.Lock()
			n := len(ran)
			mu.Unlock()
			if n == 3 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d of the burst's 3 jobs ran", n)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if first := ran[0].Sub(woken); first < debounce {
			t.Fatalf("the first job of the burst ran %v after the Wake, before the debounce (%v)", first, debounce)
		}
	})
}
