package gathering

import (
	"context"
	"database/sql"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// AttendeePage is how many answers the list of who is coming shows at a time.
const AttendeePage = 50

// Attendee is a person's answer for an occurrence.
type Attendee struct {
	Person
	Answer   string
	Attended *bool // recorded by a host; nil: not recorded
}

// RecordAttendance records, once an occurrence has started, which of the
// people shown (those who answered going) came: hosts and stewards only.
func (s *Service) RecordAttendance(ctx context.Context, a auth.Actor, slug string, id, occ int64, shown []int64, came map[int64]bool) error {
	if len(shown) > AttendeePage {
		return errs.Field("attended", "Record at most one page of people at a time.")
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := s.writeTx(ctx, tx, a, slug, id); err != nil {
			return err
		}
		o, err := s.occurrence(ctx, tx, id, occ, false)
		if err != nil {
			return err
		}
		if o.Start.After(s.now()) {
			return errs.Conflictf("Attendance is recorded once the gathering has started.")
		}
		for _, p := range shown {
			if _, err := tx.ExecContext(ctx, `UPDATE gathering_rsvps SET attended = $1 WHERE occurrence_id = $2 AND person_id = $3 AND answer = 'going'`,
				came[p], occ, p); err != nil {
				return errs.Wrap(err, "record attendance")
			}
		}
		return nil
	})
}

// scanAttendee reads a person's id, handle, name, answer and attendance.
func scanAttendee(sc interface{ Scan(...any) error }, at *Attendee, extra ...any) error {
	var attended sql.NullBool
	if err := sc.Scan(append([]any{&at.ID, &at.Handle, &at.Name, &at.Answer, &attended}, extra...)...); err != nil {
		return err
	}
	if attended.Valid {
		b := attended.Bool
		at.Attended = &b
	}
	return nil
}

// Came reports whether a host recorded that the person came.
func (a Attendee) Came() bool { return a.Attended != nil && *a.Attended }
