package search

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"hearth/internal/db"
	"hearth/internal/lru"
)

// Ranking: documents with all the query's terms first, then those with most
// of them; among equals, BM25F: Σ idf(term) × impact(term, document), where
// the impact (weighted term frequency, length-normalised) was stored when
// the document was indexed.
//
// Queries of words are ranked from the posting lists (topk.go) when they
// can be; the others, and those whose lists' reading ends short of exact,
// rank candidates: a bounded set, gathered by walks of the index that stop
// after a fixed number of rows whatever the term's frequency:
//   - documents with every term, newest first, and, when that walk stopped
//     at its limit (otherwise it found them all already), those that hold
//     the words most, from the top of their posting lists (title and tag
//     matches, which weigh most, first) that hold every word;
//     for a phrase or a prefix, only the newest matches (a phrase's
//     newest phraseLimit), without the lists;
//   - when fewer documents have every term than the page asked for needs,
//     documents with some of the words: for each word, the best of its
//     list; for a phrase or a prefix, its newest matches.
//
// Document frequencies are counted up to dfLimit. So a query's cost does
// not grow with the size of the library; the price is that for words in
// more than candidateLimit documents, the best of the newest matches are
// ranked rather than the best of all (the lists' best are added so that
// they are not crowded out by newer bodies).
const (
	candidateLimit = 200
	perTermLimit   = 100
	phraseLimit    = 50
	dfLimit        = 1000
)

// hasPhrase reports whether a query term is a phrase.
func hasPhrase(t []qterm) bool {
	for _, q := range t {
		if len(q.stems) > 1 {
			return true
		}
	}
	return false
}

// scored is a candidate with its rank.
type scored struct {
	id      int64
	matched int // how many of the query's terms it holds
	score   float64
}

// rank ranks the documents that meet where (over search_docs s) for the
// query's terms: from the posting lists when every term is a word and the
// lists can rank them (topk.go, narrowWord); otherwise, or when the lists'
// reading ends short of exact, from the newest-first candidates (newest).
func rank(ctx context.Context, d *db.DB, e engine, t []qterm, where string, args []any, want int, narrow narrowing) ([]scored, error) {
	idf, floors, dfs, err := idfs(ctx, d, t)
	if err != nil {
		return nil, err
	}
	var cs []*cursor
	switch {
	case allWords(t) && narrowWord(t, floors, dfs):
		for i, q := range t {
			cs = append(cs, &cursor{slot: i, term: q.stems[0], idf: idf[i], floor: floors[i]})
		}
	case len(t) == 1 && t[0].prefix:
		if cs, err = prefixCursors(ctx, d, t[0].stems[0], idf[0]); err != nil {
			return nil, err
		}
	}
	if len(cs) == 0 {
		return newest(ctx, d, e, t, idf, where, args, want, narrow)
	}
	best, end, err := topK(ctx, d, t, idf, cs, where, args, want)
	if err != nil || end == topKExact {
		return best, err
	}
	more, err := newest(ctx, d, e, t, idf, where, args, want, narrow)
	if err != nil {
		return nil, err
	}
	// Both score exactly, but for a prefix the lists' reading knows only
	// the best impact it met (its best word's posting may have been cut):
	// the higher score is the document's.
	all := map[int64]scored{}
	for _, s := range best {
		all[s.id] = s
	}
	for _, s := range more {
		if b, ok := all[s.id]; !ok || s.matched > b.matched || (s.matched == b.matched && s.score > b.score) {
			all[s.id] = s
		}
	}
	return sortedScores(all), nil
}

// prefixCursors reads a prefix through the lists of the maxPrefixTerms
// most frequent of the first maxPrefixSeen words that start with it (found
// by seeks along the lists' primary key): none when no word does. The
// choice is remembered for a few seconds, as frequencies are (up to 64
// seeks and counts were most of a prefix query's CPU).
func prefixCursors(ctx context.Context, d *db.DB, prefix string, idf float64) ([]*cursor, error) {
	words, err := expansion(ctx, d, prefix)
	if err != nil {
		return nil, err
	}
	cs := make([]*cursor, len(words))
	for i, w := range words {
		cs[i] = &cursor{term: w.term, idf: idf, floor: w.floor}
	}
	return cs, nil
}

