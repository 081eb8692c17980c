package search

import (
	"context"
	"database/sql"
	"html/template"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// sqlite keeps the index in an FTS5 table, search_docs (migration
// 0004_search): title, tags, summary and body are indexed by the porter
// stemmer over unicode61 (diacritics removed, so "café" finds "cafe"); kind,
// entry_id and comment_id are stored, not indexed. A document's rowid is its
// docID. Ranking is bm25 with the columns weighted title 10, tags 5,
// summary 3, body 1; snippet() and highlight() mark matches.
type sqlite struct{}

// sqliteRank is FTS5's rank function with its column weights.
const sqliteRank = `'bm25(10.0, 5.0, 3.0, 1.0)'`

func (sqlite) put(ctx context.Context, q db.Q, docs []document) error {
	if len(docs) == 0 {
		return nil
	}
	ids := make([]int64, len(docs))
	for i, doc := range docs {
		ids[i] = doc.id
	}
	if err := (sqlite{}).remove(ctx, q, ids); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("INSERT INTO search_docs (rowid, title, tags, summary, body, kind, entry_id, comment_id) VALUES ")
	args := make([]any, 0, len(docs)*8)
	for i, doc := range docs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + db.Placeholders(len(args)+1, 8) + ")")
		args = append(args, doc.id, doc.title, doc.tags, doc.summary, doc.body, doc.kind, doc.entryID, doc.commentID)
	}
	_, err := q.ExecContext(ctx, b.String(), args...)
	return errs.Wrap(err, "index documents")
}

func (sqlite) remove(ctx context.Context, q db.Q, ids []int64) error {
	for len(ids) > 0 {
		n := min(len(ids), putBatch)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		if _, err := q.ExecContext(ctx, "DELETE FROM search_docs WHERE rowid IN ("+db.Placeholders(1, n)+")", args...); err != nil {
			return errs.Wrap(err, "unindex documents")
		}
		ids = ids[n:]
	}
	return nil
}

func (sqlite) clear(ctx context.Context, q db.Q) error {
	_, err := q.ExecContext(ctx, "DELETE FROM search_docs")
	return errs.Wrap(err, "clear index")
}

func (sqlite) match(t terms) string { return t.fts5() }

// search drives the query from the FTS5 table in rank order (CROSS JOIN
// keeps SQLite from putting it in an inner loop), so that LIMIT stops the
// joins and permission checks after a page's worth of visible hits.
func (sqlite) search(ctx context.Context, d *db.DB, where, limit, offset string, args []any) ([]Hit, error) {
	rows, err := d.QueryContext(ctx, `SELECT s.kind, COALESCE(s.comment_id, 0), c.slug, c.name, e.slug, e.title, e.kind, e.maturity,
		e.updated_at, cm.updated_at, COALESCE(p.name, ''),
		highlight(search_docs, 0, '`+markStart+`', '`+markEnd+`'),
		snippet(search_docs, 2, '`+markStart+`', '`+markEnd+`', '…', 32),
		snippet(search_docs, 3, '`+markStart+`', '`+markEnd+`', '…', 32)
		FROM search_docs s
		CROSS JOIN entries e ON e.id = s.entry_id
		CROSS JOIN communities c ON c.id = e.community_id
		LEFT JOIN posts cm ON cm.id = s.comment_id
		LEFT JOIN people p ON p.id = cm.author_id
		WHERE search_docs MATCH $1 AND s.rank MATCH `+sqliteRank+` AND `+where+`
		ORDER BY s.rank LIMIT `+limit+` OFFSET `+offset, args...)
	if err != nil {
		return nil, err
	}
	return scanHits(rows)
}

// scanHits reads the hits of either engine's query, whose columns come in
// the same order.
func scanHits(rows *sql.Rows) ([]Hit, error) {
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var commentAt sql.NullTime
		var title, summary, body string
		if err := rows.Scan(&h.Kind, &h.CommentID, &h.CommunitySlug, &h.CommunityName, &h.EntrySlug, &h.EntryTitle, &h.EntryKind,
			&h.Maturity, &h.UpdatedAt, &commentAt, &h.CommentAuthor, &title, &summary, &body); err != nil {
			return nil, err
		}
		finish(&h, commentAt, title, summary, body)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// finish fills in a hit from what either engine returned: the comment's
// time, the marked title and the snippet.
func finish(h *Hit, commentAt sql.NullTime, title, summary, body string) {
	if h.Kind == KindComment {
		if commentAt.Valid {
			h.UpdatedAt = commentAt.Time
		}
		h.Title = template.HTML(template.HTMLEscapeString(h.EntryTitle))
		h.Snippet = snippetHTML(body)
		return
	}
	h.CommentAuthor = ""
	h.Title = snippetHTML(title)
	if title == "" {
		h.Title = template.HTML(template.HTMLEscapeString(h.EntryTitle))
	}
	h.Snippet = pickSnippet(summary, body)
}
