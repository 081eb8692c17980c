package search

import (
	"context"

	"hearth/internal/db"
)

// engine is where the two databases differ: how documents are stored and
// how a query's terms are matched. Ranking and highlighting are in Go and
// the same for both.
type engine interface {
	// put stores docs (none of them present).
	put(ctx context.Context, q db.Q, docs []indexed) error
	// remove deletes the documents with these keys, if present.
	remove(ctx context.Context, q db.Q, ids []int64) error
	// clear deletes every document.
	clear(ctx context.Context, q db.Q) error
	// optimize compacts the index after a rebuild.
	optimize(ctx context.Context, q db.Q) error
	// match renders terms as the engine's query, all of them required.
	match(t []qterm) string
	// candidates returns up to w.n keys of documents that match (argument
	// $1) and meet where, newest first: a walk that stops after w.n rows,
	// or sooner when bounded (walk). It records their forward index
	// (search_docs.terms) in forward, and reports whether the keys are
	// every match (the walk ended before w.n, and not at its bound).
	candidates(ctx context.Context, d *db.DB, where string, args []any, w walk, forward map[int64]string) (ids []int64, all bool, err error)
	// count counts the documents that match, stopping at limit.
	count(ctx context.Context, d *db.DB, match string, limit int) (int, error)
}

// walk is how far a candidate walk goes: up to n documents that meet its
// condition; but, when scan is set (a narrow scope), no further than it
// needs to find enough: PostgreSQL, and SQLite in one community (below),
// ask for enough only; SQLite otherwise stops once its first scan matches
// hold enough. A narrow scope (a filter) would otherwise read thousands of
// matches, each looked up, for its n: a common word in one community of
// twenty read 4,000 for 200 (5.5 ms at 100,000 entries), where the page
// needs 21.
//
// community, when set, is the one community the query is filtered to: an
// engine that indexes documents by community walks only its documents
// (SQLite); the condition (where) tests it in any case.
type walk struct {
	n, enough, scan int
	community       int64
}

// walkScan is how many matches a bounded walk reads, for each document it
// is asked for, before it may stop with enough.
const walkScan = 5

func engineFor(d db.Dialect) engine {
	if d == db.Postgres {
		return postgres{}
	}
	return sqlite{}
}

// scanForward reads (key, forward index) rows into forward, returning the
// keys in order.
func scanForward(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}, forward map[int64]string) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var terms string
		if err := rows.Scan(&id, &terms); err != nil {
			return nil, err
		}
		out = append(out, id)
		forward[id] = terms
	}
	return out, rows.Err()
}

func scanIDs(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
