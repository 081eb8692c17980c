package practice

import (
	"context"
	"strings"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/posts"
	"hearth/internal/ratelimit"
	"hearth/internal/search"
)

// MaxComment is the longest comment, in characters.
const MaxComment = 10_000

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
	mentions := out.Mentions
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
		id, err = posts.Add(ctx, tx, posts.New{Subject: entrySubject(e.ID), CommunityID: v.ID, Kind: posts.Comment, AuthorID: a.PersonID,
			Body: body, HTML: out.HTML, Text: out.Text, Version: markup.Version, At: now})
		if err != nil {
			return err
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
	c, err := posts.Find(ctx, tx, entrySubject(e.ID), id)
	if err != nil {
		return EntryView{}, Comment{}, err
	}
	c.Mine = c.AuthorID == a.PersonID && a.SignedIn()
	return EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}, c, nil
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
		if err := posts.Edit(ctx, tx, c.ID, a.PersonID, body, out.HTML, out.Text, markup.Version, s.now()); err != nil {
			return err
		}
		return search.IndexComment(ctx, tx, tx.Dialect(), c.ID)
	})
}

// DeleteComment removes the actor's own comment: its text goes, a "removed"
// placeholder keeps the conversation readable.
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
		return posts.Remove(ctx, tx, c.ID, s.now())
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
		if err := posts.SetHidden(ctx, tx, c.ID, hidden, a.PersonID, s.now()); err != nil {
			return err
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
