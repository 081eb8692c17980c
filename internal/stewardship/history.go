package stewardship

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// deed is one contribution (a verb of writingVerbs) by a person at a time,
// with the person's department (0: none).
type deed struct {
	person, department int64
	at                 time.Time
}

// attendance is a person's recorded presence at a gathering's occurrence.
type attendance struct {
	occurrence, person, department int64
	at                             time.Time // the occurrence's start
}

// history is what the rhythm, follow-through and department figures read
// of a community: its contributions and interactions since a date, every
// attendance ever (a first-timer's first), and its gatherings' starts.
type history struct {
	zone         *time.Location
	zoneName     string
	deeds        []deed // oldest first
	attendances  []attendance
	occurrences  []time.Time // starts of gatherings not cancelled, since the date
	interactions []interaction
}

// readHistory reads the community's history in (since, now].
func readHistory(ctx context.Context, q db.Q, communityID int64, since, now time.Time) (history, error) {
	h := history{}
	var err error
	if h.zoneName, h.zone, err = communityZone(ctx, q, communityID); err != nil {
		return h, err
	}
	rows, err := q.QueryContext(ctx, `SELECT a.actor_id, p.department_id, a.created_at FROM activities a JOIN people p ON p.id = a.actor_id
		WHERE a.community_id = $1 AND a.verb IN (`+writingVerbs()+`) AND a.created_at > $2 AND a.created_at <= $3 ORDER BY a.created_at, a.id`,
		communityID, since, now)
	if err != nil {
		return h, errs.Wrap(err, "read contributions")
	}
	for rows.Next() {
		var d deed
		var dep sql.NullInt64
		if err := rows.Scan(&d.person, &dep, &d.at); err != nil {
			rows.Close()
			return h, errs.Wrap(err, "read contributions")
		}
		d.department = dep.Int64
		h.deeds = append(h.deeds, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, errs.Wrap(err, "read contributions")
	}
	rows, err = q.QueryContext(ctx, `SELECT r.occurrence_id, r.person_id, p.department_id, o.starts_at FROM gathering_rsvps r
		JOIN gathering_occurrences o ON o.id = r.occurrence_id JOIN gatherings g ON g.id = o.gathering_id JOIN people p ON p.id = r.person_id
		WHERE o.community_id = $1 AND r.attended AND o.cancelled_at IS NULL AND g.cancelled_at IS NULL AND o.starts_at <= $2
		ORDER BY o.starts_at, r.occurrence_id, r.person_id`, communityID, now)
	if err != nil {
		return h, errs.Wrap(err, "read attendance")
	}
	for rows.Next() {
		var a attendance
		var dep sql.NullInt64
		if err := rows.Scan(&a.occurrence, &a.person, &dep, &a.at); err != nil {
			rows.Close()
			return h, errs.Wrap(err, "read attendance")
		}
		a.department = dep.Int64
		h.attendances = append(h.attendances, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, errs.Wrap(err, "read attendance")
	}
	rows, err = q.QueryContext(ctx, `SELECT o.starts_at FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE o.community_id = $1 AND o.cancelled_at IS NULL AND g.cancelled_at IS NULL AND o.starts_at > $2 AND o.starts_at <= $3`, communityID, since, now)
	if err != nil {
		return h, errs.Wrap(err, "read gatherings")
	}
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			rows.Close()
			return h, errs.Wrap(err, "read gatherings")
		}
		h.occurrences = append(h.occurrences, at)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, errs.Wrap(err, "read gatherings")
	}
	h.interactions, err = interactions(ctx, q, communityID, since, now, h.attendances)
	return h, err
}

// communityZone is the zone a community's rhythm is read in: a community
// has no zone of its own, so the one most of its gatherings use (the most
// recently created on a tie), UTC when it has none.
func communityZone(ctx context.Context, q db.Q, communityID int64) (string, *time.Location, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT time_zone FROM gatherings WHERE community_id = $1 AND cancelled_at IS NULL
		GROUP BY time_zone ORDER BY COUNT(*) DESC, MAX(created_at) DESC, time_zone LIMIT 1`, communityID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return gathering.DefaultZone, time.UTC, nil
	}
	if err != nil {
		return "", nil, errs.Wrap(err, "read the community's zone")
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" {
		return gathering.DefaultZone, time.UTC, nil
	}
	return name, loc, nil
}
