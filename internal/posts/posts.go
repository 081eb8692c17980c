// Package posts is the one store of replies to anything: comments on
// practice entries now; replies and answers in conversations and comments on
// gatherings as they come. A post belongs to a subject (kind and id). The
// capability that owns the subject decides who may see, write and moderate
// its posts, and calls this package with its decision; posts keeps the rows:
// the text and its stored HTML, the edit history (revisions of subject
// "post"), moderation (hidden), removal by the author (a placeholder keeps the
// thread readable), and acceptance.
package posts

import (
	"context"
	"database/sql"
	"errors"
	"html/template"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/revision"
)

// Subject is what posts reply to.
type Subject struct {
	Kind string // "entry", later "thread", "gathering"
	ID   int64
}

// Post kinds.
const (
	Comment = "comment"
	Reply   = "reply"
	Answer  = "answer"
)

// Post is one reply, as a reader sees it.
type Post struct {
	ID           int64
	Kind         string
	AuthorID     int64
	AuthorHandle string
	AuthorName   string
	Body         string        // Markdown; empty for a hidden post the reader may not see, and a removed one
	HTML         template.HTML // Body as stored when saved; see RenderVersion
	// RenderVersion is the markup version that rendered HTML; the owner
	// renders again on read when it is older than the current one.
	RenderVersion int
	CreatedAt     time.Time
	Edited        bool // its author changed it after posting
	Hidden        bool // hidden by a moderator
	Removed       bool // removed by its author: a placeholder
	Accepted      bool
	Mine          bool // written by the reader
}

// New is a post to add.
type New struct {
	Subject     Subject
	CommunityID int64
	Kind        string
	AuthorID    int64
	Body        string
	HTML        template.HTML
	Text        string // plain text, for the search index
	Version     int    // the markup version that rendered HTML
	At          time.Time
}

// revisionSubject names a post's history in the revision package.
func revisionSubject(id int64) revision.Subject { return revision.Subject{Type: "post", ID: id} }

// Add stores p through q (the owner's transaction). Its history starts at
// its first edit (most posts are never edited: no revision is written for them).
func Add(ctx context.Context, q db.Q, p New) (int64, error) {
	if p.Kind == "" {
		p.Kind = Comment
	}
	id, err := db.InsertID(ctx, q, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, body_html, body_text,
		render_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
		p.Subject.Kind, p.Subject.ID, nullID(p.CommunityID), p.Kind, p.AuthorID, p.Body, string(p.HTML), p.Text, p.Version, p.At)
	return id, errs.Wrap(err, "add post")
}

// Find reads post id of subject through q, whatever its state (the owner
// decides what the reader may do with it); NotFound when it is not there.
func Find(ctx context.Context, q db.Q, s Subject, id int64) (Post, error) {
	var p Post
	err := q.QueryRowContext(ctx, `SELECT id, kind, COALESCE(author_id, 0), body, hidden_at IS NOT NULL, deleted_at IS NOT NULL
		FROM posts WHERE id = $1 AND subject_kind = $2 AND subject_id = $3`, id, s.Kind, s.ID).
		Scan(&p.ID, &p.Kind, &p.AuthorID, &p.Body, &p.Hidden, &p.Removed)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && p.Removed) {
		return Post{}, errs.NotFoundf("There is no such comment.")
	}
	return p, errs.Wrap(err, "read post")
}

// Edit replaces a post's text by its author's new one, keeping the old in
// its history (on the first edit, the text as posted becomes revision 1).
func Edit(ctx context.Context, q db.Q, id, editorID int64, body string, html template.HTML, text string, version int, at time.Time) error {
	n, err := revision.Count(ctx, q, revisionSubject(id))
	if err != nil {
		return err
	}
	if n == 0 {
		var old string
		var author sql.NullInt64
		var posted time.Time
		if err := q.QueryRowContext(ctx, `SELECT body, author_id, created_at FROM posts WHERE id = $1`, id).Scan(&old, &author, &posted); err != nil {
			return errs.Wrap(err, "read post")
		}
		if _, err := revision.Record(ctx, q, revisionSubject(id), revision.Snapshot{Body: old}, author.Int64, "", 0, posted); err != nil {
			return err
		}
	}
	if _, err := q.ExecContext(ctx, `UPDATE posts SET body = $2, body_html = $3, body_text = $4, render_version = $5, updated_at = $6, edited_at = $6
		WHERE id = $1`, id, body, string(html), text, version, at); err != nil {
		return errs.Wrap(err, "edit post")
	}
	_, err = revision.Record(ctx, q, revisionSubject(id), revision.Snapshot{Body: body}, editorID, "", 0, at)
	return err
}

// SetHidden hides a post from all but moderators and its author (by is the
// moderator), or shows it again.
func SetHidden(ctx context.Context, q db.Q, id int64, hidden bool, by int64, at time.Time) error {
	var when *time.Time
	var who *int64
	if hidden {
		when, who = &at, &by
	}
	_, err := q.ExecContext(ctx, `UPDATE posts SET hidden_at = $2, hidden_by = $3 WHERE id = $1`, id, when, who)
	return errs.Wrap(err, "hide post")
}

// Remove is its author's removal of a post: the text goes (from the post
// and its history), a placeholder keeps its place in the thread.
func Remove(ctx context.Context, q db.Q, id int64, at time.Time) error {
	if _, err := q.ExecContext(ctx, `UPDATE posts SET body = '', body_html = '', body_text = '', deleted_at = $2, updated_at = $2
		WHERE id = $1`, id, at); err != nil {
		return errs.Wrap(err, "remove post")
	}
	return revision.DeleteAll(ctx, q, revisionSubject(id))
}

// History lists the revisions of a post's text, newest first.
func History(ctx context.Context, q db.Q, id int64) ([]revision.Revision, error) {
	return revision.List(ctx, q, revisionSubject(id), 100, 0)
}

// Versions lists the revisions of a post's text with the text of each,
// newest first, the latest 100 at most.
func Versions(ctx context.Context, q db.Q, id int64) ([]revision.Revision, error) {
	return revision.ListFull(ctx, q, revisionSubject(id), 100)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// htmlOf marks stored HTML as safe: it was sanitised when it was saved.
func htmlOf(s string) template.HTML { return template.HTML(s) }
