package db

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// writeStmts keeps the SQLite writer's statements prepared, by query text:
// SQLite parses and plans a statement anew each time it runs unprepared, and
// in the transactions that follow a write (the request's, the fan-out's)
// that was about a tenth of the CPU. A statement is prepared the second time
// it is seen, so that one-off texts (long IN lists) take no place, and after
// the transaction that saw it has ended: the writer is a single connection,
// which that transaction holds. Inside a transaction, only statements that
// leave no rows open use it (ExecContext, QueryRowContext): a prepared
// statement runs once at a time on its connection, and a caller iterating
// rows may run the same query again meanwhile.
type writeStmts struct {
	stmtCache
	seen  sync.Map // query text → struct{}: seen once
	nseen atomic.Int64
}

// maxSeen bounds writeStmts.seen.
const maxSeen = 4096

// preparedWrite returns the writer's prepared statement for query, or nil
// when it has none (PostgreSQL: pgx keeps its own per connection).
func (d *DB) preparedWrite(query string) *sql.Stmt {
	if d.Dialect != SQLite {
		return nil
	}
	if st, ok := d.wstmts.m.Load(query); ok {
		return st.(*sql.Stmt)
	}
	return nil
}

// noteWrite records that query ran unprepared on the writer, and reports
// whether it is worth preparing (seen before).
func (d *DB) noteWrite(query string) bool {
	if d.Dialect != SQLite || d.wstmts.n.Load() >= maxPrepared {
		return false
	}
	if _, again := d.wstmts.seen.Load(query); again {
		return true
	}
	if d.wstmts.nseen.Load() < maxSeen {
		if _, loaded := d.wstmts.seen.LoadOrStore(query, struct{}{}); !loaded {
			d.wstmts.nseen.Add(1)
		}
	}
	return false
}

// prepareWrites prepares queries on the writer. Call it with no transaction
// of d open on this goroutine: it waits for the writer's one connection.
func (d *DB) prepareWrites(ctx context.Context, queries []string) {
	if len(queries) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	for _, q := range queries {
		if _, ok := d.wstmts.m.Load(q); ok || d.wstmts.n.Load() >= maxPrepared {
			continue
		}
		st, err := d.write.PrepareContext(ctx, q)
		if err != nil {
			continue // it runs unprepared, and reports its error then
		}
		if _, loaded := d.wstmts.m.LoadOrStore(q, st); loaded {
			st.Close()
			continue
		}
		d.wstmts.n.Add(1)
	}
}

// stmt returns the transaction's use of the writer's prepared statement for
// query, or nil when there is none (then the query is remembered, to be
// prepared after the transaction ends if it was seen before).
func (t *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if st := t.d.preparedWrite(query); st != nil {
		return t.tx.StmtContext(ctx, st)
	}
	if t.d.noteWrite(query) {
		t.mu.Lock()
		t.toPrepare = append(t.toPrepare, query)
		t.mu.Unlock()
	}
	return nil
}
