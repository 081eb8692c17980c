package db

// PreparedWrites reports how many statements the writer keeps prepared.
func PreparedWrites(d *DB) int64 { return int64(d.wstmts.len()) }

// PreparedReads reports how many statements the readers keep prepared.
func PreparedReads(d *DB) int { return d.stmts.len() }

// MaxPrepared is how many statements each cache keeps.
const MaxPrepared = maxPrepared

// KeepsPrepared reports whether the readers keep query prepared.
func KeepsPrepared(d *DB, query string) bool { return d.stmts.has(query) }

// len is how many statements c keeps.
func (c *stmtCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
