package search

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// sqlite keeps the analyzer's terms in a contentless FTS5 table, search_fts,
// and the rest in search_docs. A document's rowid in search_fts is its key
// negated, so that the newest document comes first in FTS5's
// forward order: walks read matches newest first, and FTS5 reads a doclist
// backwards by first decoding each of its leaf pages into an array of
// offsets. Forward, a walk of two words' matches took 0.26-0.85 ms where
// it took 0.60-1.36 ms backwards (docs/performance.md).
type sqlite struct{}

func (sqlite) put(ctx context.Context, q db.Q, docs []indexed) error {
	if len(docs) == 0 {
		return nil
	}
	var b, f strings.Builder
	b.WriteString("INSERT INTO search_docs (doc_id, kind, subject_id, community_id, draft, title, tags, summary, body, terms) VALUES ")
	f.WriteString("INSERT INTO search_fts (rowid, title, tags, summary, body, scope) VALUES ")
	args := make([]any, 0, len(docs)*10)
	fargs := make([]any, 0, len(docs)*6)
	for i, doc := range docs {
		if i > 0 {
			b.WriteString(", ")
			f.WriteString(", ")
		}
		b.WriteString("(" + db.Placeholders(len(args)+1, 10) + ")")
		f.WriteString("(" + db.Placeholders(len(fargs)+1, 6) + ")")
		args = append(args, doc.id, doc.kind.Name, doc.ID, nullID(doc.CommunityID), doc.Draft, doc.Title, doc.Tags, doc.Summary, doc.Body, doc.forward)
		fargs = append(fargs, -doc.id, doc.fields[0], doc.fields[1], doc.fields[2], doc.fields[3], communityToken(doc.CommunityID))
	}
	if _, err := q.ExecContext(ctx, b.String(), args...); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, f.String(), fargs...)
	return err
}

// communityToken is the token of search_fts's scope column that names a
// community: '_' is a token character of search_fts's tokenizer and never
// in an analyzer's term, so no word a reader asks for matches it.
func communityToken(id int64) string {
	if id == 0 {
		return ""
	}
	return "_c" + strconv.FormatInt(id, 10)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (sqlite) remove(ctx context.Context, q db.Q, ids []int64) error {
	for len(ids) > 0 {
		n := min(len(ids), putBatch)
		args, rowids := make([]any, n), make([]any, n)
		for i, id := range ids[:n] {
			args[i], rowids[i] = id, -id
		}
		in := db.Placeholders(1, n)
		if _, err := q.ExecContext(ctx, "DELETE FROM search_fts WHERE rowid IN ("+in+")", rowids...); err != nil {
			return errs.Wrap(err, "unindex documents")
		}
		if _, err := q.ExecContext(ctx, "DELETE FROM search_docs WHERE doc_id IN ("+in+")", args...); err != nil {
			return errs.Wrap(err, "unindex documents")
		}
		ids = ids[n:]
	}
	return nil
}

func (sqlite) clear(ctx context.Context, q db.Q) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM search_fts"); err != nil {
		return errs.Wrap(err, "clear index")
	}
	_, err := q.ExecContext(ctx, "DELETE FROM search_docs")
	return errs.Wrap(err, "clear index")
}

// optimize merges the FTS5 index into one b-tree, which halves the cost of
// reading a term's matches.
func (sqlite) optimize(ctx context.Context, q db.Q) error {
	_, err := q.ExecContext(ctx, "INSERT INTO search_fts (search_fts) VALUES ('optimize')")
	return errs.Wrap(err, "optimize index")
}

// match is an FTS5 query: each term in double quotes (terms hold letters and
// digits only), a prefix followed by *, a phrase's terms in one quote.
func (sqlite) match(t []qterm) string {
	var b strings.Builder
	for i, p := range t {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.Join(p.stems, " "))
		b.WriteByte('"')
		if p.prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// candidates walks FTS5's matches in ascending rowid order, the newest
// document first (FTS5 consumes the ORDER BY; CROSS JOIN keeps it the outer
// loop), so LIMIT stops the walk.
//
// A bounded walk (w.scan) in one community (w.community) holds the
// community's token in its match, so FTS5 walks only the community's
// documents, and asks, as PostgreSQL's does, for enough only. In another
// narrow scope, it reads first the newest w.scan matches only, and goes on
// to the full walk when those hold fewer than w.enough documents that meet
// where.
func (sqlite) candidates(ctx context.Context, d *db.DB, where string, args []any, w walk, forward map[int64]string) ([]int64, bool, error) {
	n := w.n
	if w.community != 0 {
		args = slices.Clone(args)
		args[0] = args[0].(string) + ` AND scope : "` + communityToken(w.community) + `"`
		if w.scan > 0 {
			n, w.scan = min(n, max(w.enough, 1)), 0
		}
	}
	if w.scan > 0 {
		rows, err := d.QueryContext(ctx, `SELECT s.doc_id, s.terms FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH $1 ORDER BY rowid LIMIT `+
			strconv.Itoa(w.scan)+`) f CROSS JOIN search_docs s ON s.doc_id = -f.rowid WHERE `+where+` ORDER BY f.rowid LIMIT `+strconv.Itoa(n), args...)
		if err != nil {
			return nil, false, err
		}
		ids, err := scanForward(rows, forward)
		if err != nil || len(ids) >= w.enough {
			return ids, false, err // stopped early, perhaps: not known to be every match
		}
	}
	rows, err := d.QueryContext(ctx, `SELECT s.doc_id, s.terms FROM search_fts CROSS JOIN search_docs s ON s.doc_id = -search_fts.rowid
		WHERE search_fts MATCH $1 AND `+where+` ORDER BY search_fts.rowid LIMIT `+strconv.Itoa(n), args...)
	if err != nil {
		return nil, false, err
	}
	ids, err := scanForward(rows, forward)
	return ids, len(ids) < n, err
}

func (sqlite) count(ctx context.Context, d *db.DB, match string, limit int) (int, error) {
	var n int
	err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH $1 LIMIT `+strconv.Itoa(limit)+`)`, match).Scan(&n)
	return n, err
}
