package search

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"hearth/internal/db"
	"hearth/internal/lru"
)

// Ranked results are kept a few seconds per instance (KeepResults), as
// search engines are near-real-time: a query asked again by a reader of the
// same scope (the same communities, the same filters, as deep a page) is
// not ranked again, nor its hits shown again. What the reader may see is
// never kept: each time, the page is checked against the live tables
// (stillVisible), so a document hidden, deleted or moved since is never
// shown where it should not be; a page whose check drops a hit is shown
// afresh. A write to the index in this instance starts afresh at once;
// another instance's writes are seen when the kept ranking expires.
var kept = struct {
	ttl        atomic.Int64 // nanoseconds; 0: nothing is kept
	generation atomic.Uint64
	rankings   *lru.Cache[keptKey, keptValue[[]scored]]
	hits       *lru.Cache[keptKey, keptValue[[]Hit]] // a page's shown hits, for the same visible page
}{rankings: lru.New[keptKey, keptValue[[]scored]](8 << 20), hits: lru.New[keptKey, keptValue[[]Hit]](8 << 20)}

// KeepResults sets how long a ranking is kept; 0 keeps none.
func KeepResults(ttl time.Duration) { kept.ttl.Store(int64(max(ttl, 0))) }

type keptKey struct {
	d          *db.DB
	generation uint64
	query      string // the terms, the reader's scope and filters (the walks' SQL and arguments), the depth
}

type keptValue[V any] struct {
	v  V
	at time.Time
}

// indexChanged makes every kept ranking stale: called by each write to
// the index in this instance.
func indexChanged() { kept.generation.Add(1) }

// keep returns the value kept in c under query when it is younger than the
// TTL, else compute's (its value and size in bytes), kept.
func keep[V any](c *lru.Cache[keptKey, keptValue[V]], d *db.DB, query string, compute func() (V, int, error)) (V, error) {
	ttl := time.Duration(kept.ttl.Load())
	if ttl == 0 {
		v, _, err := compute()
		return v, err
	}
	key := keptKey{d: d, generation: kept.generation.Load(), query: query}
	if k, ok := c.Get(key); ok && time.Since(k.at) < ttl {
		return k.v, nil
	}
	v, size, err := compute()
	if err == nil {
		c.Put(key, keptValue[V]{v: v, at: time.Now()}, len(query)+size+64)
	}
	return v, err
}

// keptRank is rank's result for the query named by key (rankingKey), kept.
func keptRank(rank func() ([]scored, error), d *db.DB, key string, want int) ([]scored, error) {
	return keep(kept.rankings, d, key, func() ([]scored, int, error) {
		ranked, err := rank()
		ranked = ranked[:min(len(ranked), want)] // deeper pages ask with a larger want
		return ranked, len(ranked) * 24, err
	})
}

// rankingKey names a ranking: the analysed terms, the condition of what
// the reader may see and the filters (which hold the reader's communities
// and identity), their arguments, and how many results were asked for.
func rankingKey(t []qterm, where string, args []any, want int) string {
	var b strings.Builder
	for _, q := range t {
		b.WriteString(strings.Join(q.stems, " "))
		if q.prefix {
			b.WriteByte('*')
		}
		b.WriteByte('|')
	}
	fmt.Fprintf(&b, "%d|%s|%#v", want, where, args[1:]) // $1 is the engine's match, set by each walk
	return b.String()
}

// keptShow is show's hits for page of the ranking named by key, kept for
// the same visible page (the ids stillVisible kept, which is run every
// time): names, counts and passages may be as old as the TTL, never what
// is visible.
func keptShow(show func() ([]Hit, error), d *db.DB, key string, page []scored) ([]Hit, error) {
	var b strings.Builder
	b.WriteString(key)
	for _, s := range page {
		fmt.Fprintf(&b, "|%d", s.id)
	}
	hits, err := keep(kept.hits, d, b.String(), func() ([]Hit, int, error) {
		hits, err := show()
		size := 0
		for _, h := range hits {
			size += 512 + len(h.Title) + len(h.Snippet) + len(h.URL) + len(h.doc.title) + len(h.doc.tags) + len(h.doc.summary) + len(h.doc.body)
		}
		return hits, size, err
	})
	return slices.Clone(hits), err // the caller's to change
}
