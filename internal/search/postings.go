package search

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Posting lists: for each term, the documents that hold it with the term's
// impact in them (search_postings), so that a query reads a term's best
// documents first and stops (topk.go). A list is cut to its listLimit best
// documents by a job (trim.go), which records the term in search_terms
// with floor, the highest impact it cut: every document whose impact is
// above floor stays in the list, and writes keep it so. Scope is not in the
// lists: readings join search_docs, so a community move or a draft changes
// no posting.

// listLimit is how many documents a cut list keeps (the design note's M).
const listLimit = 1000

// posting is one document in a term's list, with the document's scope.
type posting struct {
	term   string
	impact int
	doc    int64
	scope
}

// scope is what a search_docs row says of who may see it.
type scope struct {
	kind      string
	subject   int64
	community int64 // 0 for none
	draft     bool
}

// postingsOf lists the postings of documents.
func postingsOf(docs []indexed) []posting {
	var out []posting
	for _, doc := range docs {
		sc := scope{doc.kind.Name, doc.ID, doc.CommunityID, doc.Draft}
		eachTerm(doc.forward, func(term string, impact int) { out = append(out, posting{term, impact, doc.id, sc}) })
	}
	return out
}

// post adds the postings of docs (just stored) to their terms' lists: all
// of them to an uncut list, those above the floor to a cut one.
func post(ctx context.Context, q db.Q, docs []indexed) error {
	all := postingsOf(docs)
	if len(all) == 0 {
		return nil
	}
	var terms []string
	for _, p := range all {
		terms = append(terms, p.term)
	}
	slices.Sort(terms)
	floors, err := floorsOf(ctx, q, slices.Compact(terms))
	if err != nil {
		return err
	}
	keep := all[:0]
	for _, p := range all {
		if f, cut := floors[p.term]; !cut || p.impact > f {
			keep = append(keep, p)
		}
	}
	return insertPostings(ctx, q, keep)
}

// floorsOf reads the floors of those of terms whose lists are cut.
func floorsOf(ctx context.Context, q db.Q, terms []string) (map[string]int, error) {
	out := map[string]int{}
	for len(terms) > 0 {
		n := min(len(terms), putBatch)
		args := make([]any, n)
		for i, t := range terms[:n] {
			args[i] = t
		}
		rows, err := q.QueryContext(ctx, "SELECT term, floor FROM search_terms WHERE term IN ("+db.Placeholders(1, n)+")", args...)
		if err != nil {
			return nil, errs.Wrap(err, "read posting lists")
		}
		for rows.Next() {
			var t string
			var f int
			if err := rows.Scan(&t, &f); err != nil {
				rows.Close()
				return nil, errs.Wrap(err, "read posting lists")
			}
			out[t] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, errs.Wrap(err, "read posting lists")
		}
		terms = terms[n:]
	}
	return out, nil
}

// postingBatch is how many postings one statement writes or deletes.
const postingBatch = 200

func insertPostings(ctx context.Context, q db.Q, ps []posting) error {
	for len(ps) > 0 {
		n := min(len(ps), postingBatch)
		var b strings.Builder
		b.WriteString("INSERT INTO search_postings (term, impact, doc_id, kind, subject_id, community_id, draft) VALUES ")
		args := make([]any, 0, 7*n)
		for i, p := range ps[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + db.Placeholders(len(args)+1, 7) + ")")
			args = append(args, p.term, p.impact, p.doc, p.kind, p.subject, nullID(p.community), p.draft)
		}
		b.WriteString(" ON CONFLICT (term, impact, doc_id) DO NOTHING")
		if _, err := q.ExecContext(ctx, b.String(), args...); err != nil {
			return errs.Wrap(err, "write posting lists")
		}
		ps = ps[n:]
	}
	return nil
}

// unpost removes from the lists the postings of the documents with these
// keys, found through their forward index (before the documents go).
func unpost(ctx context.Context, q db.Q, keys []int64) error {
	var ps []posting
	for rest := keys; len(rest) > 0; {
		n := min(len(rest), putBatch)
		args := make([]any, n)
		for i, id := range rest[:n] {
			args[i] = id
		}
		rows, err := q.QueryContext(ctx, "SELECT doc_id, terms FROM search_docs WHERE doc_id IN ("+db.Placeholders(1, n)+")", args...)
		if err != nil {
			return errs.Wrap(err, "unindex documents")
		}
		forward := map[int64]string{}
		if _, err := scanForward(rows, forward); err != nil {
			return errs.Wrap(err, "unindex documents")
		}
		for id, fw := range forward {
			eachTerm(fw, func(term string, impact int) { ps = append(ps, posting{term: term, impact: impact, doc: id}) })
		}
		rest = rest[n:]
	}
	return errs.Wrap(eachPostings(ps, func(where string, args []any) error {
		_, err := q.ExecContext(ctx, "DELETE FROM search_postings WHERE "+where, args...)
		return err
	}), "unindex documents")
}

// eachPostings calls fn with a condition that selects a batch of ps by
// their keys, and its arguments, batch after batch.
func eachPostings(ps []posting, fn func(where string, args []any) error) error {
	for len(ps) > 0 {
		n := min(len(ps), postingBatch)
		conds := make([]string, n)
		args := make([]any, 0, 3*n)
		for i, p := range ps[:n] {
			conds[i] = "(term = $" + strconv.Itoa(len(args)+1) + " AND impact = $" + strconv.Itoa(len(args)+2) + " AND doc_id = $" + strconv.Itoa(len(args)+3) + ")"
			args = append(args, p.term, p.impact, p.doc)
		}
		if err := fn(strings.Join(conds, " OR "), args); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// rescope gives the postings of the documents with these keys their
// documents' scope, as search_docs now holds it.
func rescope(ctx context.Context, q db.Q, keys []int64) error {
	for len(keys) > 0 {
		n := min(len(keys), putBatch)
		args := make([]any, n)
		for i, id := range keys[:n] {
			args[i] = id
		}
		rows, err := q.QueryContext(ctx, "SELECT doc_id, terms, community_id, draft FROM search_docs WHERE doc_id IN ("+db.Placeholders(1, n)+")", args...)
		if err != nil {
			return errs.Wrap(err, "index entry")
		}
		type doc struct {
			id        int64
			terms     string
			community sql.NullInt64
			draft     bool
		}
		var docs []doc
		for rows.Next() {
			var d doc
			if err := rows.Scan(&d.id, &d.terms, &d.community, &d.draft); err != nil {
				rows.Close()
				return errs.Wrap(err, "index entry")
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "index entry")
		}
		for _, d := range docs {
			var ps []posting
			eachTerm(d.terms, func(term string, impact int) { ps = append(ps, posting{term: term, impact: impact, doc: d.id}) })
			err := eachPostings(ps, func(where string, args []any) error {
				_, err := q.ExecContext(ctx, "UPDATE search_postings SET community_id = $"+strconv.Itoa(len(args)+1)+", draft = $"+strconv.Itoa(len(args)+2)+
					" WHERE "+where, append(args, d.community, d.draft)...)
				return err
			})
			if err != nil {
				return errs.Wrap(err, "index entry")
			}
		}
		keys = keys[n:]
	}
	return nil
}
