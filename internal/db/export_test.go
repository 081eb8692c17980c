package db

// PreparedWrites reports how many statements the writer keeps prepared.
func PreparedWrites(d *DB) int64 { return d.wstmts.n.Load() }
