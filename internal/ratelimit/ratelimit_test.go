package ratelimit_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/ratelimit"
)

// clock is a test clock that moves only when told to.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func limiter(d *db.DB, max int, window time.Duration) (*ratelimit.Limiter, *clock) {
	c := &clock{now: time.Now().UTC()}
	return ratelimit.New(d, map[ratelimit.Action]ratelimit.Rule{ratelimit.Comment: {Max: max, Window: window}}, c.Now), c
}

func wantRefused(t *testing.T, err error, retry time.Duration) {
	t.Helper()
	if !errs.Is(err, errs.TooManyRequests) {
		t.Fatalf("error = %v, want too many requests", err)
	}
	if got := errs.RetryAfterOf(err); got != retry {
		t.Fatalf("retry after %v, want %v", got, retry)
	}
}

func TestTakeRefusesPastTheLimitUntilTheWindowEnds(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l, clk := limiter(d, 3, time.Minute)
		for i := range 3 {
			if err := l.Take(ctx, ratelimit.Comment, "p:1"); err != nil {
				t.Fatalf("event %d: %v", i+1, err)
			}
			clk.Advance(10 * time.Second)
		}
		wantRefused(t, l.Take(ctx, ratelimit.Comment, "p:1"), 30*time.Second)
		if err := l.Take(ctx, ratelimit.Comment, "p:2"); err != nil {
			t.Fatalf("another key is limited too: %v", err)
		}
		if err := l.Take(ctx, ratelimit.Entry, "p:1"); err != nil {
			t.Fatalf("an action without a rule is limited: %v", err)
		}
		clk.Advance(29 * time.Second)
		wantRefused(t, l.Take(ctx, ratelimit.Comment, "p:1"), time.Second)
		clk.Advance(time.Second) // the window that opened with the first event is over
		for i := range 3 {
			if err := l.Take(ctx, ratelimit.Comment, "p:1"); err != nil {
				t.Fatalf("new window, event %d: %v", i+1, err)
			}
		}
		wantRefused(t, l.Take(ctx, ratelimit.Comment, "p:1"), time.Minute)
	})
}

// Counting and recording are one statement: of many simultaneous events for
// one key, exactly the limit get through, on both engines.
func TestTakeHoldsUnderConcurrency(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l, _ := limiter(d, 6, time.Minute)
		const n = 30
		start := make(chan struct{})
		results := make(chan error, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				<-start
				results <- l.Take(context.Background(), ratelimit.Comment, "p:7")
			})
		}
		close(start)
		wg.Wait()
		close(results)
		allowed := 0
		for err := range results {
			switch {
			case err == nil:
				allowed++
			case !errs.Is(err, errs.TooManyRequests):
				t.Errorf("unexpected error: %v", err)
			}
		}
		if allowed != 6 {
			t.Fatalf("%d of %d simultaneous events allowed, want 6", allowed, n)
		}
	})
}

func TestRefundGivesBackOneEvent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l, _ := limiter(d, 2, time.Minute)
		for range 2 {
			if err := l.Take(ctx, ratelimit.Comment, "a:10.0.0.1"); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Refund(ctx, ratelimit.Comment, "a:10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		if err := l.Take(ctx, ratelimit.Comment, "a:10.0.0.1"); err != nil {
			t.Fatalf("after a refund: %v", err)
		}
		wantRefused(t, l.Take(ctx, ratelimit.Comment, "a:10.0.0.1"), time.Minute)
		if err := l.Refund(ctx, ratelimit.Comment, "a:unknown"); err != nil {
			t.Fatalf("refund of a key never taken: %v", err)
		}
	})
}

func TestExpiredCountersArePruned(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l, clk := limiter(d, 5, time.Minute)
		for _, key := range []string{"p:1", "p:2", "p:3"} {
			if err := l.Take(ctx, ratelimit.Comment, key); err != nil {
				t.Fatal(err)
			}
		}
		clk.Advance(2 * time.Minute)
		if err := l.Take(ctx, ratelimit.Comment, "p:4"); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM rate_limits").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d counters left, want only the live one", n)
		}
	})
}

