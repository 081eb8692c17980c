package search

import (
	"context"
	"strconv"
	"strings"

	"hearth/internal/db"
)

// A document's forward index is its terms with their impacts, "term impact
// term impact …" (impacts in thousandths, terms in order), stored in
// search_docs.terms when it is indexed (prepare). Ranking reads it to score
// a candidate exactly for a query's terms.

// eachTerm calls fn with each term of a forward index and its impact.
func eachTerm(forward string, fn func(term string, impact int)) {
	for rest := forward; rest != ""; {
		var term, val string
		term, rest, _ = strings.Cut(rest, " ")
		val, rest, _ = strings.Cut(rest, " ")
		v, _ := strconv.Atoi(val)
		fn(term, v)
	}
}

// readForward reads into forward the forward indexes of the documents of
// ids it does not hold yet.
func readForward(ctx context.Context, d *db.DB, ids []int64, forward map[int64]string) error {
	var missing []int64
	for _, id := range ids {
		if _, ok := forward[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	in, args := db.InIDs(1, missing) // a few texts, which stay prepared
	rows, err := d.QueryContext(ctx, "SELECT doc_id, terms FROM search_docs WHERE doc_id IN ("+in+")", args...)
	if err != nil {
		return err
	}
	_, err = scanForward(rows, forward)
	return err
}

// impactsOf sets impacts[i] to the weight of t[i] in a document's forward
// index ("term impact term impact …"), or to -1 when the document does not
// hold it: a word's impact, a phrase's (the sum of its words'), or a
// prefix's (its best word's). Each word is looked for with strings.Index
// rather than by splitting the index (impactIn): ranking reads hundreds of
// indexes of a kilobyte or more for a query of several words, and splitting
// them was most of its CPU in Go.
func impactsOf(forward string, t []qterm, impacts []float64) []float64 {
	k := 0 // words of all the terms so far: parse keeps at most MaxTerms
	for i, q := range t {
		impacts[i] = 0
		for _, w := range q.stems {
			v := -1
			if k < MaxTerms {
				v = impactIn(forward, w, q.prefix)
			}
			k++
			if v < 0 {
				impacts[i] = -1
			} else if impacts[i] >= 0 {
				impacts[i] += float64(v) / 1000
			}
		}
	}
	return impacts
}

// impactIn is the impact of word w in a forward index, or, for a prefix,
// the best of the words that start with it; -1 when there is none. A token
// of the index that starts with w is a word, not an impact, when w holds
// anything but digits (impacts are digits only); a word of digits is
// looked for token by token.
func impactIn(forward, w string, prefix bool) int {
	if w == "" || strings.Trim(w, "0123456789") == "" {
		return impactByToken(forward, w, prefix)
	}
	best := -1
	for from := 0; from < len(forward); {
		j := strings.Index(forward[from:], w)
		if j < 0 {
			break
		}
		j += from
		if j > 0 && forward[j-1] != ' ' { // inside a word
			from = j + 1
			continue
		}
		term, rest, _ := strings.Cut(forward[j:], " ")
		val, _, _ := strings.Cut(rest, " ")
		from = j + len(term) + 1 + len(val)
		if term != w && !prefix { // a longer word
			continue
		}
		v, _ := strconv.Atoi(val)
		best = max(best, v)
		if !prefix { // a word is in the index once
			break
		}
	}
	return best
}

// impactByToken is impactIn, reading the index token by token.
func impactByToken(forward, w string, prefix bool) int {
	best := -1
	eachTerm(forward, func(term string, impact int) {
		if term == w || (prefix && strings.HasPrefix(term, w)) {
			best = max(best, impact)
		}
	})
	return best
}
