package gathering

import (
	"context"
	"database/sql"
	"strconv"

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

// Attendees lists the people who answered answer (Going, Waitlist or
// Maybe) for occurrence occ of v, in the order they answered, a page at a
// time from the person after (keyset); and the person to read the next
// page after. Members only.
func (s *Service) Attendees(ctx context.Context, v View, occ int64, answer string, after int64) ([]Attendee, int64, error) {
	if !v.CanSeeAttendees() {
		return nil, 0, nil
	}
	args := []any{occ, answer}
	keyset := ""
	if after != 0 {
		args = append(args, after)
		keyset = ` AND (r.answered_at, r.person_id) > (SELECT k.answered_at, k.person_id FROM gathering_rsvps k WHERE k.occurrence_id = $1 AND k.person_id = $3)`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.handle, p.name, r.answer, r.attended FROM gathering_rsvps r JOIN people p ON p.id = r.person_id
		WHERE r.occurrence_id = $1 AND r.answer = $2`+keyset+` ORDER BY r.answered_at, r.person_id LIMIT `+strconv.Itoa(AttendeePage+1), args...)
	if err != nil {
		return nil, 0, errs.Wrap(err, "list attendees")
	}
	defer rows.Close()
	var out []Attendee
	for rows.Next() {
		var at Attendee
		if err := scanAttendee(rows, &at); err != nil {
			return nil, 0, errs.Wrap(err, "list attendees")
		}
		out = append(out, at)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, errs.Wrap(err, "list attendees")
	}
	var next int64
	if len(out) > AttendeePage {
		out = out[:AttendeePage]
		next = out[AttendeePage-1].ID
	}
	return out, next, nil
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
