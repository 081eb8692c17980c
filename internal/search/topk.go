package search

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strconv"

	"hearth/internal/db"
)

// topK ranks a query of single words by reading each word's posting list
// best first (Fagin's threshold algorithm): each document met in a list,
// if the reader may see it (where, over its search_docs row s, is part of
// the reading), is scored exactly from its forward index; the reading stops
// as soon as no document not yet met could rank above the want-th found:
// one not met holds at most the words whose lists are not read to their end,
// each with at most the impact where its reading stands (or its floor, when
// a cut list was read to its end). Then the first want are exact.
//
// It reports how it ended: exact; over budget (postingBudget postings read,
// or metBudget documents met: the best met are returned, an approximation);
// or dry, when a cut list ran out before the bound was reached (a narrow
// scope, a deep page). Short of exact, the caller adds the newest-first
// candidates.
const (
	firstChunk    = 64
	nextChunk     = 256
	postingBudget = 2000
	metBudget     = 300 // documents of a query of several words scored from their forward index
)

type topKEnd int

const (
	topKExact topKEnd = iota
	topKBudget
	topKDry
)

// cursor is where the reading of one word's list stands. A query's term
// is read through one cursor, a prefix through one per word it expands to
// (slot is the query term's index).
type cursor struct {
	slot          int
	term          string
	idf           float64
	floor         int // the highest impact the list may miss; -1 when it misses none
	impact        int // the last impact read
	doc           int64
	started, done bool
}

// bound is the most an unread document may hold of this word: whether it
// can hold it, and its impact at most.
func (c *cursor) bound() (bool, int) {
	switch {
	case !c.started:
		return true, math.MaxInt32
	case !c.done:
		return true, c.impact
	case c.floor >= 0:
		return true, c.floor
	}
	return false, 0
}

func topK(ctx context.Context, d *db.DB, t []qterm, idf []float64, cs []*cursor, where string, args []any, want int) ([]scored, topKEnd, error) {
	met := map[int64]scored{}
	var best []scored
	read := 0
	for {
		// The cursor to advance: one not started, else the one whose
		// bound weighs most.
		var next *cursor
		weight := -1.0
		for _, c := range cs {
			if c.done {
				continue
			}
			if !c.started {
				next = c
				break
			}
			if w := c.idf * float64(c.impact); w > weight {
				next, weight = c, w
			}
		}
		if next == nil || read >= postingBudget || (len(t) > 1 && len(met) >= metBudget) {
			best = sortedScores(met)
			if next == nil {
				return best, dryOrExact(len(t), cs, best, want), nil
			}
			return best, topKBudget, nil
		}
		n := nextChunk
		switch {
		case !next.started && len(cs) > len(t):
			// A prefix read through several lists: the first want of
			// each hold the best of all, unless one list holds most.
			n = want
		case !next.started:
			n = max(firstChunk, want)
		}
		ids, impacts, err := readList(ctx, d, next, where, args, n)
		if err != nil {
			return nil, topKExact, err
		}
		if err := meet(ctx, d, t, idf, met, ids, impacts); err != nil {
			return nil, topKExact, err
		}
		got := len(ids)
		read += got
		if next.done {
			// The floor was read a few seconds ago (idfs): a list read to
			// its end is the whole list only if no job cut it since, and
			// a cut raises the floor.
			if next.floor, err = floorNow(ctx, d, next.term); err != nil {
				return nil, topKExact, err
			}
		}
		best = sortedScores(met)
		if reached(len(t), cs, best, want) {
			return best, topKExact, nil
		}
	}
}

// dryOrExact tells, once every list is read, whether the ranking is exact.
func dryOrExact(slots int, cs []*cursor, best []scored, want int) topKEnd {
	if reached(slots, cs, best, want) {
		return topKExact
	}
	return topKDry
}

// reached reports whether no unread document can rank above the want-th
// best met (or, with fewer met, whether no unread document can match).
func reached(slots int, cs []*cursor, best []scored, want int) bool {
	possible, most := make([]bool, slots), make([]float64, slots) // per query term, over its cursors
	for _, c := range cs {
		if ok, impact := c.bound(); ok {
			possible[c.slot] = true
			most[c.slot] = max(most[c.slot], c.idf*float64(impact)/1000)
		}
	}
	matched, score := 0, 0.0
	for i := range slots {
		if possible[i] {
			matched++
			score += most[i]
		}
	}
	if matched == 0 {
		return true
	}
	if len(best) < want {
		return false
	}
	k := best[want-1]
	return k.matched > matched || (k.matched == matched && k.score >= score)
}

