package conversation

import (
	"context"
	"strconv"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/posts"
	"hearth/internal/ratelimit"
	"hearth/internal/search"
)

// A thread's replies and answers are posts of subject ("thread", id).

// Post is a reply or an answer.
type Post = posts.Post

// At says which page of replies to read (see posts.At).
type At = posts.At

func subject(id int64) posts.Subject { return posts.Subject{Kind: SubjectKind, ID: id} }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// PostURL is the address of post id on its thread's page.
func PostURL(slug string, thread, id int64) string {
	return ThreadURL(slug, thread) + "?post=" + itoa(id) + "#post-" + itoa(id)
}

// Reply adds a reply (kind posts.Reply) or, to a question, an answer (kind
// posts.Answer) to a thread that is not locked.
func (s *Service) Reply(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, kind, body string) (int64, error) {
	if kind != posts.Answer {
		kind = posts.Reply
	}
	if err := s.limits.Take(ctx, ratelimit.Comment, ratelimit.Person(a.PersonID)); err != nil {
		return 0, err
	}
	body = cleanBody(body)
	msg := checkBody(body)
	var out markup.Rendered
	var mentions []string
	if msg == "" {
		out = s.md.RenderBoth(body) // before the transaction: rendering is the slow part of a save
		mentions = s.mentionsOutsideQuotes(body)
	}
	var id int64
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, err := s.threadTx(ctx, tx, a, communitySlug, threadID)
		if err != nil {
			return err
		}
		if err := mayTalk(t.Community); err != nil {
			return err
		}
		if err := takesReplies(t); err != nil {
			return err
		}
		if kind == posts.Answer && !t.IsQuestion() {
			return errs.Field("kind", "Only questions have answers: reply instead.")
		}
		if msg != "" {
			return errs.Field("body", msg)
		}
		now := s.now()
		id, err = posts.Add(ctx, tx, posts.New{Subject: subject(t.ID), CommunityID: t.Community.ID, Kind: kind, AuthorID: a.PersonID,
			Body: body, HTML: out.HTML, Text: out.Text, Version: markup.Version, At: now})
		if err != nil {
			return err
		}
		answers := 0
		verb := activity.ReplyAdded
		if kind == posts.Answer {
			answers, verb = 1, activity.AnswerAdded
		}
		if err := search.Index(ctx, tx, tx.Dialect(), search.KindReply, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET replies = replies + 1, answers = answers + $2, last_activity_at = $3 WHERE id = $1`,
			t.ID, answers, now); err != nil {
			return errs.Wrap(err, "count reply")
		}
		return recordPost(ctx, tx, a, t, verb, id, body, mentions)
	})
	return id, err
}

// takesReplies says why thread t takes no new replies, votes or edits.
func takesReplies(t ThreadView) error {
	switch {
	case t.Locked:
		return errs.Forbiddenf("This conversation is locked: it takes no new replies.")
	case t.Closed:
		return errs.Forbiddenf("This conversation is closed as a duplicate: please reply in the original.")
	}
	return nil
}

// postTx loads post id of a thread the actor may read, for a write.
func (s *Service) postTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug string, threadID, id int64) (ThreadView, Post, error) {
	t, err := s.threadTx(ctx, tx, a, communitySlug, threadID)
	if err != nil {
		return ThreadView{}, Post{}, err
	}
	p, err := posts.Find(ctx, tx, subject(t.ID), id)
	if err != nil {
		return ThreadView{}, Post{}, err
	}
	p.Mine = a.SignedIn() && p.AuthorID == a.PersonID
	if p.Hidden && !p.Mine && !t.CanModerate() {
		return ThreadView{}, Post{}, errs.NotFoundf("There is no such reply.")
	}
	return t, p, nil
}

// EditPost changes the text of the actor's own reply, keeping its history.
func (s *Service) EditPost(ctx context.Context, a auth.Actor, communitySlug string, threadID, id int64, body string) error {
	body = cleanBody(body)
	if msg := checkBody(body); msg != "" {
		return errs.Field("body", msg)
	}
	out := s.md.RenderBoth(body)
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, p, err := s.postTx(ctx, tx, a, communitySlug, threadID, id)
		if err != nil {
			return err
		}
		if !p.Mine || !t.Community.CanTalk() {
			return errs.Forbiddenf("Only its author can edit a reply.")
		}
		if err := takesReplies(t); err != nil {
			return err
		}
		if err := posts.Edit(ctx, tx, p.ID, a.PersonID, body, out.HTML, out.Text, markup.Version, s.now()); err != nil {
			return err
		}
		return search.Index(ctx, tx, tx.Dialect(), search.KindReply, p.ID)
	})
}

// RemovePost removes the actor's own reply: a placeholder keeps its place.
// A removed answer is no longer accepted.
func (s *Service) RemovePost(ctx context.Context, a auth.Actor, communitySlug string, threadID, id int64) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, p, err := s.postTx(ctx, tx, a, communitySlug, threadID, id)
		if err != nil {
			return err
		}
		if !p.Mine || !t.Community.CanTalk() {
			return errs.Forbiddenf("Only its author can delete a reply.")
		}
		if p.Kind == posts.Answer {
			if err := s.clearAccepted(ctx, tx, t.ID, p.ID); err != nil {
				return err
			}
		}
		if err := posts.Remove(ctx, tx, p.ID, s.now()); err != nil {
			return err
		}
		return search.Remove(ctx, tx, tx.Dialect(), search.KindReply, p.ID)
	})
}

// SetPostHidden hides a reply from all but moderators and its author, or
// shows it again: the community's moderators only.
func (s *Service) SetPostHidden(ctx context.Context, a auth.Actor, communitySlug string, threadID, id int64, hidden bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, p, err := s.postTx(ctx, tx, a, communitySlug, threadID, id)
		if err != nil {
			return err
		}
		if !t.CanModerate() {
			return errs.Forbiddenf("Only the community's moderators hide replies.")
		}
		if hidden && p.Kind == posts.Answer {
			if err := s.clearAccepted(ctx, tx, t.ID, p.ID); err != nil {
				return err
			}
		}
		if p.Hidden == hidden {
			return nil // hidden (or shown) already: nothing to record
		}
		if err := posts.SetHidden(ctx, tx, p.ID, hidden, a.PersonID, s.now()); err != nil {
			return err
		}
		if err := search.Index(ctx, tx, tx.Dialect(), search.KindReply, p.ID); err != nil { // a hidden reply leaves the index
			return err
		}
		verb := activity.ReplyHidden
		if !hidden {
			verb = activity.ReplyShown
		}
		return recordModeration(ctx, tx, a, t, verb, PostURL(t.Community.Slug, t.ID, p.ID), "", p.AuthorID)
	})
}

// Replies returns a page of a thread's replies (a question's answers apart:
// see Answers), oldest first. A hidden reply's text is for its author and
// the moderators.
func (s *Service) Replies(ctx context.Context, t ThreadView, at At) (posts.Page, error) {
	// The thread counts its posts (placeholders included) and answers
	// itself, as the talk list shows them: the page does not count them again.
	at.Counted = true
	total := t.Replies
	if t.IsQuestion() {
		at.Kind = posts.Reply
		total -= t.Answers
	}
	p, err := s.readReplies(ctx, t, at)
	if err != nil {
		return p, err
	}
	p.Total = total
	p = p.SeenBy(viewer(t)) // the page read may be kept: this reader's copy
	for i, c := range p.Posts {
		if c.Body != "" && c.RenderVersion < markup.Version {
			p.Posts[i].HTML = s.md.Render(c.Body) // stored by an older version
		}
	}
	return p, nil
}

// pageCacheBudget bounds what the kept pages of replies hold (their posts'
// text and HTML): a page of short replies is about 40 KB.
const pageCacheBudget = 8 << 20

// readReplies reads the page of t's replies at, as posts.Everyone sees it:
// the newest page (the thread's own address) from the kept pages when it was
// read at t's posts version already (posts.Kept; the version is kept by
// triggers, migration 0054).
func (s *Service) readReplies(ctx context.Context, t ThreadView, at At) (posts.Page, error) {
	return s.pages.Read(ctx, s.db, subject(t.ID), t.PostsVersion, at)
}

func viewer(t ThreadView) posts.Viewer {
	return posts.Viewer{PersonID: t.Community.Actor.PersonID, Moderator: t.CanModerate()}
}
