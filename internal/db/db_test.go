package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestTimesRoundTripAndCompare(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := db.Now()
		later := now.Add(1500 * time.Millisecond)
		for i, at := range []time.Time{now, later, now.Add(-time.Hour)} {
			if _, err := d.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", "k"+string(rune('a'+i)), "v"); err != nil {
				t.Fatal(err)
			}
			if _, err := d.ExecContext(ctx, "INSERT INTO throttle_events (key, attempted_at) VALUES ($1, $2)", "x", at); err != nil {
				t.Fatal(err)
			}
		}
		var got time.Time
		if err := d.QueryRowContext(ctx, "SELECT attempted_at FROM throttle_events ORDER BY attempted_at DESC LIMIT 1").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(later) {
			t.Fatalf("latest = %v, want %v", got, later)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM throttle_events WHERE attempted_at >= $1", now).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Fatalf("count at or after now = %d, want 2", n)
		}
	})
}

func TestWithTxRollsBackOnError(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", "a", "b"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM settings").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("settings rows = %d after rollback, want 0", n)
		}
	})
}

func TestUniqueViolationIsRecognised(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", "a", "b"); err != nil {
			t.Fatal(err)
		}
		_, err := d.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", "a", "c")
		if !db.IsUniqueViolation(err) {
			t.Fatalf("IsUniqueViolation(%v) = false", err)
		}
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if err := d.Migrate(context.Background()); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
	})
}

func TestReadersCannotWrite(t *testing.T) {
	d := dbtest.SQLite(t)
	_, err := d.QueryContext(context.Background(), "INSERT INTO settings (key, value) VALUES ('a', 'b') RETURNING key")
	if err == nil {
		t.Fatal("a write through the reader pool succeeded; it must be refused")
	}
}