// readList reads the next n postings of c's list that the reader may see
// (and that meet the query's filters): their documents' keys and impacts.
func readList(ctx context.Context, d *db.DB, c *cursor, where string, args []any, n int) ([]int64, []int, error) {
	a := append([]any{c.term}, args[1:]...)
	if c.started {
		a = append(a, c.impact, c.doc)
	}
	rows, err := d.QueryContext(ctx, listSQL(where, len(args), c.started, n), a...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	var impacts []int
	for rows.Next() {
		if err := rows.Scan(&c.impact, &c.doc); err != nil {
			return nil, nil, err
		}
		ids, impacts = append(ids, c.doc), append(impacts, c.impact)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	c.started = true
	c.done = len(ids) < n
	return ids, impacts, nil
}

// meet scores the documents read from a list that were not met before: for
// a query of one word, from the impacts read; otherwise from their forward
// indexes (the threshold algorithm's random access).
func meet(ctx context.Context, d *db.DB, t []qterm, idf []float64, met map[int64]scored, ids []int64, impacts []int) error {
	if len(t) == 1 {
		// A prefix's document may be met in the lists of several of its
		// words: it scores by the best. One not met yet in its best word's
		// list has at most that list's cursor's impact, so the bound holds.
		for i, id := range ids {
			s := scored{id: id, matched: 1, score: idf[0] * float64(impacts[i]) / 1000}
			if s.score > met[id].score {
				met[id] = s
			}
		}
		return nil
	}
	var fresh []int64
	for _, id := range ids {
		if _, ok := met[id]; !ok {
			fresh = append(fresh, id)
		}
	}
	forward := map[int64]string{}
	if err := readForward(ctx, d, fresh, forward); err != nil {
		return err
	}
	for id, fw := range forward {
		met[id] = scoreOf(id, fw, t, idf)
	}
	return nil
}

// listSQL reads a list's next n postings that meet where (over s, here the
// postings themselves, which hold their documents' scope; nargs arguments,
// $1 the term), after the cursor ($nargs+1, $nargs+2) when after is set.
// The order is the primary key's, read backwards, so LIMIT stops the
// reading.
func listSQL(where string, nargs int, after bool, n int) string {
	cond := ""
	if after {
		cond = " AND (s.impact, s.doc_id) < ($" + strconv.Itoa(nargs+1) + ", $" + strconv.Itoa(nargs+2) + ")"
	}
	return `SELECT s.impact, s.doc_id FROM search_postings s WHERE s.term = $1` + cond + ` AND ` + where +
		` ORDER BY s.impact DESC, s.doc_id DESC LIMIT ` + strconv.Itoa(n)
}

// floorNow reads the floor of term's list: -1 when it is whole.
func floorNow(ctx context.Context, d *db.DB, term string) (int, error) {
	floor := -1
	err := d.QueryRowContext(ctx, "SELECT floor FROM search_terms WHERE term = $1", term).Scan(&floor)
	if errors.Is(err, sql.ErrNoRows) {
		return -1, nil
	}
	return floor, err
}

// scoreOf is a document's rank for single-word terms from its forward index.
func scoreOf(id int64, forward string, t []qterm, idf []float64) scored {
	s := scored{id: id}
	for i, impact := range impactsOf(forward, t, make([]float64, len(t))) {
		if impact >= 0 {
			s.matched++
			s.score += idf[i] * impact
		}
	}
	return s
}

func sortedScores(m map[int64]scored) []scored {
	out := make([]scored, 0, len(m))
	for _, s := range m {
		if s.matched > 0 {
			out = append(out, s)
		}
	}
	sortScored(out)
	return out
}

// sortScored orders hits best first: more of the query's terms, then a
// higher score, then newer.
func sortScored(out []scored) {
	slices.SortFunc(out, func(a, b scored) int {
		switch {
		case a.matched != b.matched:
			return b.matched - a.matched
		case a.score != b.score:
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(b.id - a.id) // newer first
	})
}
