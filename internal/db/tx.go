package db

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// Transactions compose: an open transaction travels in the context, and
// everything that runs with that context joins it instead of starting a
// second one (which would wait forever for SQLite's one writer, and on
// PostgreSQL would commit apart from the first). So:
//
//   - WithTxCtx hands fn a context carrying the transaction; pass that
//     context to any service called inside fn. (WithTx's fn gets no context:
//     use Tx.Context to make one when fn calls other services.)
//   - WithTx and WithTxCtx called with such a context run fn in the open
//     transaction; only the outermost call commits or rolls back. An error
//     from any part rolls the whole transaction back, even when the caller
//     of that part carries on and returns nil.
//   - The DB's own ExecContext, QueryContext, QueryRowContext and Writer
//     run in the transaction the context carries, so they read what it
//     wrote and never wait for the writer it holds.
//
// A transaction's context must not outlive fn or be used from another
// goroutine while fn runs; once the transaction ends, a context carrying it
// no longer joins it.

// Tx is a transaction on the writer.
type Tx struct {
	tx   *sql.Tx
	d    *DB
	done atomic.Bool // committed or rolled back: contexts no longer join it

	mu        sync.Mutex
	failed    error    // the first error of a joined part, which dooms the whole
	toPrepare []string // queries to prepare on the writer once it ends
}

// txKey is the context key of the open transaction.
type txKey struct{}

// Context returns ctx carrying t, so that services called with it join t.
func (t *Tx) Context(ctx context.Context) context.Context {
	return context.WithValue(ctx, txKey{}, t)
}

// WithoutTx returns ctx carrying no transaction, for work that must not join
// the caller's (a read that fills a cache shared by every request).
func WithoutTx(ctx context.Context) context.Context {
	return context.WithValue(ctx, txKey{}, (*Tx)(nil))
}

// open returns the transaction of d that ctx carries, if it is still open.
func (d *DB) open(ctx context.Context) *Tx {
	t, _ := ctx.Value(txKey{}).(*Tx)
	if t == nil || t.d != d || t.done.Load() {
		return nil
	}
	return t
}

// InTx reports whether ctx carries an open transaction of d.
func (d *DB) InTx(ctx context.Context) bool { return d.open(ctx) != nil }

// ExecContext runs a statement in the transaction.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	t.d.queries.Add(1)
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query in the transaction.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	t.d.queries.Add(1)
	return t.tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a single-row query in the transaction.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	t.d.queries.Add(1)
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, query, args...)
}

// Dialect names the engine of the transaction's database.
func (t *Tx) Dialect() Dialect { return t.d.Dialect }

// fail records the first error of a joined part.
func (t *Tx) fail(err error) {
	t.mu.Lock()
	if t.failed == nil {
		t.failed = err
	}
	t.mu.Unlock()
}

func (t *Tx) failure() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.failed
}

// WithTx runs fn in a transaction: committed when fn returns nil, rolled back
// otherwise (and on panic). On SQLite the transaction starts IMMEDIATE, so it
// holds the write lock from the start and never fails half-way on a busy lock.
// When ctx carries an open transaction, fn joins it (see the top of tx.go).
func (d *DB) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	return d.WithTxCtx(ctx, func(_ context.Context, tx *Tx) error { return fn(tx) })
}

// WithTxCtx is WithTx handing fn a context that carries the transaction:
// services called with it inside fn join the transaction.
func (d *DB) WithTxCtx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) (err error) {
	if t := d.open(ctx); t != nil {
		return t.join(ctx, fn)
	}
	d.queries.Add(1)
	sqlTx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, d: d}
	defer func() {
		if p := recover(); p != nil {
			tx.done.Store(true)
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	err = fn(tx.Context(ctx), tx)
	if err == nil {
		if failed := tx.failure(); failed != nil {
			// A joined part failed and its caller carried on: its writes
			// may be half done, so nothing of the whole is kept.
			err = fmt.Errorf("rolled back because a part of the transaction failed: %w", failed)
		}
	}
	tx.done.Store(true)
	defer func() { d.prepareWrites(ctx, tx.toPrepare) }() // the writer is free again
	if err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	d.wrote()
	return nil
}

// join runs fn as a part of the open transaction t.
func (t *Tx) join(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			t.fail(fmt.Errorf("panic in a joined transaction: %v", p))
			panic(p)
		}
		if err != nil {
			t.fail(err)
		}
	}()
	return fn(ctx, t)
}

// ForUpdate is the clause that locks the rows a SELECT reads until the
// transaction ends, for a rule that a write depends on (count, then write).
// SQLite needs none: its IMMEDIATE transactions already run one at a time.
func (d *DB) ForUpdate() string {
	if d.Dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// ForNoKeyUpdate is ForUpdate for a row whose key no write changes: it
// locks out other writers of the row as ForUpdate does, but not the foreign
// key checks of rows that refer to it (FOR KEY SHARE), so that a write
// inserting rows that refer to the locked one never waits on it.
func (d *DB) ForNoKeyUpdate() string {
	if d.Dialect == Postgres {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// ForShare is the clause that share-locks the rows a SELECT through q reads
// until its transaction ends: other readers may lock them too, but a writer
// (or a claim with SKIP LOCKED) waits or passes them by. SQLite needs none.
func ForShare(q Q) string {
	if dialectOf(q) == Postgres {
		return " FOR SHARE"
	}
	return ""
}

// dialectOf names the engine behind q (a *DB, a *Tx, or a DB's writer).
func dialectOf(q Q) Dialect {
	switch q := q.(type) {
	case *DB:
		return q.Dialect
	case *Tx:
		return q.d.Dialect
	case writer:
		return q.d.Dialect
	}
	return SQLite
}
