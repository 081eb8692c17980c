package activity

import (
	"context"
	"fmt"
	"time"

	"hearth/internal/db"
)

// visitGap separates two visits: home views closer than this are one visit.
const visitGap = 30 * time.Minute

// Visit notes that personID is looking at their home page now and returns
// when their previous visit began (zero for a first visit): what happened
// since then is new to them. It writes at most once per visit.
func Visit(ctx context.Context, d *db.DB, personID int64, now time.Time) (time.Time, error) {
	var current time.Time
	var previous *time.Time
	err := d.QueryRowContext(ctx, `SELECT current_at, previous_at FROM home_visits WHERE person_id = $1`, personID).Scan(&current, &previous)
	switch {
	case err == nil && now.Sub(current) < visitGap:
		if previous == nil {
			return time.Time{}, nil
		}
		return *previous, nil // the same visit
	case err != nil && !isNoRows(err):
		return time.Time{}, fmt.Errorf("read visit: %w", err)
	}
	var since time.Time
	if err == nil {
		since = current // a new visit: the last one began then
	}
	_, err = d.ExecContext(ctx, `INSERT INTO home_visits (person_id, current_at, previous_at) VALUES ($1, $2, NULL)
		ON CONFLICT (person_id) DO UPDATE SET previous_at = home_visits.current_at, current_at = excluded.current_at`, personID, now)
	if err != nil {
		return time.Time{}, fmt.Errorf("note visit: %w", err)
	}
	return since, nil
}