// expansion is the words a prefix is read through (expand), remembered.
func expansion(ctx context.Context, d *db.DB, prefix string) ([]expanded, error) {
	key := expansionKey{d: d, prefix: prefix, epoch: time.Now().Unix() / 10}
	if words, ok := expansions.Get(key); ok {
		return words, nil
	}
	words, err := expand(ctx, d, prefix)
	if err != nil {
		return nil, err
	}
	size := 64
	for _, w := range words {
		size += len(w.term) + 24
	}
	expansions.Put(key, words, size)
	return words, nil
}

// expansionKey names a prefix's words in one database for ten seconds.
type expansionKey struct {
	d      *db.DB
	prefix string
	epoch  int64
}

// expanded is a word a prefix is read through, with its list's floor and
// its document frequency.
type expanded struct {
	term      string
	floor, df int
}

var expansions = lru.New[expansionKey, []expanded](1 << 20)

// expand finds the words a prefix is read through, the most frequent first.
func expand(ctx context.Context, d *db.DB, prefix string) ([]expanded, error) {
	var words []string
	for after := ""; len(words) < maxPrefixSeen; {
		cond, arg := "term >= $1", prefix
		if after != "" {
			cond, arg = "term > $1", after
		}
		var w string
		err := d.QueryRowContext(ctx, "SELECT term FROM search_postings WHERE "+cond+" ORDER BY term LIMIT 1", arg).Scan(&w)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !strings.HasPrefix(w, prefix)) {
			break
		}
		if err != nil {
			return nil, err
		}
		words, after = append(words, w), w
	}
	var out []expanded
	for _, w := range words {
		c, err := wordFreq(ctx, d, w)
		if err != nil {
			return nil, err
		}
		out = append(out, expanded{term: w, floor: c.floor, df: c.n})
	}
	slices.SortStableFunc(out, func(a, b expanded) int { return b.df - a.df })
	return out[:min(len(out), maxPrefixTerms)], nil
}

// A prefix is read through at most maxPrefixTerms lists, chosen among the
// first maxPrefixSeen words that start with it.
const (
	maxPrefixTerms = 16
	maxPrefixSeen  = 64
)

// allWords reports whether every term is a single word (no phrase, no prefix).
func allWords(t []qterm) bool {
	for _, q := range t {
		if len(q.stems) > 1 || q.prefix {
			return false
		}
	}
	return true
}

// narrowWord reports whether the lists can rank the query within their
// budget: one word, or several of which one has a whole list short enough
// to be read and scored entirely (it then bounds every document with all
// the words). For several common words (every list cut) the threshold
// algorithm would score thousands of documents from their forward index
// before it could stop; the newest documents with all of them are ranked
// instead.
func narrowWord(t []qterm, floors, dfs []int) bool {
	if len(t) == 1 {
		return true
	}
	for i := range t {
		if floors[i] < 0 && dfs[i] <= metBudget {
			return true
		}
	}
	return false
}

// narrowing is what a query's filters tell its walks (walk).
type narrowing struct {
	filtered  bool  // a filter narrows the results (Query.Filtered)
	community int64 // the community they are filtered to, when known
}

