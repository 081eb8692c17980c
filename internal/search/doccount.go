package search

import (
	"context"
	"sync"
	"time"

	"hearth/internal/db"
)

// docCount is how many documents the index holds, read at most once every
// docCountAge per database: it only scales the IDF, which a few thousand
// documents more or less hardly move, and counting 450,000 rows took a
// search's worth of CPU every ten seconds for each instance.
func docCount(ctx context.Context, d *db.DB) (int, error) {
	counts.Lock()
	c, ok := counts.m[d]
	if ok && time.Since(c.at) < docCountAge {
		counts.Unlock()
		return c.n, nil
	}
	if ok {
		// This caller counts again; concurrent searches keep the old count
		// meanwhile (64 of them counting at once cost 5% of a loaded run).
		counts.m[d] = countAt{n: c.n, at: time.Now()}
	}
	counts.Unlock()
	if !ok {
		// No count yet (a process starting): the first caller counts, the
		// others wait for its count rather than each counting too (30 ms
		// each on PostgreSQL at 450,000 documents).
		counts.first.Lock()
		defer counts.first.Unlock()
		counts.Lock()
		c, ok = counts.m[d]
		counts.Unlock()
		if ok {
			return c.n, nil
		}
	}
	var n int
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs").Scan(&n); err != nil {
		return 0, err
	}
	counts.Lock()
	counts.m[d] = countAt{n: n, at: time.Now()}
	counts.Unlock()
	return n, nil
}

const docCountAge = 5 * time.Minute

var counts = struct {
	sync.Mutex
	m     map[*db.DB]countAt
	first sync.Mutex // held while a database's first count is made
}{m: map[*db.DB]countAt{}}
