package gathering

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
)

// ForProgramme returns one-off gathering id and its date for the forms
// that change its programme: its hosts and the community's stewards.
func (s *Service) ForProgramme(ctx context.Context, a auth.Actor, slug string, id int64) (View, Occurrence, error) {
	v, o, err := s.Conference(ctx, a, slug, id)
	if err != nil {
		return v, o, err
	}
	return v, o, mayManage(v)
}

// ForSession returns session sid of gathering id for its edit form.
func (s *Service) ForSession(ctx context.Context, a auth.Actor, slug string, id, sid int64) (View, Occurrence, Session, error) {
	v, o, err := s.ForProgramme(ctx, a, slug, id)
	if err != nil {
		return v, o, Session{}, err
	}
	x, err := s.session(ctx, s.db, id, sid, false)
	return v, o, x, err
}

// programmeTx loads gathering id (locked) and its date for a change of its
// programme by a, in tx.
func (s *Service) programmeTx(ctx context.Context, tx *db.Tx, a auth.Actor, slug string, id int64) (View, Occurrence, error) {
	v, err := s.writeTx(ctx, tx, a, slug, id)
	if err != nil {
		return v, Occurrence{}, err
	}
	o, err := s.conferenceDate(ctx, tx, v, false)
	if err != nil {
		return v, o, err
	}
	if o.Cancelled {
		return v, o, errs.Conflictf("This gathering is cancelled: its programme no longer changes.")
	}
	return v, o, nil
}

// AddSession adds a session to gathering id's programme (at most
// MaxSessions; the gathering's row is locked, so that concurrent additions
// keep to it).
func (s *Service) AddSession(ctx context.Context, a auth.Actor, slug string, id int64, in SessionInput) (Session, error) {
	var out Session
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, o, err := s.programmeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		c, err := in.check(v, o)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM gathering_sessions WHERE gathering_id = $1`, id).Scan(&n); err != nil {
			return errs.Wrap(err, "count sessions")
		}
		if n >= MaxSessions {
			return errs.Field("title", "A programme holds at most 300 sessions.")
		}
		speakers, err := s.speakerIDs(ctx, tx, c.speakers)
		if err != nil {
			return err
		}
		html := s.md.Render(c.description)
		now := s.now()
		sid, err := db.InsertID(ctx, tx, `INSERT INTO gathering_sessions (gathering_id, title, starts_at, ends_at, room, track, description,
			description_html, render_version, capacity, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
			id, c.title, c.start, c.end, c.room, c.track, c.description, string(html), markup.Version, nullCapacity(c.capacity), now)
		if err != nil {
			return errs.Wrap(err, "add session")
		}
		if err := setSpeakers(ctx, tx, sid, speakers); err != nil {
			return err
		}
		if err := indexGathering(ctx, tx, id); err != nil {
			return err
		}
		out, err = s.session(ctx, tx, id, sid, false)
		return err
	})
	return out, err
}

// EditSession changes session sid; more places promote those who wait
// (fewer places take none away from those who have one).
func (s *Service) EditSession(ctx context.Context, a auth.Actor, slug string, id, sid int64, in SessionInput) (Session, error) {
	var out Session
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, o, err := s.programmeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		x, err := s.session(ctx, tx, id, sid, true)
		if err != nil {
			return err
		}
		c, err := in.check(v, o)
		if err != nil {
			return err
		}
		speakers, err := s.speakerIDs(ctx, tx, c.speakers)
		if err != nil {
			return err
		}
		html := s.md.Render(c.description)
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_sessions SET title = $1, starts_at = $2, ends_at = $3, room = $4, track = $5,
			description = $6, description_html = $7, render_version = $8, capacity = $9, updated_at = $10 WHERE id = $11`,
			c.title, c.start, c.end, c.room, c.track, c.description, string(html), markup.Version, nullCapacity(c.capacity), s.now(), sid); err != nil {
			return errs.Wrap(err, "change session")
		}
		if err := setSpeakers(ctx, tx, sid, speakers); err != nil {
			return err
		}
		if moved := !x.Start.Equal(c.start) || !x.End.Equal(c.end) || x.Room != c.room; moved {
			w := NewWhen(c.start, c.end, v.Zone, "")
			where := ""
			if c.room != "" {
				where = ", " + c.room
			}
			if err := s.tellPlaces(ctx, tx, a, v, sid, "The session “"+c.title+"” is now "+w.Local()+" ("+v.Zone+")"+where+"."); err != nil {
				return err
			}
		}
		x.Capacity, x.Title = c.capacity, c.title
		if err := s.promoteSession(ctx, tx, a, v, x); err != nil {
			return err
		}
		if err := indexGathering(ctx, tx, id); err != nil {
			return err
		}
		out, err = s.session(ctx, tx, id, sid, false)
		return err
	})
	return out, err
}

// DeleteSession removes session sid from the programme, with the places
// people took in it.
func (s *Service) DeleteSession(ctx context.Context, a auth.Actor, slug string, id, sid int64) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, _, err := s.programmeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		x, err := s.session(ctx, tx, id, sid, true)
		if err != nil {
			return err
		}
		if err := s.tellPlaces(ctx, tx, a, v, sid, "The session “"+x.Title+"” is removed from the programme."); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM gathering_sessions WHERE id = $1 AND gathering_id = $2`, sid, id)
		if err != nil {
			return errs.Wrap(err, "delete session")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoSession
		}
		return indexGathering(ctx, tx, id)
	})
}

