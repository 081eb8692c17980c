package db

import (
	"container/list"
	"database/sql"
	"errors"
	"sync"
)

// stmtCache keeps SQLite statements prepared, by query text: parsing and
// planning a query costs SQLite more than running it on a page's few rows.
// (pgx keeps its own per-connection cache of prepared statements.)
//
// It keeps the maxPrepared most recently used. A bound that, once reached,
// prepared nothing more would leave every later text unprepared for the
// life of the process: search's statements name the reader (their person,
// their communities), so a few hundred signed-in searchers filled it, and
// from then on each new searcher's statements, and any page's first asked
// afterwards, were parsed and planned at every run (a third of a walk's
// time). A statement evicted while in use is closed when its last user is
// done with it (acquire, release): a query that has started keeps it alive
// through its rows, as database/sql does for a closed statement.
type stmtCache struct {
	mu    sync.Mutex
	order list.List                // of *cachedStmt, the most recently used first
	m     map[string]*list.Element // query text → its element in order
}

// maxPrepared bounds each stmtCache.
const maxPrepared = 512

// cachedStmt is a prepared statement and who holds it: its users, and the
// cache while it keeps it.
type cachedStmt struct {
	query string
	st    *sql.Stmt
	refs  int // guarded by the cache's mu
}

// acquire returns the statement kept for query, held until release; nil
// when none is.
func (c *stmtCache) acquire(query string) *cachedStmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[query]
	if !ok {
		return nil
	}
	c.order.MoveToFront(el)
	cs := el.Value.(*cachedStmt)
	cs.refs++
	return cs
}

// has reports whether a statement is kept for query.
func (c *stmtCache) has(query string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.m[query]
	return ok
}

// keep keeps st for query, evicting the least recently used beyond
// maxPrepared, and returns it held (as acquire). When another caller kept
// one for query first, st is closed and theirs is returned.
func (c *stmtCache) keep(query string, st *sql.Stmt) *cachedStmt {
	c.mu.Lock()
	if el, ok := c.m[query]; ok {
		cs := el.Value.(*cachedStmt)
		cs.refs++
		c.mu.Unlock()
		st.Close()
		return cs
	}
	if c.m == nil {
		c.m = map[string]*list.Element{}
	}
	cs := &cachedStmt{query: query, st: st, refs: 2} // the cache's and the caller's
	c.m[query] = c.order.PushFront(cs)
	var evicted []*cachedStmt
	for c.order.Len() > maxPrepared {
		last := c.order.Back()
		old := last.Value.(*cachedStmt)
		c.order.Remove(last)
		delete(c.m, old.query)
		if old.refs--; old.refs == 0 {
			evicted = append(evicted, old)
		}
	}
	c.mu.Unlock()
	for _, old := range evicted {
		old.st.Close()
	}
	return cs
}

// release ends a use of cs; the last user of a statement no longer kept
// closes it.
func (c *stmtCache) release(cs *cachedStmt) {
	c.mu.Lock()
	cs.refs--
	last := cs.refs == 0
	c.mu.Unlock()
	if last {
		cs.st.Close()
	}
}

// close closes every statement kept (the database is closing).
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	for el := c.order.Front(); el != nil; el = el.Next() {
		err = errors.Join(err, el.Value.(*cachedStmt).st.Close())
	}
	c.order.Init()
	clear(c.m)
	return err
}
