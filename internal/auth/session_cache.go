package auth

import (
	"sync"
	"time"
)

// sessionCacheTTL is how long an instance trusts a session it has read
// without reading it again. It bounds how long another instance may keep
// serving a session that was ended elsewhere (this instance forgets at once);
// reading the session on every request would make it a query per page.
const sessionCacheTTL = 2 * time.Second

// maxCachedSessions bounds the cache; it empties itself when full.
const maxCachedSessions = 10_000

// sessionCache remembers, per token hash, the actor a session belonged to.
type sessionCache struct {
	mu sync.Mutex
	m  map[string]cachedSession
}

type cachedSession struct {
	actor    Actor
	lastSeen time.Time
	expires  time.Time
	read     time.Time // when the database was read
}

func newSessionCache() *sessionCache { return &sessionCache{m: map[string]cachedSession{}} }

func (c *sessionCache) get(hash string) (cachedSession, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.m[hash]
	return cs, ok
}

func (c *sessionCache) put(hash string, cs cachedSession) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedSessions {
		c.m = map[string]cachedSession{}
	}
	c.m[hash] = cs
}

func (c *sessionCache) forget(hash string) {
	c.mu.Lock()
	delete(c.m, hash)
	c.mu.Unlock()
}

// forgetAll drops every cached session: after a change to a person (a new
// password, a disabled account, a new name) their sessions are read afresh.
func (c *sessionCache) forgetAll() {
	c.mu.Lock()
	c.m = map[string]cachedSession{}
	c.mu.Unlock()
}

// ForgetSessions makes this instance read every session afresh, for changes
// to people made outside this service (a profile's name, shown in the header).
func (s *Service) ForgetSessions() { s.sessions.forgetAll() }
