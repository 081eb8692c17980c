package notify

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Watch states of a person for a subject.
const (
	Watching = "watching"
	Muted    = "muted"
	Neutral  = "" // neither: told only when addressed (a mention)
)

// SetWatch records that personID watches or mutes a subject (state Watching
// or Muted), or neither (Neutral). The caller has checked that the person may
// see the subject.
func SetWatch(ctx context.Context, q db.Q, personID int64, kind string, id int64, state string) error {
	if personID == 0 {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	switch state {
	case Neutral:
		_, err := q.ExecContext(ctx, `DELETE FROM subscriptions WHERE person_id = $1 AND subject_kind = $2 AND subject_id = $3`, personID, kind, id)
		return errs.Wrap(err, "unwatch")
	case Watching, Muted:
		_, err := q.ExecContext(ctx, `INSERT INTO subscriptions (person_id, subject_kind, subject_id, state, reason, created_at)
			VALUES ($1, $2, $3, $4, 'chosen', $5)
			ON CONFLICT (person_id, subject_kind, subject_id) DO UPDATE SET state = excluded.state, reason = 'chosen'`,
			personID, kind, id, state, db.Now())
		return errs.Wrap(err, "watch")
	default:
		return errs.New(errs.Invalid, "Choose to watch, mute, or neither.")
	}
}

// WatchState reports personID's state for a subject.
func WatchState(ctx context.Context, q db.Q, personID int64, kind string, id int64) (string, error) {
	if personID == 0 {
		return Neutral, nil
	}
	var state string
	err := q.QueryRowContext(ctx, `SELECT state FROM subscriptions WHERE person_id = $1 AND subject_kind = $2 AND subject_id = $3`,
		personID, kind, id).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return Neutral, nil
	}
	return state, errs.Wrap(err, "read watch state")
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