// newest ranks the bounded newest-first candidates (see above). In a
// narrow scope (the query's filters), its walks are bounded (walk).
func newest(ctx context.Context, d *db.DB, e engine, t []qterm, idf []float64, where string, args []any, want int, narrow narrowing) ([]scored, error) {
	forward := map[int64]string{} // the candidates' forward index, read by the walks
	walkOf := func(terms []qterm, n int) ([]int64, bool, error) {
		a := slices.Clone(args)
		a[0] = e.match(terms)
		w := walk{n: n, community: narrow.community}
		if narrow.filtered {
			w.enough, w.scan = want, walkScan*n
		}
		return e.candidates(ctx, d, where, a, w, forward)
	}
	// walks gathers the matches of terms, newest first, and, unless that
	// walk found every match or the terms hold a phrase or a prefix, the
	// documents that hold them most: the best of each word's posting list
	// (best), where title and tag matches, which weigh most, come first.
	// (A walk of title matches in FTS5 or a weighted tsquery reads every
	// document holding the words when few have them in their title: 8 s
	// for a three-word query on PostgreSQL, which walks its primary key.)
	walks := func(terms []qterm, n int, found func(id int64)) error {
		ids, every, err := walkOf(terms, n)
		if err != nil {
			return err
		}
		for _, id := range ids {
			found(id)
		}
		if every || !allWords(terms) {
			return nil
		}
		if ids, err = best(ctx, d, terms, where, args, n, forward); err != nil {
			return err
		}
		for _, id := range ids {
			found(id)
		}
		return nil
	}
	all := map[int64]bool{} // documents known to hold every term
	limit := candidateLimit
	if hasPhrase(t) {
		// A phrase's matches are found by comparing positions in each
		// document holding its words; the newest phraseLimit (or as many
		// as the page needs) are ranked.
		limit = max(phraseLimit, want)
	}
	if err := walks(t, limit, func(id int64) { all[id] = true }); err != nil {
		return nil, err
	}
	// in[i] holds documents known to hold term i (needed for phrases, which
	// the forward index cannot confirm).
	in := make([]map[int64]bool, len(t))
	var some []int64
	// Documents with only some of the words rank after every document with
	// all of them, so they are looked for only when those do not fill the
	// page asked for (a deeper page asks again, with a larger want).
	if len(t) > 1 && len(all) < want {
		for i := range t {
			in[i] = map[int64]bool{}
			found := func(id int64) {
				in[i][id] = true
				if !all[id] {
					some = append(some, id)
				}
			}
			// A word alone: the documents that hold it most, from its list
			// (on PostgreSQL its newest matches were a walk of the primary
			// key reading each document's tsvector: 0.6 s for a word in 8%);
			// its newest matches too when its list, cut or narrowed by
			// the reader's scope, runs out first. A phrase or a prefix:
			// its newest matches.
			if allWords(t[i : i+1]) {
				ids, err := best(ctx, d, t[i:i+1], where, args, perTermLimit, forward)
				if err != nil {
					return nil, err
				}
				for _, id := range ids {
					found(id)
				}
				if len(ids) == perTermLimit {
					continue
				}
			}
			if err := walks(t[i:i+1], perTermLimit, found); err != nil {
				return nil, err
			}
		}
	}
	ids := make([]int64, 0, len(all)+len(some))
	for id := range all {
		ids = append(ids, id)
	}
	ids = append(ids, some...)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	out := make([]scored, 0, len(ids))
	impacts := make([]float64, len(t))
	for _, id := range ids {
		s := scored{id: id}
		impactsOf(forward[id], t, impacts)
		for i, q := range t {
			impact, ok := impacts[i], impacts[i] >= 0
			if !all[id] && (!ok || (len(q.stems) > 1 && !in[i][id])) {
				continue
			}
			s.matched++
			s.score += idf[i] * impact
		}
		if s.matched > 0 {
			out = append(out, s)
		}
	}
	sortScored(out)
	return out, nil
}

