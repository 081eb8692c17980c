package conversation

import (
	"container/list"
	"sync"

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

	mu    sync.Mutex
	used  int
	order list.List // of *keptPage, the most recently used first
	m     map[pageKey]*list.Element
}

type keptPage struct {
	key  pageKey
	page posts.Page
	size int
}

func newPageCache(budget int) *pageCache {
	return &pageCache{budget: budget, m: map[pageKey]*list.Element{}}
}

// get returns the page kept under k. Its posts are shared: the caller copies
// them before changing any.
func (c *pageCache) get(k pageKey) (posts.Page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[k]
	if !ok {
		return posts.Page{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*keptPage).page, true
}

func (c *pageCache) put(k pageKey, p posts.Page) {
	size := 256
	for _, x := range p.Posts {
		size += 256 + len(x.Body) + len(x.HTML) + len(x.AuthorName) + len(x.AuthorHandle)
	}
	if size > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[k]; ok {
		c.used -= el.Value.(*keptPage).size
		c.order.Remove(el)
	}
	c.m[k] = c.order.PushFront(&keptPage{key: k, page: p, size: size})
	c.used += size
	for c.used > c.budget {
		last := c.order.Back()
		kp := last.Value.(*keptPage)
		c.order.Remove(last)
		delete(c.m, kp.key)
		c.used -= kp.size
	}
}
