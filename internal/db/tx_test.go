package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// noDeadlock bounds a test that would wait forever if a nested transaction
// waited for the writer its outer transaction holds (SQLite's one writer).
func noDeadlock(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func put(ctx context.Context, t *testing.T, q db.Q, key string) {
	t.Helper()
	if _, err := q.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, 'v')", key); err != nil {
		t.Fatalf("insert %s: %v", key, err)
	}
}

// keys returns which of the given settings keys are committed, read outside
// any transaction.
func keys(t *testing.T, d *db.DB, want ...string) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	for _, k := range want {
		var n int
		if err := d.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM settings WHERE key = $1", k).Scan(&n); err != nil {
			t.Fatal(err)
		}
		got[k] = n == 1
	}
	return got
}

func TestNestedWithTxCommitsAsOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := noDeadlock(t)
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			put(ctx, t, tx, "outer")
			if err := d.WithTx(ctx, func(inner *db.Tx) error {
				if inner != tx {
					t.Error("the inner WithTx did not join the open transaction")
				}
				put(ctx, t, inner, "inner")
				return nil
			}); err != nil {
				return err
			}
			if got := keys(t, d, "outer", "inner"); got["outer"] || got["inner"] {
				t.Errorf("before the outer commit, committed = %v; the inner part must not commit on its own", got)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("nested transactions: %v", err)
		}
		if got := keys(t, d, "outer", "inner"); !got["outer"] || !got["inner"] {
			t.Fatalf("after commit, committed = %v, want both", got)
		}
	})
}

func TestInnerErrorRollsBackTheOuterWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := noDeadlock(t)
		boom := errs.Conflictf("boom")
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			put(ctx, t, tx, "outer")
			innerErr := d.WithTxCtx(ctx, func(ctx context.Context, inner *db.Tx) error {
				put(ctx, t, inner, "inner")
				return boom
			})
			if !errors.Is(innerErr, boom) {
				t.Errorf("inner err = %v, want boom", innerErr)
			}
			return nil // the outer carries on as if nothing happened
		})
		if !errors.Is(err, boom) || !errs.Is(err, errs.Conflict) {
			t.Fatalf("outer err = %v, want the inner part's Conflict", err)
		}
		if got := keys(t, d, "outer", "inner"); got["outer"] || got["inner"] {
			t.Fatalf("committed = %v after the inner part failed, want nothing", got)
		}
	})
}

func TestOuterErrorRollsBackTheInnerWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := noDeadlock(t)
		boom := errors.New("boom")
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			if err := d.WithTx(ctx, func(inner *db.Tx) error {
				put(ctx, t, inner, "inner")
				return nil
			}); err != nil {
				t.Fatalf("inner: %v", err)
			}
			put(ctx, t, tx, "outer")
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		if got := keys(t, d, "outer", "inner"); got["outer"] || got["inner"] {
			t.Fatalf("committed = %v after the outer part failed, want nothing", got)
		}
	})
}

// A service that writes through the DB itself (not a Tx) inside another's
// transaction joins it: it sees that transaction's writes and does not wait
// for the writer the transaction holds.
func TestDBStatementsRunInTheContextsTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := noDeadlock(t)
		boom := errors.New("boom")
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			if !d.InTx(ctx) {
				t.Error("InTx = false inside WithTxCtx")
			}
			put(ctx, t, tx, "by-tx")
			put(ctx, t, d, "by-db")
			var k string
			if err := d.Writer().QueryRowContext(ctx, "INSERT INTO settings (key, value) VALUES ('by-writer', 'v') RETURNING key").Scan(&k); err != nil {
				t.Errorf("writer in tx: %v", err)
			}
			var n int
			if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM settings").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 3 {
				t.Errorf("a read with the transaction's context sees %d rows, want its 3 uncommitted ones", n)
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		if got := keys(t, d, "by-tx", "by-db", "by-writer"); got["by-tx"] || got["by-db"] || got["by-writer"] {
			t.Fatalf("committed = %v after rollback, want nothing", got)
		}
	})
}

// A context that outlived its transaction starts a new one.
func TestEndedTransactionIsNotJoined(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := noDeadlock(t)
		var leaked context.Context
		if err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			leaked = ctx
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if d.InTx(leaked) {
			t.Fatal("InTx = true for a committed transaction")
		}
		if err := d.WithTx(leaked, func(tx *db.Tx) error {
			put(leaked, t, tx, "later")
			return nil
		}); err != nil {
			t.Fatalf("new transaction: %v", err)
		}
		put(leaked, t, d, "direct")
		if got := keys(t, d, "later", "direct"); !got["later"] || !got["direct"] {
			t.Fatalf("committed = %v, want both", got)
		}
	})
}

func TestForUpdateLocksInATransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		put(ctx, t, d, "row")
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			var v string
			return tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'row'"+d.ForUpdate()).Scan(&v)
		})
		if err != nil {
			t.Fatalf("SELECT ... ForUpdate(): %v", err)
		}
	})
}

func TestWithoutTxReadsOutsideTheTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := noDeadlock(t)
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			put(ctx, t, tx, "uncommitted")
			var n int
			if err := d.QueryRowContext(db.WithoutTx(ctx), "SELECT COUNT(*) FROM settings").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("a read without the transaction saw %d uncommitted rows", n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
