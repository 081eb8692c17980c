package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// distinct is a read whose text differs with i, as search's statements
// differ with their reader.
func distinct(i int) string { return fmt.Sprintf("SELECT $1 + %d", i) }

func readDistinct(ctx context.Context, d *db.DB, i, arg int) error {
	var got int
	if err := d.QueryRowContext(ctx, distinct(i), arg).Scan(&got); err != nil {
		return fmt.Errorf("text %d: %w", i, err)
	}
	if got != arg+i {
		return fmt.Errorf("text %d: %d, want %d", i, got, arg+i)
	}
	return nil
}

// Past the bound, the readers keep the most recently used statements: a
// text first run after a few hundred others is prepared all the same (the
// bound once stopped preparing anything more for the life of the process).
func TestReadsStayPreparedPastTheBound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for i := range db.MaxPrepared + 100 {
			if err := readDistinct(ctx, d, i, 1); err != nil {
				t.Fatal(err)
			}
		}
		late := "SELECT COUNT(*) FROM settings WHERE key <> $1"
		var n int
		if err := d.QueryRowContext(ctx, late, "x").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if d.Dialect == db.Postgres {
			if db.PreparedReads(d) != 0 {
				t.Fatalf("%d statements kept on PostgreSQL (pgx keeps its own)", db.PreparedReads(d))
			}
			return
		}
		if got := db.PreparedReads(d); got != db.MaxPrepared {
			t.Fatalf("%d statements kept, want the bound, %d", got, db.MaxPrepared)
		}
		if !db.KeepsPrepared(d, late) {
			t.Fatal("a statement run after the bound was reached is not kept prepared")
		}
		if db.KeepsPrepared(d, distinct(0)) || !db.KeepsPrepared(d, distinct(db.MaxPrepared+99)) {
			t.Fatal("the least recently used statement was kept, or the most recent one not")
		}
	})
}

// Statements evicted while others run them, or while their rows are being
// read, answer all the same: an eviction closes a statement only once its
// last user is done.
func TestEvictedStatementsFinishTheirWork(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rows, err := d.QueryContext(ctx, "SELECT v FROM (SELECT 1 AS v UNION ALL SELECT 2 UNION ALL SELECT 3) t WHERE v > $1 ORDER BY v", 0)
		if err != nil {
			t.Fatal(err)
		}
		rows.Next() // open, one row read, while the bound evicts the statement
		for i := range db.MaxPrepared + 1 {
			if err := readDistinct(ctx, d, i, 2); err != nil {
				t.Fatal(err)
			}
		}
		var sum, v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		sum += v
		for rows.Next() {
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			sum += v
		}
		if err := rows.Close(); err != nil || sum != 6 {
			t.Fatalf("rows of an evicted statement summed to %d (%v), want 6", sum, err)
		}

		// Eight readers over twice as many texts as are kept: statements
		// are evicted while others are about to run them.
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := range 8 {
			wg.Go(func() {
				for k := range 600 {
					if err := readDistinct(ctx, d, (g*977+k*31)%(2*db.MaxPrepared), k); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

// The writer, too, keeps preparing the statements it sees again once the
// bound is reached.
func TestWritesStayPreparedPastTheBound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if d.Dialect != db.SQLite {
			t.Skip("pgx keeps its own prepared statements")
		}
		ctx := context.Background()
		update := func(i int) error {
			_, err := d.ExecContext(ctx, fmt.Sprintf("UPDATE settings SET value = value || '' WHERE key = $1 AND %d = %d", i, i), "none")
			return err
		}
		for i := range db.MaxPrepared + 20 {
			for range 2 { // prepared the second time it is seen
				if err := update(i); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got := db.PreparedWrites(d); got != db.MaxPrepared {
			t.Fatalf("%d writes kept prepared, want the bound, %d", got, db.MaxPrepared)
		}
	})
}
