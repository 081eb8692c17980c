package ratelimit

import (
	"sync"
	"time"
)

// Some actions are reads: a search writes nothing, and counting it in the
// database made every search a write (on SQLite one writer for all of them,
// and each commit makes every reading connection drop its page cache; on
// PostgreSQL a commit flushed to the log per search). What such a limit
// bounds is the CPU of the instance that serves the read, so it is counted
// in that instance's memory: with several instances a client may search
// as often on each. The window and its refusal are the same as the
// database's: a fixed window that opens with a key's first event.

// localActions are counted in memory, per instance.
var localActions = map[Action]bool{Search: true}

// maxLocalKeys bounds the keys counted in memory (about 100 bytes each).
// When full, expired keys go; if none has expired, all go: counting starts
// again rather than refusing every new client.
const maxLocalKeys = 100_000

type localCount struct {
	hits    int
	expires time.Time
}

// localCounts are the in-memory counters of an instance.
type localCounts struct {
	mu sync.Mutex
	m  map[string]localCount
}

// take records one event of key at now under rule, and returns the
// key's hits in its window and when the window ends.
func (c *localCounts) take(key string, now time.Time, rule Rule) (int, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.m[key]
	if !ok || !n.expires.After(now) {
		if !ok && len(c.m) >= maxLocalKeys {
			c.prune(now)
		}
		n = localCount{expires: now.Add(rule.Window)}
	}
	n.hits++
	if c.m == nil {
		c.m = map[string]localCount{}
	}
	c.m[key] = n
	return n.hits, n.expires
}

// prune drops the expired keys, or every key when none has expired.
func (c *localCounts) prune(now time.Time) {
	for k, n := range c.m {
		if !n.expires.After(now) {
			delete(c.m, k)
		}
	}
	if len(c.m) >= maxLocalKeys {
		clear(c.m)
	}
}

// refund gives back one event of key, within its window.
func (c *localCounts) refund(key string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n, ok := c.m[key]; ok && n.hits > 0 && n.expires.After(now) {
		n.hits--
		c.m[key] = n
	}
}
