package web

import (
	"bytes"
	"container/list"
	"hash/maphash"
	"html/template"
	"io"
	"sync"
)

// fragmentCache keeps rendered fragments of pages (community cards and
// headers, the replies of threads), keyed by a hash of everything a fragment
// shows, so a fragment is rendered again only when something it shows has
// changed. Nothing in it can go stale, on this instance or another: a
// change makes a new key, and the old fragment ages out. It holds at most
// budget bytes of HTML, dropping the least recently used first.
type fragmentCache struct {
	seed   maphash.Seed
	budget int

	mu    sync.Mutex
	used  int                      // bytes of HTML held
	order list.List                // of *fragment, the most recently used first
	m     map[uint64]*list.Element // by key
}

type fragment struct {
	key  uint64
	html template.HTML
}

// fragmentBudget bounds the cache: thousands of cards and headers, and the
// replies of the busiest threads (a reply's fragment is about 1 KB).
const fragmentBudget = 16 << 20

// fragmentOverhead is what an entry costs besides its HTML (list element,
// map slot, string header), counted against the budget.
const fragmentOverhead = 128

func newFragmentCache() *fragmentCache { return newFragmentCacheOf(fragmentBudget) }

func newFragmentCacheOf(budget int) *fragmentCache {
	return &fragmentCache{seed: maphash.MakeSeed(), budget: budget, m: map[uint64]*list.Element{}}
}

func (c *fragmentCache) get(key uint64) (template.HTML, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[key]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*fragment).html, true
}

func (c *fragmentCache) put(key uint64, h template.HTML) {
	size := len(h) + fragmentOverhead
	if size > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		c.used += size - len(el.Value.(*fragment).html) - fragmentOverhead
		el.Value.(*fragment).html = h
		c.order.MoveToFront(el)
	} else {
		c.m[key] = c.order.PushFront(&fragment{key: key, html: h})
		c.used += size
	}
	for c.used > c.budget {
		last := c.order.Back()
		f := last.Value.(*fragment)
		c.order.Remove(last)
		delete(c.m, f.key)
		c.used -= len(f.html) + fragmentOverhead
	}
}

// fragment returns the fragment cached under key, or renders it with render
// (into buf, reset first) and keeps it.
func (c *fragmentCache) fragment(key uint64, buf *bytes.Buffer, render func(w io.Writer) error) (template.HTML, error) {
	if h, ok := c.get(key); ok {
		return h, nil
	}
	buf.Reset()
	if err := render(buf); err != nil {
		return "", err
	}
	h := template.HTML(buf.String()) //nolint:gosec // every caller renders with html/template: escaped already
	c.put(key, h)
	return h, nil
}
