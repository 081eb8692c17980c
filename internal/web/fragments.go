package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"

	"hearth/internal/lru"

	"golang.org/x/sync/singleflight"
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
	kept   *lru.Cache[uint64, template.HTML]
	// drawing renders a missing fragment once for the requests that miss
	// it at the same moment (a health page's parts just after a count).
	drawing singleflight.Group
}

// fragmentBudget bounds the cache: thousands of cards and headers, and the
// replies of the busiest threads (a reply's fragment is about 1 KB).
const fragmentBudget = 16 << 20

// fragmentOverhead is what an entry costs besides its HTML (list element,
// map slot, string header), counted against the budget.
const fragmentOverhead = 128

func newFragmentCache() *fragmentCache { return newFragmentCacheOf(fragmentBudget) }

func newFragmentCacheOf(budget int) *fragmentCache {
	return &fragmentCache{seed: maphash.MakeSeed(), budget: budget, kept: lru.New[uint64, template.HTML](budget)}
}

func (c *fragmentCache) get(key uint64) (template.HTML, bool) { return c.kept.Get(key) }

func (c *fragmentCache) put(key uint64, h template.HTML) { c.kept.Put(key, h, len(h)+fragmentOverhead) }

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
