package search

import (
	"container/heap"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// listBuilder gathers the posting lists of a rebuild in memory, each cut
// to its listLimit best documents as it goes (a heap per term), so that a
// rebuild writes Σ min(df, listLimit) postings rather than one per term of
// every document.
type listBuilder struct {
	lists map[string]*termList
}

// termList is one term's best postings so far (a min-heap: the worst on
// top), with how many documents hold the term and the highest impact cut.
type termList struct {
	best  postingHeap
	df    int
	floor int // -1 while nothing was cut
}

func newListBuilder() *listBuilder { return &listBuilder{lists: map[string]*termList{}} }

func (b *listBuilder) add(ps []posting) {
	for _, p := range ps {
		l := b.lists[p.term]
		if l == nil {
			l = &termList{floor: -1}
			b.lists[p.term] = l
		}
		l.df++
		heap.Push(&l.best, p)
		if len(l.best) > listLimit {
			cut := heap.Pop(&l.best).(posting)
			l.floor = max(l.floor, cut.impact)
		}
	}
}

// write stores the lists, and the cut ones' floors and frequencies,
// telling progress (when not nil) in postings written.
func (b *listBuilder) write(ctx context.Context, q db.Q, progress Progress) error {
	terms := make([]string, 0, len(b.lists))
	total := 0
	for t, l := range b.lists {
		terms = append(terms, t)
		total += len(l.best)
	}
	slices.Sort(terms)
	done := 0
	tell := func() {
		if progress != nil {
			progress(StageLists, done, total)
		}
	}
	tell()
	var ps []posting
	var cut []string
	var args []any
	now := time.Now().Unix()
	for _, t := range terms {
		l := b.lists[t]
		ps = append(ps, l.best...)
		if len(ps) >= 10*postingBatch {
			if err := insertPostings(ctx, q, ps); err != nil {
				return err
			}
			done += len(ps)
			tell()
			ps = ps[:0]
		}
		if l.floor >= 0 {
			cut = append(cut, "("+db.Placeholders(len(args)+1, 4)+")")
			args = append(args, t, l.df, l.floor, now)
			if len(cut) == putBatch {
				if err := insertTerms(ctx, q, cut, args); err != nil {
					return err
				}
				cut, args = cut[:0], args[:0]
			}
		}
	}
	if err := insertPostings(ctx, q, ps); err != nil {
		return err
	}
	done += len(ps)
	tell()
	return insertTerms(ctx, q, cut, args)
}

func insertTerms(ctx context.Context, q db.Q, rows []string, args []any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, "INSERT INTO search_terms (term, df, floor, counted) VALUES "+strings.Join(rows, ", "), args...)
	return errs.Wrap(err, "write posting lists")
}

// buildLists builds the posting lists again from search_docs' forward
// indexes, without analysing any text: after a change in how lists are
// kept (migration 0045 asks for it).
func buildLists(ctx context.Context, q db.Q, progress Progress) error {
	defer indexChanged()
	for _, table := range []string{"search_postings", "search_terms"} {
		if _, err := q.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return errs.Wrap(err, "build posting lists")
		}
	}
	b := newListBuilder()
	done := 0
	for after := int64(-1); ; {
		rows, err := q.QueryContext(ctx, `SELECT doc_id, kind, subject_id, community_id, draft, terms FROM search_docs
			WHERE doc_id > $1 ORDER BY doc_id LIMIT `+strconv.Itoa(rebuildBatch), after)
		if err != nil {
			return errs.Wrap(err, "build posting lists")
		}
		var ps []posting
		n := 0
		for rows.Next() {
			var sc scope
			var community sql.NullInt64
			var terms string
			if err := rows.Scan(&after, &sc.kind, &sc.subject, &community, &sc.draft, &terms); err != nil {
				rows.Close()
				return errs.Wrap(err, "build posting lists")
			}
			sc.community = community.Int64
			eachTerm(terms, func(term string, impact int) { ps = append(ps, posting{term, impact, after, sc}) })
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "build posting lists")
		}
		if n == 0 {
			break
		}
		b.add(ps)
		// Reading the stored documents is told as indexing them.
		if done += n; progress != nil {
			progress(StageDocuments, done, 0)
		}
	}
	return b.write(ctx, q, progress)
}

// postingHeap orders postings worst first: lower impact, then older.
type postingHeap []posting

func (h postingHeap) Len() int { return len(h) }
func (h postingHeap) Less(i, j int) bool {
	if h[i].impact != h[j].impact {
		return h[i].impact < h[j].impact
	}
	return h[i].doc < h[j].doc
}
func (h postingHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *postingHeap) Push(x any)   { *h = append(*h, x.(posting)) }
func (h *postingHeap) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}
