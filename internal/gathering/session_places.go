package gathering

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// JoinSession puts session sid on a's schedule: a place, or past its
// capacity a place in its waitlist. Only those going to the gathering
// take sessions. The person's answer and the session's row are locked, so
// that concurrent additions never give more places than there are, and a
// person who stops coming holds none.
func (s *Service) JoinSession(ctx context.Context, a auth.Actor, slug string, id, sid int64) (Answer, error) {
	var out Answer
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		_, o, err := s.placeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		var ans string
		err = tx.QueryRowContext(ctx, `SELECT answer FROM gathering_rsvps WHERE occurrence_id = $1 AND person_id = $2`+s.db.ForUpdate(), o.ID, a.PersonID).Scan(&ans)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return errs.Wrap(err, "read answer")
		}
		if ans != Going {
			return errs.Forbiddenf("Sessions are for those going to the gathering: answer going first.")
		}
		x, err := s.session(ctx, tx, id, sid, true)
		if err != nil {
			return err
		}
		prev, err := placeOf(ctx, tx, sid, a.PersonID)
		if err != nil {
			return err
		}
		out.Answer = prev
		if prev == "" {
			out.Answer = Going
			if x.Full() {
				out.Answer = Waitlist
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_session_places (session_id, person_id, state, added_at) VALUES ($1, $2, $3, $4)`,
				sid, a.PersonID, out.Answer, s.now()); err != nil {
				return errs.Wrap(err, "take a place")
			}
			if err := countSession(ctx, tx, sid, delta("", out.Answer, Going), delta("", out.Answer, Waitlist)); err != nil {
				return err
			}
		}
		if out.Answer == Waitlist {
			out.Position, err = sessionPosition(ctx, tx, sid, a.PersonID)
		}
		return err
	})
	return out, err
}

// LeaveSession takes session sid off a's schedule; a place it frees goes to
// the first who waits.
func (s *Service) LeaveSession(ctx context.Context, a auth.Actor, slug string, id, sid int64) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, _, err := s.placeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		x, err := s.session(ctx, tx, id, sid, true)
		if err != nil {
			return err
		}
		return s.leave(ctx, tx, a, v, x, a.PersonID)
	})
}

// placeTx checks that a may take places in gathering id's sessions now.
func (s *Service) placeTx(ctx context.Context, tx *db.Tx, a auth.Actor, slug string, id int64) (View, Occurrence, error) {
	c, err := s.communities.ViewTx(ctx, tx, a, slug)
	if err != nil {
		return View{}, Occurrence{}, err
	}
	if err := mayRead(c); err != nil {
		return View{}, Occurrence{}, err
	}
	v, err := s.load(ctx, tx, c, id, false)
	if err != nil {
		return v, Occurrence{}, err
	}
	if err := mayAnswer(v); err != nil {
		return v, Occurrence{}, err
	}
	o, err := s.conferenceDate(ctx, tx, v, false)
	switch {
	case err != nil:
		return v, o, err
	case o.Cancelled:
		return v, o, errs.Conflictf("This gathering is cancelled.")
	case !o.End.After(s.now()):
		return v, o, errs.Conflictf("This gathering is over: schedules are closed.")
	}
	return v, o, nil
}

// leave removes person's place in session x (locked by the caller) and
// promotes from its waitlist.
func (s *Service) leave(ctx context.Context, tx *db.Tx, a auth.Actor, v View, x Session, person int64) error {
	prev, err := placeOf(ctx, tx, x.ID, person)
	if err != nil || prev == "" {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM gathering_session_places WHERE session_id = $1 AND person_id = $2`, x.ID, person); err != nil {
		return errs.Wrap(err, "leave session")
	}
	if err := countSession(ctx, tx, x.ID, delta(prev, "", Going), delta(prev, "", Waitlist)); err != nil {
		return err
	}
	x.Going += delta(prev, "", Going)
	return s.promoteSession(ctx, tx, a, v, x)
}

// releaseSessions gives up person's places in gathering v's sessions (they
// no longer come), each promoting from its waitlist. Sessions are locked
// in order of id, as everywhere.
func (s *Service) releaseSessions(ctx context.Context, tx *db.Tx, a auth.Actor, v View, person int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT p.session_id FROM gathering_session_places p JOIN gathering_sessions s ON s.id = p.session_id
		WHERE p.person_id = $1 AND s.gathering_id = $2 ORDER BY p.session_id`, person, v.ID)
	if err != nil {
		return errs.Wrap(err, "read schedule")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Wrap(err, "read schedule")
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "read schedule")
	}
	for _, sid := range ids {
		x, err := s.session(ctx, tx, v.ID, sid, true)
		if err != nil {
			return err
		}
		if err := s.leave(ctx, tx, a, v, x, person); err != nil {
			return err
		}
	}
	return nil
}

// promoteSession gives the free places of session x (locked by the
// caller) to those who wait, first come first served, and tells each.
func (s *Service) promoteSession(ctx context.Context, tx *db.Tx, a auth.Actor, v View, x Session) error {
	for x.Capacity == 0 || x.Going < x.Capacity {
		var person int64
		err := tx.QueryRowContext(ctx, `SELECT person_id FROM gathering_session_places WHERE session_id = $1 AND state = 'waitlist'
			ORDER BY added_at, person_id LIMIT 1`, x.ID).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return errs.Wrap(err, "read session waitlist")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_session_places SET state = 'going' WHERE session_id = $1 AND person_id = $2`, x.ID, person); err != nil {
			return errs.Wrap(err, "promote")
		}
		if err := countSession(ctx, tx, x.ID, 1, -1); err != nil {
			return err
		}
		x.Going++
		w := x.When(v.Gathering, "")
		if err := record(ctx, tx, a, activity.GatheringPromoted, v, ScheduleURL(v.Community.Slug, v.ID),
			"A place is yours in the session “"+x.Title+"”: "+w.Local()+" ("+v.Zone+").", activity.Subject,
			[]activity.Target{{PersonID: person, Reason: "waitlist"}}); err != nil {
			return err
		}
	}
	return nil
}

func countSession(ctx context.Context, q db.Q, sid int64, going, waiting int) error {
	if going == 0 && waiting == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE gathering_sessions SET going = going + $1, waiting = waiting + $2 WHERE id = $3`, going, waiting, sid)
	return errs.Wrap(err, "count places")
}

func placeOf(ctx context.Context, q db.Q, sid, person int64) (string, error) {
	var st string
	err := q.QueryRowContext(ctx, `SELECT state FROM gathering_session_places WHERE session_id = $1 AND person_id = $2`, sid, person).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return st, errs.Wrap(err, "read place")
}

// sessionPosition is the person's place in the session's waitlist, 1 next.
func sessionPosition(ctx context.Context, q db.Q, sid, person int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM gathering_session_places w, gathering_session_places me
		WHERE me.session_id = $1 AND me.person_id = $2 AND w.session_id = $1 AND w.state = 'waitlist'
		AND (w.added_at < me.added_at OR (w.added_at = me.added_at AND w.person_id <= me.person_id))`, sid, person).Scan(&n)
	return n, errs.Wrap(err, "read waitlist position")
}
