package conversation

import (
	"hearth/internal/lru"
	"hearth/internal/posts"
)

// A thread's page shows its newest replies, and reading them (51 rows,
// through the SQLite driver) was half of what the page cost. The newest page
// is read once for every reader (as posts.Everyone sees it) and kept under
// the thread's posts version, which every write to its posts or their
// authors' names changes (migration 0054): nothing kept can go stale, on
// this instance or another, as a change makes a new key and the old page
// ages out. Each reader is then shown the page through their own viewer.

// pageKey names a thread's newest page of posts of a kind ("" for all) at
// one version of its posts.
type pageKey struct {
	thread  int64
	version int64
	kind    string
}

// pageCacheBudget bounds what the kept pages hold (their posts' text and
// HTML): a page of short replies is about 40 KB.
const pageCacheBudget = 8 << 20

type pageCache struct {
	budget int
	kept   *lru.Cache[pageKey, posts.Page]
}

func newPageCache(budget int) *pageCache {
	return &pageCache{budget: budget, kept: lru.New[pageKey, posts.Page](budget)}
}

// get returns the page kept under k. Its posts are shared: the caller copies
// them before changing any.
func (c *pageCache) get(k pageKey) (posts.Page, bool) { return c.kept.Get(k) }

// put keeps p under k, counting its posts' text and HTML.
func (c *pageCache) put(k pageKey, p posts.Page) {
	size := 256
	for _, x := range p.Posts {
		size += 256 + len(x.Body) + len(x.HTML) + len(x.AuthorName) + len(x.AuthorHandle)
	}
	c.kept.Put(k, p, size)
}
