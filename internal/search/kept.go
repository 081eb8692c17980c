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
	results    *lru.Cache[keptKey, keptRanking]
}{results: lru.New[keptKey, keptRanking](8 << 20)}

// KeepResults sets how long a ranking is kept; 0 keeps none.
func KeepResults(ttl time.Duration) { kept.ttl.Store(int64(max(ttl, 0))) }

type keptKey struct {
	d          *db.DB
	generation uint64
	query      string // the terms, the reader's scope and filters (the walks' SQL and arguments), the depth
}

type keptRanking struct {
	ranked []scored
	at     time.Time
}

// indexChanged makes every kept ranking stale: called by each write to
// the index in this instance.
func indexChanged() { kept.generation.Add(1) }

// keptRank is rank's result for the same query, scope and depth, when one
// was kept less than the TTL ago, else rank's, kept.
func keptRank(rank func() ([]scored, error), d *db.DB, t []qterm, where string, args []any, want int) ([]scored, error) {
	ttl := time.Duration(kept.ttl.Load())
	if ttl == 0 {
		return rank()
	}
	key := keptKey{d: d, generation: kept.generation.Load(), query: rankingKey(t, where, args, want)}
	if k, ok := kept.results.Get(key); ok && time.Since(k.at) < ttl {
		return k.ranked, nil
	}
	ranked, err := rank()
	if err != nil {
		return nil, err
	}
	ranked = ranked[:min(len(ranked), want)] // deeper pages ask with a larger want
	kept.results.Put(key, keptRanking{ranked: ranked, at: time.Now()}, len(key.query)+len(ranked)*24+64)
	return ranked, nil
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

// keptHits are the shown hits of a page of a kept ranking, for the same
// visible page (the ids stillVisible kept, which is run every time): names,
// counts and passages may be as old as the TTL, never what is visible.
var keptHits = lru.New[keptKey, keptShown](8 << 20)

type keptShown struct {
	hits []Hit
	at   time.Time
}

// keptShow is show's hits for page, kept as rankings are.
func keptShow(show func() ([]Hit, error), d *db.DB, t []qterm, where string, args []any, want int, page []scored) ([]Hit, error) {
	ttl := time.Duration(kept.ttl.Load())
	if ttl == 0 {
		return show()
	}
	var b strings.Builder
	b.WriteString(rankingKey(t, where, args, want))
	for _, s := range page {
		fmt.Fprintf(&b, "|%d", s.id)
	}
	key := keptKey{d: d, generation: kept.generation.Load(), query: b.String()}
	if k, ok := keptHits.Get(key); ok && time.Since(k.at) < ttl {
		return slices.Clone(k.hits), nil // the caller's to change
	}
	hits, err := show()
	if err != nil {
		return nil, err
	}
	size := len(key.query) + 64
	for _, h := range hits {
		size += 512 + len(h.Title) + len(h.Snippet) + len(h.URL) + len(h.doc.title) + len(h.doc.tags) + len(h.doc.summary) + len(h.doc.body)
	}
	keptHits.Put(key, keptShown{hits: hits, at: time.Now()}, size)
	return hits, nil
}
