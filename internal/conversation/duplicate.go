package conversation

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/links"
)

// A moderator closes a thread as a duplicate of another of the same
// community (the original): the thread takes no new replies and shows the
// original; the pair is a link of kind links.Duplicate. Reopening removes it.

// Original is the thread another was closed as a duplicate of.
type Original struct {
	ID    int64
	Title string
	URL   string // empty when it is now in another community (moved since)
}

func threadThing(id int64) links.Thing { return links.Thing{Kind: SubjectKind, ID: id} }

// threadRef finds a thread id in what a moderator typed: a number ("42",
// "#42") or the address of a thread (".../talk/42", with or without a query).
var threadRef = regexp.MustCompile(`^#?([0-9]{1,18})$|/talk/([0-9]{1,18})(?:[/?#].*)?$`)

// ParseThreadRef returns the thread id in s, or 0.
func ParseThreadRef(s string) int64 {
	m := threadRef.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0
	}
	n, _ := strconv.ParseInt(m[1]+m[2], 10, 64)
	return n
}

// Duplicate is a thread a moderator is about to close, and its original.
type Duplicate struct {
	ThreadView
	Of Thread
}

// ForClosing checks what a moderator typed as the original of thread
// threadID (see ParseThreadRef) without changing anything: the page that
// asks to confirm shows both. Mistakes are field errors on "original".
func (s *Service) ForClosing(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, ref string) (Duplicate, error) {
	var d Duplicate
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		d, err = s.duplicateTx(ctx, tx, a, communitySlug, threadID, ref)
		return err
	})
	return d, err
}

// ModeratedThread returns a thread for a moderator's form (close, move):
// the community's moderators only.
func (s *Service) ModeratedThread(ctx context.Context, a auth.Actor, communitySlug string, threadID int64) (ThreadView, error) {
	t, err := s.Get(ctx, a, communitySlug, threadID)
	if err != nil {
		return t, err
	}
	if !t.CanModerate() {
		if !a.SignedIn() {
			return ThreadView{}, errs.New(errs.Unauthenticated, "Please sign in.")
		}
		return ThreadView{}, errs.Forbiddenf("Only the community's moderators do this.")
	}
	return t, nil
}

func (s *Service) duplicateTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug string, threadID int64, ref string) (Duplicate, error) {
	t, err := s.moderatedTx(ctx, tx, a, communitySlug, threadID, "close")
	if err != nil {
		return Duplicate{}, err
	}
	id := ParseThreadRef(ref)
	switch {
	case strings.TrimSpace(ref) == "":
		return Duplicate{}, errs.Field("original", "Give the address or the number of the original conversation.")
	case id == 0:
		return Duplicate{}, errs.Field("original", "That is not the address or the number of a conversation.")
	case id == t.ID:
		return Duplicate{}, errs.Field("original", "A conversation cannot be a duplicate of itself: give the original.")
	}
	o, err := s.load(ctx, tx, t.Community, id, false)
	if errs.Is(err, errs.NotFound) {
		return Duplicate{}, errs.Field("original", "There is no conversation "+itoa(id)+" in "+t.Community.Name+".")
	}
	if err != nil {
		return Duplicate{}, err
	}
	if o.Closed {
		return Duplicate{}, errs.Field("original", "That conversation is itself closed as a duplicate: give the one it points to.")
	}
	return Duplicate{ThreadView: t, Of: o.Thread}, nil
}

// CloseAsDuplicate closes a thread as a duplicate of the original ref names
// (a thread of the same community, not itself a duplicate): it takes no new
// replies and links to the original. The community's moderators only.
func (s *Service) CloseAsDuplicate(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, ref string) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		d, err := s.duplicateTx(ctx, tx, a, communitySlug, threadID, ref)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET closed_at = $2, closed_by = $3 WHERE id = $1`, d.ID, now, a.PersonID); err != nil {
			return errs.Wrap(err, "close thread")
		}
		if err := links.RemoveFrom(ctx, tx, threadThing(d.ID), links.Duplicate); err != nil {
			return err
		}
		if err := links.Add(ctx, tx, threadThing(d.ID), threadThing(d.Of.ID), links.Duplicate, a.PersonID, now); err != nil {
			return err
		}
		return recordModeration(ctx, tx, a, d.ThreadView, activity.ThreadClosed, d.URL(), d.Of.Title, d.AuthorID)
	})
}

// Reopen opens a thread closed as a duplicate again: the community's
// moderators only.
func (s *Service) Reopen(ctx context.Context, a auth.Actor, communitySlug string, threadID int64) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, err := s.moderatedTx(ctx, tx, a, communitySlug, threadID, "reopen")
		if err != nil || !t.Closed {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET closed_at = NULL, closed_by = NULL WHERE id = $1`, t.ID); err != nil {
			return errs.Wrap(err, "reopen thread")
		}
		if err := links.RemoveFrom(ctx, tx, threadThing(t.ID), links.Duplicate); err != nil {
			return err
		}
		return recordModeration(ctx, tx, a, t, activity.ThreadReopened, t.URL(), "", 0)
	})
}

// original reads the thread t was closed as a duplicate of, in one query;
// nil when the link is gone. The original's title is shown only while it is
// in t's community (a reader of t may not see another).
func (s *Service) original(ctx context.Context, q db.Q, t ThreadView) (*Original, error) {
	var o Original
	var community int64
	err := q.QueryRowContext(ctx, `SELECT o.id, o.title, o.community_id FROM links l JOIN threads o ON o.id = l.to_id
		WHERE l.from_kind = $1 AND l.from_id = $2 AND l.kind = $3 AND l.to_kind = $1`, SubjectKind, t.ID, links.Duplicate).
		Scan(&o.ID, &o.Title, &community)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Wrap(err, "read original")
	}
	if community != t.Community.ID {
		return &Original{ID: o.ID}, nil
	}
	o.URL = ThreadURL(t.Community.Slug, o.ID)
	return &o, nil
}
