package conversation

import (
	"context"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Moderators lock, pin, close as a duplicate and move threads, and hide
// replies. Each action is recorded as an activity of the thread (a line of
// its moderation log) in the action's transaction.

// MaxPinned is how many threads a community pins at most.
const MaxPinned = 5

// moderatedTx loads thread id for a moderator's write (its row locked);
// only the community's moderators may go on.
func (s *Service) moderatedTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug string, id int64, what string) (ThreadView, error) {
	t, err := s.threadTx(ctx, tx, a, communitySlug, id)
	if err != nil {
		return ThreadView{}, err
	}
	if !t.CanModerate() {
		if !a.SignedIn() {
			return ThreadView{}, errs.New(errs.Unauthenticated, "Please sign in.")
		}
		return ThreadView{}, errs.Forbiddenf("Only the community's moderators %s conversations.", what)
	}
	return t, nil
}

// SetLocked locks a thread (it takes no new replies, answers or votes) or
// opens it again: the community's moderators only.
func (s *Service) SetLocked(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, locked bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, err := s.moderatedTx(ctx, tx, a, communitySlug, threadID, "lock")
		if err != nil || t.Locked == locked {
			return err
		}
		var at, by any
		verb := activity.ThreadUnlocked
		if locked {
			at, by, verb = s.now(), a.PersonID, activity.ThreadLocked
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET locked_at = $2, locked_by = $3 WHERE id = $1`, t.ID, at, by); err != nil {
			return errs.Wrap(err, "lock thread")
		}
		return recordModeration(ctx, tx, a, t, verb, t.URL(), "", 0)
	})
}

// SetPinned pins a thread (it comes first in the talk list) or unpins it:
// the community's moderators only, MaxPinned threads a community at most.
// The community's row is locked while pinned threads are counted, so two
// moderators pinning at once never pass the limit.
func (s *Service) SetPinned(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, pinned bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, err := s.moderatedTx(ctx, tx, a, communitySlug, threadID, "pin")
		if err != nil || t.Pinned == pinned {
			return err
		}
		var at, by any
		verb := activity.ThreadUnpinned
		if pinned {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT id FROM communities WHERE id = $1`+s.db.ForUpdate(), t.Community.ID).Scan(&n); err != nil {
				return errs.Wrap(err, "lock community")
			}
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM threads WHERE community_id = $1 AND pinned_at IS NOT NULL`,
				t.Community.ID).Scan(&n); err != nil {
				return errs.Wrap(err, "count pinned")
			}
			if n >= MaxPinned {
				return errs.Conflictf("%d conversations are pinned already, the most a community pins: unpin one first.", MaxPinned)
			}
			at, by, verb = s.now(), a.PersonID, activity.ThreadPinned
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET pinned_at = $2, pinned_by = $3 WHERE id = $1`, t.ID, at, by); err != nil {
			return errs.Wrap(err, "pin thread")
		}
		return recordModeration(ctx, tx, a, t, verb, t.URL(), "", 0)
	})
}

// LogSize is how many lines of a thread's moderation log its page shows.
const LogSize = 20

// Log returns the latest moderators' actions on a thread, oldest first: t
// as Get read it (none when its Moderated flag says there never was one).
func (s *Service) Log(ctx context.Context, t ThreadView) ([]activity.Activity, error) {
	if !t.Moderated { // no moderator ever acted on it: no lookup
		return nil, nil
	}
	return activity.OfThread(ctx, s.db, t.ID, activity.ModerationVerbs, LogSize)
}

// recordModeration records a moderator's action on thread t; author (when
// not 0) is told of it: the author of what was closed, moved or hidden.
func recordModeration(ctx context.Context, q db.Q, a auth.Actor, t ThreadView, verb, url, excerpt string, author int64) error {
	var targets []activity.Target
	if author != 0 {
		targets = append(targets, activity.Target{PersonID: author, Reason: "author"})
	}
	_, err := activity.Record(ctx, q, activity.Activity{ActorID: a.PersonID, Verb: verb, SubjectKind: SubjectKind, SubjectID: t.ID,
		CommunityID: t.Community.ID, Audience: activity.Subject, Title: t.Title, URL: url, Excerpt: excerpt, Targets: targets})
	return err
}

// LogLine is a moderator's action as words after their name, for the
// thread's moderation log: "pinned this", "moved this from Bread".
func LogLine(a activity.Activity) string {
	switch a.Verb {
	case activity.ThreadPinned:
		return "pinned this"
	case activity.ThreadUnpinned:
		return "unpinned this"
	case activity.ThreadLocked:
		return "locked this"
	case activity.ThreadUnlocked:
		return "unlocked this"
	case activity.ThreadClosed:
		if a.Excerpt != "" {
			return "closed this as a duplicate of “" + a.Excerpt + "”"
		}
		return "closed this as a duplicate"
	case activity.ThreadReopened:
		return "reopened this"
	case activity.ThreadMoved:
		return "moved this here " + a.Excerpt
	case activity.ReplyHidden:
		return "hid a reply"
	case activity.ReplyShown:
		return "showed a hidden reply again"
	}
	return activity.Phrase(a.Verb)
}
