package gathering

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/posts"
	"hearth/internal/ratelimit"
)

// A gathering's comments live in the shared posts store, subject
// ("gathering", id): one conversation for all its dates. Members of the
// active community comment; authors edit and delete their own; moderators
// hide. The hosts and the people mentioned are told.

// MaxComment is the longest comment, in characters.
const MaxComment = 10_000

// Comment is a comment on a gathering: a post.
type Comment = posts.Post

// CommentsAt says which page of a gathering's comments to read.
type CommentsAt = posts.At

func commentSubject(id int64) posts.Subject { return posts.Subject{Kind: SubjectKind, ID: id} }

// CanComment reports whether the actor may comment: members of the active community.
func (v View) CanComment() bool { return v.CanAnswer() }

// CanModerate reports whether the actor may hide comments.
func (v View) CanModerate() bool {
	return v.Community.Status == community.Active && v.Community.IsModerator()
}

// CommentURL is the address of comment id on gathering v's page.
func CommentURL(slug string, id, comment int64) string {
	return URL(slug, id) + "?comment=" + strconv.FormatInt(comment, 10) + "#comment-" + strconv.FormatInt(comment, 10)
}

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

// commentsKeptBudget bounds the newest pages of comments kept (see
// posts.Kept): a page of short comments is about 40 KB.
const commentsKeptBudget = 4 << 20

// Comments returns a page of gathering v's comments, oldest first; a
// hidden comment's text is for moderators and its author. The newest page
// is read once and kept under the gathering's posts version.
func (s *Service) Comments(ctx context.Context, v View, at CommentsAt) (posts.Page, error) {
	p, err := s.comments.Read(ctx, s.db, commentSubject(v.ID), v.PostsVersion, at)
	if err != nil {
		return p, err
	}
	p = p.SeenBy(posts.Viewer{PersonID: v.Community.Actor.PersonID, Moderator: v.Community.IsModerator()})
	for i, c := range p.Posts {
		if c.Body != "" && c.RenderVersion < markup.Version {
			p.Posts[i].HTML = s.md.Render(c.Body)
		}
	}
	return p, nil
}

// readTx loads gathering id for a, in tx, refusing who may not read it.
func (s *Service) readTx(ctx context.Context, tx *db.Tx, a auth.Actor, slug string, id int64) (View, error) {
	c, err := s.communities.ViewTx(ctx, tx, a, slug)
	if err != nil {
		return View{}, err
	}
	if err := mayRead(c); err != nil {
		return View{}, err
	}
	return s.load(ctx, tx, c, id, false)
}

// AddComment adds a comment to gathering id.
func (s *Service) AddComment(ctx context.Context, a auth.Actor, slug string, id int64, body string) (int64, error) {
	if s.limits != nil && a.SignedIn() {
		if err := s.limits.Take(ctx, ratelimit.Comment, ratelimit.Person(a.PersonID)); err != nil {
			return 0, err
		}
	}
	body, invalid := checkComment(body)
	var out markup.Rendered
	if invalid == nil {
		out = s.md.RenderBoth(body)
	}
	var pid int64
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, err := s.readTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		if !v.CanComment() {
			if !a.SignedIn() {
				return errs.New(errs.Unauthenticated, "Please sign in to comment.")
			}
			return errs.Forbiddenf("Join the community to comment on its gatherings.")
		}
		if invalid != nil {
			return invalid
		}
		pid, err = posts.Add(ctx, tx, posts.New{Subject: commentSubject(v.ID), CommunityID: v.Community.ID, Kind: posts.Comment, AuthorID: a.PersonID,
			Body: body, HTML: out.HTML, Text: out.Text, Version: markup.Version, At: s.now()})
		if err != nil {
			return err
		}
		targets, err := activity.Mentioned(ctx, tx, a.PersonID, out.Mentions)
		if err != nil {
			return err
		}
		for _, h := range v.Hosts {
			if h.ID != a.PersonID {
				targets = append(targets, activity.Target{PersonID: h.ID, Reason: "host"})
			}
		}
		return record(ctx, tx, a, activity.CommentAdded, v, CommentURL(slug, id, pid), body, activity.Community, targets)
	})
	return pid, err
}

// commentTx loads comment cid of gathering id for a, in tx.
func (s *Service) commentTx(ctx context.Context, tx *db.Tx, a auth.Actor, slug string, id, cid int64) (View, Comment, error) {
	v, err := s.readTx(ctx, tx, a, slug, id)
	if err != nil {
		return View{}, Comment{}, err
	}
	c, err := posts.Find(ctx, tx, commentSubject(v.ID), cid)
	if err != nil {
		return View{}, Comment{}, err
	}
	c.Mine = a.SignedIn() && c.AuthorID == a.PersonID
	return v, c, nil
}

// EditComment changes the text of the actor's own comment.
func (s *Service) EditComment(ctx context.Context, a auth.Actor, slug string, id, cid int64, body string) error {
	body, invalid := checkComment(body)
	var out markup.Rendered
	if invalid == nil {
		out = s.md.RenderBoth(body)
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, c, err := s.commentTx(ctx, tx, a, slug, id, cid)
		if err != nil {
			return err
		}
		if !c.Mine || c.Removed || v.Community.Status != community.Active {
			return errs.Forbiddenf("Only its author can edit a comment.")
		}
		if invalid != nil {
			return invalid
		}
		return posts.Edit(ctx, tx, c.ID, a.PersonID, body, out.HTML, out.Text, markup.Version, s.now())
	})
}

// DeleteComment removes the actor's own comment (a placeholder stays).
func (s *Service) DeleteComment(ctx context.Context, a auth.Actor, slug string, id, cid int64) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		_, c, err := s.commentTx(ctx, tx, a, slug, id, cid)
		if err != nil {
			return err
		}
		if !c.Mine {
			return errs.Forbiddenf("Only its author can delete a comment.")
		}
		return posts.Remove(ctx, tx, c.ID, s.now())
	})
}

// CommentToDelete returns the actor's own comment for the confirmation page.
func (s *Service) CommentToDelete(ctx context.Context, a auth.Actor, slug string, id, cid int64) (View, Comment, error) {
	var v View
	var c Comment
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		if v, c, err = s.commentTx(ctx, tx, a, slug, id, cid); err != nil {
			return err
		}
		if !c.Mine || c.Removed {
			return errs.Forbiddenf("Only its author can delete a comment.")
		}
		return nil
	})
	return v, c, err
}

// SetCommentHidden hides a comment from all but moderators and its author,
// or shows it again: the community's moderators only.
func (s *Service) SetCommentHidden(ctx context.Context, a auth.Actor, slug string, id, cid int64, hidden bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, c, err := s.commentTx(ctx, tx, a, slug, id, cid)
		if err != nil {
			return err
		}
		if !v.CanModerate() {
			return errs.Forbiddenf("Only the community's moderators hide comments.")
		}
		return posts.SetHidden(ctx, tx, c.ID, hidden, a.PersonID, s.now())
	})
}
