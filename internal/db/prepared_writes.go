package db

import (
	"context"
	"database/sql"
	"sync"
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
	seenMu sync.Mutex
	seen   map[string]bool // texts seen once; emptied when it holds maxSeen
}

// maxSeen bounds writeStmts.seen.
const maxSeen = 4096

// preparedWrite returns the writer's prepared statement for query, held
// (release it), or nil when it has none (PostgreSQL: pgx keeps its own per
// connection).
func (d *DB) preparedWrite(query string) *cachedStmt {
	if d.Dialect != SQLite {
		return nil
	}
	return d.wstmts.acquire(query)
}

// noteWrite records that query ran unprepared on the writer, and reports
// whether it is worth preparing (seen before).
func (d *DB) noteWrite(query string) bool {
	if d.Dialect != SQLite {
		return false
	}
	w := &d.wstmts
	w.seenMu.Lock()
	defer w.seenMu.Unlock()
	if w.seen[query] {
		return true
	}
	if len(w.seen) >= maxSeen || w.seen == nil {
		w.seen = map[string]bool{} // forget the one-off texts; the ones that come back are seen again
	}
	w.seen[query] = true
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
		if d.wstmts.has(q) {
			continue
		}
		st, err := d.write.PrepareContext(ctx, q)
		if err != nil {
			continue // it runs unprepared, and reports its error then
		}
		d.wstmts.release(d.wstmts.keep(q, st))
	}
}

// stmt returns the transaction's use of the writer's prepared statement for
// query, or nil when there is none (then the query is remembered, to be
// prepared after the transaction ends if it was seen before).
func (t *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if cs := t.d.preparedWrite(query); cs != nil {
		defer t.d.wstmts.release(cs) // the transaction's statement keeps it open
		return t.tx.StmtContext(ctx, cs.st)
	}
	if t.d.noteWrite(query) {
		t.mu.Lock()
		t.toPrepare = append(t.toPrepare, query)
		t.mu.Unlock()
	}
	return nil
}
