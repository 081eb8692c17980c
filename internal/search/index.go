package search

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// The index holds one document per entry and per visible comment. It is kept
// in-line: each write to an entry or a comment calls IndexEntry, IndexComment
// or a Remove in the same transaction, so the index never disagrees with a
// committed write and never shows one that rolled back.

// document is one searchable thing: an entry (title, tags, summary and body)
// or a comment (body only), as plain text.
type document struct {
	id        int64  // docID
	kind      string // "entry" or "comment"
	entryID   int64
	commentID int64 // 0 for an entry
	title     string
	tags      string
	summary   string
	body      string
}

// Document kinds.
const (
	KindEntry   = "entry"
	KindComment = "comment"
)

// entryDoc and commentDoc give each document a key of its own in one
// numbering, so that both engines can address any document by one integer.
func entryDoc(id int64) int64   { return id * 2 }
func commentDoc(id int64) int64 { return id*2 + 1 }

// Bodies are indexed as the text a reader sees, so that snippets show words
// rather than Markdown: the body_text the writer stored with the row (see
// practice.RenderMissing), never rendered here, inside the transaction.

// IndexEntry (re)indexes the entry with id from its row and tags, through q
// (the transaction of the write). An entry that no longer exists is removed.
func IndexEntry(ctx context.Context, q db.Q, d db.Dialect, entryID int64) error {
	doc := document{id: entryDoc(entryID), kind: KindEntry, entryID: entryID}
	err := q.QueryRowContext(ctx, "SELECT title, summary, body_text FROM entries WHERE id = $1", entryID).Scan(&doc.title, &doc.summary, &doc.body)
	if errors.Is(err, sql.ErrNoRows) {
		return RemoveEntry(ctx, q, d, entryID)
	}
	if err != nil {
		return errs.Wrap(err, "index entry")
	}
	rows, err := q.QueryContext(ctx, "SELECT tag FROM entry_tags WHERE entry_id = $1 ORDER BY tag", entryID)
	if err != nil {
		return errs.Wrap(err, "index entry tags")
	}
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return errs.Wrap(err, "index entry tags")
		}
		tags = append(tags, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "index entry tags")
	}
	doc.title, doc.summary, doc.body = clean(doc.title), clean(doc.summary), clean(doc.body)
	doc.tags = tagText(tags)
	return engineFor(d).put(ctx, q, []document{doc})
}

// tagText is the indexed text of tags: each tag as words ("risk-assessment"
// is found by "risk" and by "assessment").
func tagText(tags []string) string { return clean(strings.Join(tags, " ")) }

// RemoveEntry takes the entry and its comments out of the index. Call it
// before deleting the entry, while its comments can still be listed.
func RemoveEntry(ctx context.Context, q db.Q, d db.Dialect, entryID int64) error {
	ids := []int64{entryDoc(entryID)}
	rows, err := q.QueryContext(ctx, "SELECT id FROM posts WHERE subject_kind = 'entry' AND subject_id = $1", entryID)
	if err != nil {
		return errs.Wrap(err, "unindex entry")
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Wrap(err, "unindex entry")
		}
		ids = append(ids, commentDoc(id))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "unindex entry")
	}
	return engineFor(d).remove(ctx, q, ids)
}

// IndexComment (re)indexes the comment with id. A hidden comment is taken
// out of the index (only moderators and its author read it, on its entry's
// page), as is one that no longer exists.
func IndexComment(ctx context.Context, q db.Q, d db.Dialect, commentID int64) error {
	doc := document{id: commentDoc(commentID), kind: KindComment, commentID: commentID}
	var hidden bool
	err := q.QueryRowContext(ctx, "SELECT subject_id, body_text, hidden_at IS NOT NULL OR deleted_at IS NOT NULL FROM posts WHERE id = $1 AND subject_kind = 'entry'", commentID).
		Scan(&doc.entryID, &doc.body, &hidden)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && hidden) {
		return RemoveComment(ctx, q, d, commentID)
	}
	if err != nil {
		return errs.Wrap(err, "index comment")
	}
	doc.body = clean(doc.body)
	return engineFor(d).put(ctx, q, []document{doc})
}

