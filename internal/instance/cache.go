package instance

import (
	"context"
	"sync"
	"time"

	"hearth/internal/db"
)

// Cache keeps the settings for the pages of this instance, reading them
// again at most every ttl (reading them on every request would cost a query
// per page). Its lock guards only the cached value and is never held during
// the query: a slow database delays the one request that reads the settings
// (and those waiting for that read, each as long as its own context allows),
// never a Forget or anything else.
type Cache struct {
	ttl  time.Duration
	load func(ctx context.Context) (Settings, error)

	mu      sync.Mutex
	val     Settings
	at      time.Time     // when val was read; zero: never, or forgotten
	gen     uint64        // moved by Forget: a read begun before it is not kept
	loading chan struct{} // closed when the read in flight ends; nil when none
}

// NewCache returns a cache of d's settings, fresh for ttl.
func NewCache(d *db.DB, ttl time.Duration) *Cache {
	return &Cache{ttl: ttl, load: func(ctx context.Context) (Settings, error) {
		// Never a transaction's uncommitted settings in the shared cache.
		return Load(db.WithoutTx(ctx), d)
	}}
}

// Get returns the settings, read at most ttl ago. Of several requests that
// find them stale at once, one reads them and the others wait for its answer.
func (c *Cache) Get(ctx context.Context) (Settings, error) {
	for {
		c.mu.Lock()
		if !c.at.IsZero() && time.Since(c.at) < c.ttl {
			v := c.val
			c.mu.Unlock()
			return v, nil
		}
		if wait := c.loading; wait != nil {
			c.mu.Unlock()
			select {
			case <-wait:
				continue // read (or failed): look again
			case <-ctx.Done():
				return Settings{}, ctx.Err()
			}
		}
		wait, gen := make(chan struct{}), c.gen
		c.loading = wait
		c.mu.Unlock()

		st, err := c.load(ctx)

		c.mu.Lock()
		if err == nil && gen == c.gen {
			c.val, c.at = st, time.Now()
		}
		c.loading = nil
		close(wait)
		c.mu.Unlock()
		return st, err
	}
}

// Forget drops the cached settings after this instance changed them; a read
// in flight, which may predate the change, is not kept either.
func (c *Cache) Forget() {
	c.mu.Lock()
	c.at = time.Time{}
	c.gen++
	c.mu.Unlock()
}