func nullCapacity(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n > 0} }

// speakerRef is a resolved speaker: a person's id, or a guest's name.
type speakerRef struct {
	person int64
	guest  string
}

// speakerIDs resolves the handles named to people of Hearth (not disabled).
func (s *Service) speakerIDs(ctx context.Context, q db.Q, names []speakerName) ([]speakerRef, error) {
	out := make([]speakerRef, len(names))
	for i, n := range names {
		if n.handle == "" {
			out[i].guest = n.guest
			continue
		}
		err := q.QueryRowContext(ctx, `SELECT id FROM people WHERE handle = $1 AND disabled_at IS NULL`, n.handle).Scan(&out[i].person)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, errs.Field("speakers", "@"+n.handle+" is nobody on Hearth: check the handle, or write a guest's name without @.")
		}
		if err != nil {
			return nil, errs.Wrap(err, "find speakers")
		}
	}
	return out, nil
}

// setSpeakers replaces the session's speakers, in order.
func setSpeakers(ctx context.Context, q db.Q, sid int64, speakers []speakerRef) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM gathering_session_speakers WHERE session_id = $1`, sid); err != nil {
		return errs.Wrap(err, "set speakers")
	}
	for i, sp := range speakers {
		person, guest := sql.NullInt64{Int64: sp.person, Valid: sp.person != 0}, sql.NullString{String: sp.guest, Valid: sp.person == 0}
		if _, err := q.ExecContext(ctx, `INSERT INTO gathering_session_speakers (session_id, position, person_id, guest_name) VALUES ($1, $2, $3, $4)`,
			sid, i+1, person, guest); err != nil {
			return errs.Wrap(err, "set speakers")
		}
	}
	return nil
}

// programmeFits refuses a change of gathering id that its programme would
// not survive: becoming a series, or times that leave sessions outside.
func programmeFits(ctx context.Context, q db.Q, id int64, rule string, start, end time.Time) error {
	var n, outside int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN starts_at < $2 OR ends_at > $3 THEN 1 ELSE 0 END), 0)
		FROM gathering_sessions WHERE gathering_id = $1`, id, start.UTC(), end.UTC()).Scan(&n, &outside); err != nil {
		return errs.Wrap(err, "read programme")
	}
	switch {
	case n > 0 && rule != "":
		return errs.Field("repeat", "This gathering has a programme: it stays a one-off. Remove its sessions first to make it a series.")
	case outside == 1:
		return errs.Field("date", "A session of the programme would fall outside these times: move it first.")
	case outside > 1:
		return errs.Field("date", strconv.Itoa(outside)+" sessions of the programme would fall outside these times: move them first.")
	}
	return nil
}

// tellPlaces tells those with a place in session sid, or waiting for one,
// of a change to it (an activity addressed to them alone).
func (s *Service) tellPlaces(ctx context.Context, tx *db.Tx, a auth.Actor, v View, sid int64, excerpt string) error {
	rows, err := tx.QueryContext(ctx, `SELECT person_id FROM gathering_session_places WHERE session_id = $1 ORDER BY person_id`, sid)
	if err != nil {
		return errs.Wrap(err, "read places")
	}
	var told []activity.Target
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return errs.Wrap(err, "read places")
		}
		told = append(told, activity.Target{PersonID: p, Reason: "attending"})
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(told) == 0 {
		return errs.Wrap(err, "read places")
	}
	return record(ctx, tx, a, activity.GatheringChanged, v, ScheduleURL(v.Community.Slug, v.ID), excerpt, activity.Subject, told)
}