func TestNoRuleNoKeyNoLimit(t *testing.T) {
	t.Parallel()
	var nilLimiter *ratelimit.Limiter
	if err := nilLimiter.Take(context.Background(), ratelimit.Comment, "p:1"); err != nil {
		t.Fatalf("a nil limiter refused: %v", err)
	}
	d := dbtest.SQLite(t)
	l, _ := limiter(d, 1, time.Minute)
	for range 3 {
		if err := l.Take(context.Background(), ratelimit.Comment, ratelimit.Person(0)); err != nil {
			t.Fatalf("an empty key was limited: %v", err)
		}
	}
	if got := ratelimit.PersonOrAddress(0, "10.1.1.1"); got != "a:10.1.1.1" {
		t.Errorf("visitor key = %q", got)
	}
	if got := ratelimit.PersonOrAddress(42, "10.1.1.1"); got != "p:42" {
		t.Errorf("person key = %q", got)
	}
}

// Counting is by primary key and pruning by the expiry index: neither scans
// the table, however many counters it holds (the old throttle table was
// scanned whole on every failed sign-in).
func TestCountingAndPruningUseIndexes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := db.Now()
		explain, want := "EXPLAIN QUERY PLAN ", "USING"
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			if d.Dialect == db.Postgres {
				explain, want = "EXPLAIN ", "Index"
				if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil { // a tiny table would be scanned anyway
					return err
				}
			}
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{"DELETE FROM rate_limits WHERE expires_at <= $1", []any{now}},
				{"UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND expires_at > $2", []any{"signin:a:10.0.0.1", now}},
			} {
				rows, err := tx.QueryContext(ctx, explain+q.sql, q.args...)
				if err != nil {
					return err
				}
				plan := planText(t, rows)
				if !strings.Contains(plan, want) {
					t.Errorf("%s\nplan:\n%s\nwant an index", q.sql, plan)
				}
			}
			return errors.New("roll back")
		})
		if err == nil || err.Error() != "roll back" {
			t.Fatal(err)
		}
	})
}

// planText joins the last column of every row of a query plan.
func planText(t *testing.T, rows *sql.Rows) string {
	t.Helper()
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals[len(vals)-1])
	}
	return b.String()
}

// A search is a read: its limit is counted in the instance's memory, with
// the same window and refusal, and writes nothing to the database.
func TestSearchIsCountedInMemoryWithTheSameWindow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := &clock{now: time.Now().UTC()}
		l := ratelimit.New(d, map[ratelimit.Action]ratelimit.Rule{ratelimit.Search: {Max: 2, Window: time.Minute}}, c.Now)
		for i := range 2 {
			if err := l.Take(ctx, ratelimit.Search, "a:192.0.2.1"); err != nil {
				t.Fatalf("search %d: %v", i+1, err)
			}
			c.Advance(15 * time.Second)
		}
		if err := l.Refund(ctx, ratelimit.Search, "a:192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if err := l.Take(ctx, ratelimit.Search, "a:192.0.2.1"); err != nil {
			t.Fatalf("the refunded event still counts: %v", err)
		}
		wantRefused(t, l.Take(ctx, ratelimit.Search, "a:192.0.2.1"), 30*time.Second)
		if err := l.Take(ctx, ratelimit.Search, "p:7"); err != nil {
			t.Fatalf("another key is limited too: %v", err)
		}
		c.Advance(30 * time.Second)
		if err := l.Take(ctx, ratelimit.Search, "a:192.0.2.1"); err != nil {
			t.Fatalf("new window: %v", err)
		}
		var rows int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM rate_limits").Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows != 0 {
			t.Fatalf("searches wrote %d rate-limit rows, want none", rows)
		}
	})
}
