package conversation

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/search"
)

// A moderator of two communities moves a thread from one to the other: its
// replies, tags, search documents, activities and watchers follow; its old
// address leads to the new one (see Locate).

// Move is a thread a moderator is about to move, and where to.
type Move struct {
	ThreadView
	To community.View
}

// MoveTargets lists the communities a thread may move to: those the actor
// moderates (and may write in), but its own.
func (s *Service) MoveTargets(ctx context.Context, a auth.Actor, t ThreadView) ([]community.Listing, error) {
	mine, err := s.communities.Mine(ctx, a)
	if err != nil {
		return nil, err
	}
	var out []community.Listing
	for _, l := range mine {
		if l.CanModerateTalk() && l.ID != t.Community.ID {
			out = append(out, l)
		}
	}
	return out, nil
}

// ForMoving checks a move of thread threadID to the community with slug to
// without changing anything, for the page that asks to confirm. Mistakes
// are field errors on "to".
func (s *Service) ForMoving(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, to string) (Move, error) {
	var m Move
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		m, err = s.moveTx(ctx, tx, a, communitySlug, threadID, to)
		return err
	})
	return m, err
}

func (s *Service) moveTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug string, threadID int64, to string) (Move, error) {
	t, err := s.moderatedTx(ctx, tx, a, communitySlug, threadID, "move")
	if err != nil {
		return Move{}, err
	}
	to = strings.ToLower(strings.TrimSpace(to))
	if to == "" {
		return Move{}, errs.Field("to", "Choose the community to move it to.")
	}
	if to == t.Community.Slug {
		return Move{}, errs.Field("to", "It is in "+t.Community.Name+" already: choose another community.")
	}
	v, err := s.communities.ViewTx(ctx, tx, a, to)
	if errs.Is(err, errs.NotFound) || (err == nil && !v.CanRead()) {
		return Move{}, errs.Field("to", "There is no such community.")
	}
	if err != nil {
		return Move{}, err
	}
	if !v.CanModerateTalk() {
		return Move{}, errs.Field("to", "You can move a conversation only to a community whose conversations you moderate.")
	}
	return Move{ThreadView: t, To: v}, nil
}

// MoveThread moves a thread to the community with slug to: the actor must
// moderate the conversations of both. Its replies, search documents and
// activities move with it; it is no longer pinned (pins are the new
// community's choice). It returns the thread's new address.
func (s *Service) MoveThread(ctx context.Context, a auth.Actor, communitySlug string, threadID int64, to string) (string, error) {
	var url string
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		m, err := s.moveTx(ctx, tx, a, communitySlug, threadID, to)
		if err != nil {
			return err
		}
		from, dest := m.URL(), ThreadURL(m.To.Slug, m.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET community_id = $2, pinned_at = NULL, pinned_by = NULL WHERE id = $1`,
			m.ID, m.To.ID); err != nil {
			return errs.Wrap(err, "move thread")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE thread_tags SET community_id = $2 WHERE thread_id = $1`, m.ID, m.To.ID); err != nil {
			return errs.Wrap(err, "move tags")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET community_id = $3 WHERE subject_kind = $1 AND subject_id = $2`,
			SubjectKind, m.ID, m.To.ID); err != nil {
			return errs.Wrap(err, "move replies")
		}
		// The activities' addresses start with the thread's: they lead to
		// its new one (the old would redirect, but a feed should not). The
		// kind is written out: the index of threads' activities is partial.
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET community_id = $2,
			url = CASE WHEN substr(url, 1, length($3)) = $3 THEN $4 || substr(url, length($3) + 1) ELSE url END
			WHERE subject_kind = 'thread' AND subject_id = $1`, m.ID, m.To.ID, from, dest); err != nil {
			return errs.Wrap(err, "move activities")
		}
		if err := s.reindex(ctx, tx, m.ID); err != nil {
			return err
		}
		moved := m.ThreadView
		moved.Community = m.To
		url = dest
		return recordModeration(ctx, tx, a, moved, activity.ThreadMoved, dest, "from "+m.Community.Name, m.AuthorID)
	})
	return url, err
}

// reindex indexes thread id and its posts again (their community changed).
func (s *Service) reindex(ctx context.Context, tx *db.Tx, id int64) error {
	if err := search.Index(ctx, tx, tx.Dialect(), search.KindThread, id); err != nil {
		return err
	}
	rs, err := tx.QueryContext(ctx, `SELECT id FROM posts WHERE subject_kind = $1 AND subject_id = $2`, SubjectKind, id)
	if err != nil {
		return errs.Wrap(err, "read replies")
	}
	var ids []int64
	for rs.Next() {
		var p int64
		if err := rs.Scan(&p); err != nil {
			rs.Close()
			return errs.Wrap(err, "read replies")
		}
		ids = append(ids, p)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return errs.Wrap(err, "read replies")
	}
	if len(ids) == 0 {
		return nil
	}
	return search.Index(ctx, tx, tx.Dialect(), search.KindReply, ids...)
}

// Locate returns the address of thread id where it is now, when a may read
// it there: a thread's old address (it was moved) leads to it. NotFound
// otherwise.
func (s *Service) Locate(ctx context.Context, a auth.Actor, id int64) (string, error) {
	var slug string
	err := s.db.QueryRowContext(ctx, `SELECT c.slug FROM threads t JOIN communities c ON c.id = t.community_id WHERE t.id = $1`, id).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errThreadNotFound
	}
	if err != nil {
		return "", errs.Wrap(err, "locate thread")
	}
	v, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return "", err
	}
	if err := mayRead(v); err != nil {
		return "", err
	}
	return ThreadURL(slug, id), nil
}
