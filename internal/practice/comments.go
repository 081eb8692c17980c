package practice

import (
	"context"
	"database/sql"
	"errors"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/ratelimit"
	"hearth/internal/search"
)

// MaxComment is the longest comment, in characters.
const MaxComment = 10_000

// Comment is a comment on an entry.
type Comment struct {
	ID           int64
	AuthorID     int64
	AuthorHandle string
	AuthorName   string
	Body         string        // Markdown; empty for a hidden comment the reader may not see
	HTML         template.HTML // Body rendered (as stored when it was saved); empty with Body
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Hidden       bool
	Mine         bool // written by the reader
}

// Edited reports whether the comment changed after it was written.
func (c Comment) Edited() bool { return c.UpdatedAt.Sub(c.CreatedAt) > time.Minute }

func checkComment(body string) (string, error) {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	switch {
	case body == "":
		return "", errs.Field("body", "Write something first.")
	case utf8.RuneCountInString(body) > MaxComment:
		return "", errs.Field("body", "Keep a comment to 10,000 characters.")
	}
	return body, nil
}

// AddComment adds a comment to an entry whose comments are open.
func (s *Service) AddComment(ctx context.Context, a auth.Actor, communitySlug, entrySlug, body string) (int64, error) {
	if err := s.limits.Take(ctx, ratelimit.Comment, ratelimit.Person(a.PersonID)); err != nil {
		return 0, err
	}
	body, err := checkComment(body)
	if err != nil {
		return 0, err
	}
	out := s.md.RenderBoth(body) // before the transaction: rendering is the slow part of a save
	mentions := s.md.Mentions(body)
	var id int64
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		ev := EntryView{Entry: e, Community: v}
		if !ev.CanComment() {
			if !e.CommentsOpen {
				return errs.Forbiddenf("Comments are closed on this entry.")
			}
			return errs.Forbiddenf("Join the community to comment on its entries.")
		}
		now := s.now()
		err = tx.QueryRowContext(ctx, `INSERT INTO comments (entry_id, author_id, body, created_at, updated_at, body_html, body_text, render_version)
			VALUES ($1, $2, $3, $4, $4, $5, $6, $7) RETURNING id`,
			e.ID, a.PersonID, body, now, string(out.HTML), out.Text, markup.Version).Scan(&id)
		if err != nil {
			return errs.Wrap(err, "add comment")
		}
		if err := recordComment(ctx, tx, a, v, e, id, body, mentions); err != nil {
			return err
		}
		return search.IndexComment(ctx, tx, tx.Dialect(), id)
	})
	return id, err
}

// commentTx loads a comment of an entry the actor may read.
func (s *Service) commentTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug, entrySlug string, id int64) (EntryView, Comment, error) {
	v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
	if err != nil {
		return EntryView{}, Comment{}, err
	}
	var c Comment
	err = tx.QueryRowContext(ctx, "SELECT id, COALESCE(author_id, 0), body, hidden_at IS NOT NULL FROM comments WHERE id = $1 AND entry_id = $2", id, e.ID).
		Scan(&c.ID, &c.AuthorID, &c.Body, &c.Hidden)
	if errors.Is(err, sql.ErrNoRows) {
		return EntryView{}, Comment{}, errs.NotFoundf("There is no such comment.")
	}
	c.Mine = c.AuthorID == a.PersonID && a.SignedIn()
	return EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}, c, errs.Wrap(err, "read comment")
}

// EditComment changes the text of the actor's own comment.
func (s *Service) EditComment(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64, body string) error {
	body, err := checkComment(body)
	if err != nil {
		return err
	}
	out := s.md.RenderBoth(body) // before the transaction: rendering is the slow part of a save
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		ev, c, err := s.commentTx(ctx, tx, a, communitySlug, entrySlug, id)
		if err != nil {
			return err
		}
		if !c.Mine || ev.Community.Archived() {
			return errs.Forbiddenf("Only its author can edit a comment.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET body = $1, updated_at = $2, body_html = $4, body_text = $5, render_version = $6
			WHERE id = $3`, body, s.now(), c.ID, string(out.HTML), out.Text, markup.Version); err != nil {
			return errs.Wrap(err, "edit comment")
		}
		return search.IndexComment(ctx, tx, tx.Dialect(), c.ID)
	})
}

// DeleteComment removes the actor's own comment.
func (s *Service) DeleteComment(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		ev, c, err := s.commentTx(ctx, tx, a, communitySlug, entrySlug, id)
		if err != nil {
			return err
		}
		if !c.Mine || ev.Community.Archived() {
			return errs.Forbiddenf("Only its author can delete a comment.")
		}
		if err := search.RemoveComment(ctx, tx, tx.Dialect(), c.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM comments WHERE id = $1", c.ID)
		return errs.Wrap(err, "delete comment")
	})
}

// SetCommentHidden hides a comment from everyone but moderators and its
// author, or shows it again; moderators and stewards only.
func (s *Service) SetCommentHidden(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64, hidden bool) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		ev, c, err := s.commentTx(ctx, tx, a, communitySlug, entrySlug, id)
		if err != nil {
			return err
		}
		if !ev.Community.IsModerator() {
			return errs.Forbiddenf("Only the community's moderators hide comments.")
		}
		if ev.Community.Archived() {
			return errs.Forbiddenf("This community is archived: its library is read-only.")
		}
		var at *time.Time
		var by *int64
		if hidden {
			now := s.now()
			at, by = &now, &a.PersonID
		}
		if _, err := tx.ExecContext(ctx, "UPDATE comments SET hidden_at = $1, hidden_by = $2 WHERE id = $3", at, by, c.ID); err != nil {
			return errs.Wrap(err, "hide comment")
		}
		return search.IndexComment(ctx, tx, tx.Dialect(), c.ID) // a hidden comment leaves the index
	})
}

// SetCommentsOpen opens or closes an entry's comments; its authors and the
// community's stewards only.
func (s *Service) SetCommentsOpen(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, open bool) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		if !(EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}).CanCloseComments() {
			return errs.Forbiddenf("Only the entry's authors and the community's stewards open and close its comments.")
		}
		_, err = tx.ExecContext(ctx, "UPDATE entries SET comments_open = $1 WHERE id = $2", open, e.ID)
		return errs.Wrap(err, "set comments open")
	})
}
