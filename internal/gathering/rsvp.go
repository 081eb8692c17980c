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

// Answers to "are you coming?". Waitlist is a going answer past the
// capacity: it becomes Going, in order, when a place frees.
const (
	Going    = "going"
	Waitlist = "waitlist"
	Maybe    = "maybe"
	No       = "no"
)

// Answer is one person's answer for an occurrence, and their place in the
// waitlist (1 is next) when they wait.
type Answer struct {
	Answer   string // "" for none yet
	Position int
}

// Answer records a's answer (Going, Maybe or No) for occurrence occ of
// gathering id. Going past the capacity joins the waitlist; leaving a
// place promotes the first who waits. The occurrence's row is locked, so
// that concurrent answers never give more places than there are.
func (s *Service) Answer(ctx context.Context, a auth.Actor, slug string, id, occ int64, answer string) (Answer, error) {
	if answer != Going && answer != Maybe && answer != No {
		return Answer{}, errs.Field("answer", "Answer going, maybe or not going.")
	}
	var out Answer
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		c, err := s.communities.ViewTx(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if err := mayRead(c); err != nil {
			return err
		}
		v, err := s.load(ctx, tx, c, id, false)
		if err != nil {
			return err
		}
		if err := mayAnswer(v); err != nil {
			return err
		}
		o, err := s.occurrence(ctx, tx, id, occ, true)
		if err != nil {
			return err
		}
		switch {
		case o.Cancelled:
			return errs.Conflictf("This date is cancelled.")
		case !o.End.After(s.now()):
			return errs.Conflictf("This gathering is over: answers are closed.")
		}
		prev, err := answerOf(ctx, tx, occ, a.PersonID)
		if err != nil {
			return err
		}
		next := answer
		if answer == Going {
			switch {
			case prev == Going || prev == Waitlist:
				next = prev // keeps their place
			case v.Capacity > 0 && o.Going >= v.Capacity:
				next = Waitlist
			}
		}
		if next != prev {
			if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (occurrence_id, person_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at`,
				occ, a.PersonID, next, s.now()); err != nil {
				return errs.Wrap(err, "answer")
			}
			if err := count(ctx, tx, occ, delta(prev, next, Going), delta(prev, next, Waitlist)); err != nil {
				return err
			}
			o.Going += delta(prev, next, Going)
			if prev == Going {
				if err := s.promote(ctx, tx, a, v, o); err != nil {
					return err
				}
				if err := s.releaseSessions(ctx, tx, a, v, a.PersonID); err != nil {
					return err
				}
			}
		}
		if next == Going || next == Maybe {
			if err := s.scheduleReminders(ctx, tx, occ, o.Start); err != nil {
				return err
			}
		}
		out.Answer = next
		if next == Waitlist {
			out.Position, err = position(ctx, tx, occ, a.PersonID)
		}
		return err
	})
	return out, err
}

// delta is how a change from prev to next moves the count of answers want.
func delta(prev, next, want string) int {
	n := 0
	if prev == want {
		n--
	}
	if next == want {
		n++
	}
	return n
}

func count(ctx context.Context, q db.Q, occ int64, going, waiting int) error {
	if going == 0 && waiting == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE gathering_occurrences SET going = going + $1, waiting = waiting + $2 WHERE id = $3`, going, waiting, occ)
	return errs.Wrap(err, "count answers")
}

func answerOf(ctx context.Context, q db.Q, occ, person int64) (string, error) {
	var ans string
	err := q.QueryRowContext(ctx, `SELECT answer FROM gathering_rsvps WHERE occurrence_id = $1 AND person_id = $2`, occ, person).Scan(&ans)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return ans, errs.Wrap(err, "read answer")
}

// position is the person's place in the waitlist, 1 for the next.
func position(ctx context.Context, q db.Q, occ, person int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM gathering_rsvps w, gathering_rsvps me
		WHERE me.occurrence_id = $1 AND me.person_id = $2 AND w.occurrence_id = $1 AND w.answer = 'waitlist'
		AND (w.answered_at < me.answered_at OR (w.answered_at = me.answered_at AND w.person_id <= me.person_id))`, occ, person).Scan(&n)
	return n, errs.Wrap(err, "read waitlist position")
}

// promote gives the free places of occurrence o (locked by the caller) to
// those who wait, first come first served, and tells each of them.
func (s *Service) promote(ctx context.Context, tx *db.Tx, a auth.Actor, v View, o Occurrence) error {
	for v.Capacity == 0 || o.Going < v.Capacity {
		var person int64
		err := tx.QueryRowContext(ctx, `SELECT person_id FROM gathering_rsvps WHERE occurrence_id = $1 AND answer = 'waitlist'
			ORDER BY answered_at, person_id LIMIT 1`, o.ID).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return errs.Wrap(err, "read waitlist")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_rsvps SET answer = 'going' WHERE occurrence_id = $1 AND person_id = $2`, o.ID, person); err != nil {
			return errs.Wrap(err, "promote")
		}
		if err := count(ctx, tx, o.ID, 1, -1); err != nil {
			return err
		}
		o.Going++
		if err := recordPromoted(ctx, tx, a, v, o, person); err != nil {
			return err
		}
	}
	return nil
}

// promoteAll promotes on every future occurrence of v that has a waitlist
// (after its capacity grew).
func (s *Service) promoteAll(ctx context.Context, tx *db.Tx, a auth.Actor, v View) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM gathering_occurrences WHERE gathering_id = $1 AND waiting > 0 AND ends_at > $2 ORDER BY id`, v.ID, s.now())
	if err != nil {
		return errs.Wrap(err, "read waitlists")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Wrap(err, "read waitlists")
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		o, err := s.occurrence(ctx, tx, v.ID, id, true)
		if err != nil {
			return err
		}
		if err := s.promote(ctx, tx, a, v, o); err != nil {
			return err
		}
	}
	return nil
}

// attendees are the people to tell of a change: those who answered going,
// maybe or wait, for occurrence occ, or (occ 0) any date of gathering id
// yet to end.
func (s *Service) attendees(ctx context.Context, q db.Q, id, occ int64) ([]activity.Target, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT r.person_id FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
		WHERE o.gathering_id = $1 AND ($2 = 0 OR o.id = $2) AND o.ends_at > $3 AND r.answer IN ('going', 'waitlist', 'maybe')
		ORDER BY r.person_id`, id, occ, s.now())
	if err != nil {
		return nil, errs.Wrap(err, "read attendees")
	}
	defer rows.Close()
	var out []activity.Target
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, errs.Wrap(err, "read attendees")
		}
		out = append(out, activity.Target{PersonID: p, Reason: "attending"})
	}
	return out, errs.Wrap(rows.Err(), "read attendees")
}

// Mine is a's answer for occurrence occ ("" when none): the columns the
// pages read with the date (mine_column.go).
func (s *Service) Mine(ctx context.Context, a auth.Actor, occ int64) (Answer, error) {
	if !a.SignedIn() {
		return Answer{}, nil
	}
	var o Occurrence
	err := s.db.QueryRowContext(ctx, `SELECT `+mineColumns+` FROM gathering_occurrences o`+mineJoin("$2")+` WHERE o.id = $1`, occ, a.PersonID).Scan(mineFields(&o)...)
	if errors.Is(err, sql.ErrNoRows) {
		return Answer{}, nil
	}
	return o.Mine, errs.Wrap(err, "read answer")
}