// best reads the documents that hold terms (single words) most and that
// meet where: the first n postings of a word's list, or, for several
// words, the first bestOfSeveral of each word's list that hold every word
// (by their forward index, read into forward).
func best(ctx context.Context, d *db.DB, terms []qterm, where string, args []any, n int, forward map[int64]string) ([]int64, error) {
	if len(terms) > 1 {
		n = bestOfSeveral
	}
	var ids []int64
	for _, q := range terms {
		got, _, err := readList(ctx, d, &cursor{term: q.stems[0]}, where, args, n)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if err := readForward(ctx, d, ids, forward); err != nil || len(terms) == 1 {
		return ids, err
	}
	impacts := make([]float64, len(terms))
	return slices.DeleteFunc(ids, func(id int64) bool {
		return slices.Min(impactsOf(forward[id], terms, impacts)) < 0
	}), nil
}

// bestOfSeveral is how deep best reads each list of a query of several words.
const bestOfSeveral = 64

// idfs gives each term its inverse document frequency and, for a word, the
// floor of its posting list (-1 when the list holds every document with the
// word). A word's frequency is its cut list's recorded one, or its whole
// list's length; a phrase's and a prefix's are estimated from their words'
// (phraseFreq, prefixFreq).
func idfs(ctx context.Context, d *db.DB, t []qterm) (idf []float64, floors, dfs []int, err error) {
	n, err := docCount(ctx, d)
	if err != nil {
		return nil, nil, nil, err
	}
	out := make([]float64, len(t))
	floors, dfs = make([]int, len(t)), make([]int, len(t))
	for i, q := range t {
		var c countAt
		switch {
		case q.prefix:
			c, err = prefixFreq(ctx, d, q.stems[0])
		case len(q.stems) > 1:
			c, err = phraseFreq(ctx, d, q.stems)
		default:
			c, err = wordFreq(ctx, d, q.stems[0])
		}
		if err != nil {
			return nil, nil, nil, err
		}
		df := c.n
		dfs[i] = df
		out[i] = math.Log(1 + (float64(max(n, df))-float64(df)+0.5)/(float64(df)+0.5))
		floors[i] = c.floor
	}
	return out, floors, dfs, nil
}

// remembered is a count remembered for a few seconds per database and key
// (a match, or a word): counts only scale the IDF. It holds at most maxDFs.
func remembered(key dfKey, count func() (countAt, error)) (countAt, error) {
	dfs.Lock()
	c, ok := dfs.m[key]
	if ok && time.Since(c.at) < 10*time.Second {
		dfs.Unlock()
		return c, nil
	}
	if ok { // this caller counts again; concurrent searches keep the old count meanwhile
		dfs.m[key] = countAt{n: c.n, floor: c.floor, at: time.Now()}
	}
	dfs.Unlock()
	c, err := count()
	if err != nil {
		return c, err
	}
	c.at = time.Now()
	dfs.Lock()
	if len(dfs.m) >= maxDFs {
		clear(dfs.m)
	}
	dfs.m[key] = c
	dfs.Unlock()
	return c, nil
}

// phraseFreq estimates how many documents hold a phrase: as many as its
// rarest word, up to dfLimit (a phrase in more documents than that tells
// little). Counting its matches walked up to dfLimit of them: 2 s on
// PostgreSQL for two common words, whose matches GIN cannot confirm
// without reading each document.
func phraseFreq(ctx context.Context, d *db.DB, words []string) (countAt, error) {
	n := dfLimit
	for _, w := range words {
		c, err := wordFreq(ctx, d, w)
		if err != nil {
			return c, err
		}
		n = min(n, c.n)
	}
	return countAt{n: n, floor: -1}, nil
}

// prefixFreq estimates how many documents hold a word starting with prefix:
// as many as its most frequent word (among those it is read through), up
// to dfLimit.
func prefixFreq(ctx context.Context, d *db.DB, prefix string) (countAt, error) {
	words, err := expansion(ctx, d, prefix)
	if err != nil {
		return countAt{}, err
	}
	n := 0
	for _, w := range words {
		n = max(n, min(w.df, dfLimit))
	}
	return countAt{n: n, floor: -1}, nil
}

// wordFreq is a word's document frequency and its list's floor: from
// search_terms for a cut list, else its list's length.
func wordFreq(ctx context.Context, d *db.DB, word string) (countAt, error) {
	return remembered(dfKey{d, "\x00" + word}, func() (countAt, error) {
		c := countAt{floor: -1}
		err := d.QueryRowContext(ctx, "SELECT df, floor FROM search_terms WHERE term = $1", word).Scan(&c.n, &c.floor)
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
		err = d.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM search_postings WHERE term = $1 LIMIT "+
			strconv.Itoa(maxListCount)+") l", word).Scan(&c.n)
		return c, err
	})
}

// maxListCount bounds the count of an uncut list (a job cuts those longer
// than listLimit; until it runs, a frequency past this tells no more).
const maxListCount = 20 * listLimit

type dfKey struct {
	d     *db.DB
	match string
}

const maxDFs = 10_000

var dfs = struct {
	sync.Mutex
	m map[dfKey]countAt
}{m: map[dfKey]countAt{}}

type countAt struct {
	n     int
	floor int
	at    time.Time
}