// RemoveComment takes the comment out of the index.
func RemoveComment(ctx context.Context, q db.Q, d db.Dialect, commentID int64) error {
	return engineFor(d).remove(ctx, q, []int64{commentDoc(commentID)})
}

// rebuildBatch is how many rows Rebuild reads at a time; it writes them
// putBatch at a time (binding many $N parameters costs the SQLite driver
// more per parameter the more there are).
const (
	rebuildBatch = 500
	putBatch     = 100
)

// putAll stores docs in statements of putBatch documents.
func putAll(ctx context.Context, q db.Q, e engine, docs []document) error {
	for len(docs) > 0 {
		n := min(len(docs), putBatch)
		if err := e.put(ctx, q, docs[:n]); err != nil {
			return err
		}
		docs = docs[n:]
	}
	return nil
}

// Rebuild empties the index and indexes every entry and visible comment
// again, in one transaction: for data loaded around the services (imports,
// benchmarks) and for recovering from a change in how text is indexed.
func Rebuild(ctx context.Context, d *db.DB) error {
	return d.WithTx(ctx, func(tx *db.Tx) error {
		e := engineFor(d.Dialect)
		if err := e.clear(ctx, tx); err != nil {
			return err
		}
		if err := rebuildEntries(ctx, tx, e); err != nil {
			return err
		}
		return rebuildComments(ctx, tx, e)
	})
}

func rebuildEntries(ctx context.Context, tx *db.Tx, e engine) error {
	for after := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, summary, body_text FROM entries WHERE id > $1 ORDER BY id LIMIT $2`, after, rebuildBatch)
		if err != nil {
			return errs.Wrap(err, "rebuild index")
		}
		var docs []document
		for rows.Next() {
			doc := document{kind: KindEntry}
			if err := rows.Scan(&doc.entryID, &doc.title, &doc.summary, &doc.body); err != nil {
				rows.Close()
				return errs.Wrap(err, "rebuild index")
			}
			docs = append(docs, doc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "rebuild index")
		}
		if len(docs) == 0 {
			return nil
		}
		first, last := docs[0].entryID, docs[len(docs)-1].entryID
		tags := map[int64][]string{}
		trows, err := tx.QueryContext(ctx, "SELECT entry_id, tag FROM entry_tags WHERE entry_id BETWEEN $1 AND $2 ORDER BY entry_id, tag", first, last)
		if err != nil {
			return errs.Wrap(err, "rebuild index")
		}
		for trows.Next() {
			var id int64
			var t string
			if err := trows.Scan(&id, &t); err != nil {
				trows.Close()
				return errs.Wrap(err, "rebuild index")
			}
			tags[id] = append(tags[id], t)
		}
		trows.Close()
		if err := trows.Err(); err != nil {
			return errs.Wrap(err, "rebuild index")
		}
		for i := range docs {
			doc := &docs[i]
			doc.id = entryDoc(doc.entryID)
			doc.title, doc.summary, doc.body, doc.tags = clean(doc.title), clean(doc.summary), clean(doc.body), tagText(tags[doc.entryID])
		}
		if err := putAll(ctx, tx, e, docs); err != nil {
			return err
		}
		after = last
	}
}

func rebuildComments(ctx context.Context, tx *db.Tx, e engine) error {
	for after := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `SELECT id, subject_id, body_text FROM posts WHERE id > $1 AND subject_kind = 'entry' AND hidden_at IS NULL AND deleted_at IS NULL ORDER BY id LIMIT $2`, after, rebuildBatch)
		if err != nil {
			return errs.Wrap(err, "rebuild index")
		}
		var docs []document
		for rows.Next() {
			doc := document{kind: KindComment}
			if err := rows.Scan(&doc.commentID, &doc.entryID, &doc.body); err != nil {
				rows.Close()
				return errs.Wrap(err, "rebuild index")
			}
			doc.id = commentDoc(doc.commentID)
			docs = append(docs, doc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "rebuild index")
		}
		if len(docs) == 0 {
			return nil
		}
		for i := range docs {
			docs[i].body = clean(docs[i].body)
		}
		if err := putAll(ctx, tx, e, docs); err != nil {
			return err
		}
		after = docs[len(docs)-1].commentID
	}
}
