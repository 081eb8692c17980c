package search

import (
	"context"
	"fmt"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/db"
)

// Exhaustive ranks every document a may see (by the live tables) that holds
// a word of text, scoring each from its forward index as the search does:
// the oracle the posting lists' top k is compared with. Hits are
// "kind:subject".
func Exhaustive(ctx context.Context, d *db.DB, a auth.Actor, text string) ([]string, error) {
	t := parse(text).analyzed()
	readable, stewards, _, err := readCommunities(ctx, d, a)
	if err != nil {
		return nil, err
	}
	f := &filter{args: []any{int64(0)}, readable: readable, stewards: stewards}
	where := f.restrict(a, Query{Text: text})
	idf, _, _, err := idfs(ctx, d, t)
	if err != nil {
		return nil, err
	}
	rows, err := d.QueryContext(ctx, "SELECT s.doc_id, s.terms FROM search_docs s WHERE s.doc_id > $1 AND "+where, f.args...)
	if err != nil {
		return nil, err
	}
	forward := map[int64]string{}
	if _, err := scanForward(rows, forward); err != nil {
		return nil, err
	}
	all := map[int64]scored{}
	for id, fw := range forward {
		all[id] = scoreOf(id, fw, t, idf)
	}
	return hitNames(sortedScores(all)), nil
}

// TopK ranks text for a by the posting lists alone (no fallback), the
// first want hits, and tells whether the reading ended exact.
func TopK(ctx context.Context, d *db.DB, a auth.Actor, text string, want int) ([]string, bool, error) {
	t := parse(text).analyzed()
	readable, stewards, _, err := readCommunities(ctx, d, a)
	if err != nil {
		return nil, false, err
	}
	f := &filter{args: []any{nil}, readable: readable, stewards: stewards, scope: true}
	where := f.restrict(a, Query{Text: text})
	idf, floors, _, err := idfs(ctx, d, t)
	if err != nil {
		return nil, false, err
	}
	var cs []*cursor
	if len(t) == 1 && t[0].prefix {
		if cs, err = prefixCursors(ctx, d, t[0].stems[0], idf[0]); err != nil {
			return nil, false, err
		}
	} else {
		for i, q := range t {
			cs = append(cs, &cursor{slot: i, term: q.stems[0], idf: idf[i], floor: floors[i]})
		}
	}
	best, end, err := topK(ctx, d, t, idf, cs, where, f.args, want)
	return hitNames(best[:min(len(best), want)]), end == topKExact, err
}

// Walk runs the engine's newest-first candidate walk of q's text and
// filters for a, asked for n documents and allowed to stop once it found
// enough among the first scan matches. Hits are "kind:subject"; every
// reports whether they are known to be every match.
func Walk(ctx context.Context, d *db.DB, a auth.Actor, q Query, n, enough, scan int) (hits []string, every bool, err error) {
	readable, stewards, communities, err := readCommunities(ctx, d, a)
	if err != nil {
		return nil, false, err
	}
	f := &filter{args: []any{nil}, readable: readable, stewards: stewards, scope: true}
	where := f.restrict(a, q)
	e := engineFor(d.Dialect)
	f.args[0] = e.match(parse(q.Text).analyzed())
	w := walk{n: n, enough: enough, scan: scan, community: filteredTo(communities, q)}
	ids, every, err := e.candidates(ctx, d, where, f.args, w, map[int64]string{})
	for _, id := range ids {
		hits = append(hits, kindOf(id).Name+":"+strconv.FormatInt(id>>4, 10))
	}
	return hits, every, err
}

func hitNames(s []scored) []string {
	out := make([]string, len(s))
	for i, h := range s {
		out[i] = kindOf(h.id).Name + ":" + strconv.FormatInt(h.id>>4, 10)
	}
	return out
}

// TrimLists cuts the posting lists longer than limit, as the job does with
// listLimit.
func TrimLists(ctx context.Context, d *db.DB, limit int) error { return trim(ctx, d, limit) }

// CheckLists reports the first disagreement between the posting lists and
// the documents' forward indexes: a posting of no document, or a document
// missing from a list it belongs in (uncut, or above the cut's floor).
func CheckLists(ctx context.Context, d *db.DB) error {
	rows, err := d.QueryContext(ctx, "SELECT doc_id, terms, kind, subject_id, COALESCE(community_id, 0), draft FROM search_docs")
	if err != nil {
		return err
	}
	want := map[posting]bool{}
	for rows.Next() {
		var p posting
		var terms string
		if err := rows.Scan(&p.doc, &terms, &p.kind, &p.subject, &p.community, &p.draft); err != nil {
			rows.Close()
			return err
		}
		eachTerm(terms, func(term string, impact int) {
			p.term, p.impact = term, impact
			want[p] = true
		})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	have := map[posting]bool{}
	rows, err = d.QueryContext(ctx, "SELECT term, impact, doc_id, kind, subject_id, COALESCE(community_id, 0), draft FROM search_postings")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p posting
		if err := rows.Scan(&p.term, &p.impact, &p.doc, &p.kind, &p.subject, &p.community, &p.draft); err != nil {
			return err
		}
		if !want[p] {
			return fmt.Errorf("posting %+v belongs to no document (or its scope is stale)", p)
		}
		have[p] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	floors := map[string]int{}
	for p := range want {
		floors[p.term] = -1
	}
	terms := make([]string, 0, len(floors))
	for t := range floors {
		terms = append(terms, t)
	}
	cut, err := floorsOf(ctx, d, terms)
	if err != nil {
		return err
	}
	for p := range want {
		if f, ok := cut[p.term]; (!ok || p.impact > f) && !have[p] {
			return fmt.Errorf("posting %+v missing (list cut at %d: %v)", p, f, ok)
		}
	}
	return nil
}

// ForgetCounts drops the document frequencies remembered for d, so that
// what follows (an oracle and the search it checks) reads the same ones.
func ForgetCounts(d *db.DB) {
	dfs.Lock()
	for k := range dfs.m {
		if k.d == d {
			delete(dfs.m, k)
		}
	}
	dfs.Unlock()
	counts.Lock()
	delete(counts.m, d)
	counts.Unlock()
}

// Folded is a word as the analyzer folds it, and its stem.
func Folded(word string) (folded, stemmed string) {
	f := fold(word)
	return f, stem(f)
}

// KeptScopes is how many readers' scopes are kept.
func KeptScopes() int { return keptScopes.Len() }

// Conditions are the walks' condition for a and q (the kinds' Scope) and
// the shown page's (their Visible), with their arguments after $1.
func Conditions(ctx context.Context, d *db.DB, a auth.Actor, q Query) (walk, shown string, args []any, err error) {
	readable, stewards, _, err := readCommunities(ctx, d, a)
	if err != nil {
		return "", "", nil, err
	}
	f := &filter{args: []any{nil}, readable: readable, stewards: stewards, scope: true}
	walk = f.restrict(a, q)
	g := &filter{args: []any{nil}, readable: readable, stewards: stewards}
	shown = g.restrict(a, q)
	return walk, shown, f.args[1:], nil
}
