package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Statements that run again in write transactions (and on the writer
// alone) run prepared on SQLite from their third time, with the same
// results; a rolled-back transaction's prepared write leaves nothing.
func TestWritesRunPreparedFromTheThirdTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for i := range 6 {
			err := d.WithTx(ctx, func(tx *db.Tx) error {
				if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", fmt.Sprint("k", i), "v"); err != nil {
					return err
				}
				var n int
				if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM settings WHERE value = $1", "v").Scan(&n); err != nil {
					return err
				}
				if n != i+1 {
					return fmt.Errorf("round %d: %d rows", i, n)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.ExecContext(ctx, "UPDATE settings SET value = $1 WHERE key = $2", "v", fmt.Sprint("k", i)); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 4 { // on the writer alone, reading back
			var key string
			if err := d.Writer().QueryRowContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, 'w') RETURNING key", fmt.Sprint("w", i)).Scan(&key); err != nil || key != fmt.Sprint("w", i) {
				t.Fatalf("round %d: %q (%v)", i, key, err)
			}
			time.Sleep(20 * time.Millisecond) // prepared meanwhile, once the writer is free
		}
		if _, err := d.ExecContext(ctx, "DELETE FROM settings WHERE value = 'w'"); err != nil {
			t.Fatal(err)
		}
		boom := fmt.Errorf("boom")
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", "gone", "v"); err != nil {
				return err
			}
			return boom
		})
		if err != boom {
			t.Fatalf("err = %v, want boom", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM settings").Scan(&n); err != nil || n != 6 {
			t.Fatalf("%d settings (%v), want 6", n, err)
		}
		// The three above at least (the migrations' bookkeeping may add its own).
		if got := db.PreparedWrites(d); (d.Dialect == db.SQLite && got < 3) || (d.Dialect == db.Postgres && got != 0) {
			t.Fatalf("%d statements prepared on the writer", got)
		}
	})
}
