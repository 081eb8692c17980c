package gathering

import (
	"context"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/revision"
)

// sync makes gathering g's occurrence rows match starts (its expanded rule,
// UTC). An occurrence is the same one when it falls on the same date in the
// gathering's zone: it keeps its row, so its answers and its own changes
// survive a new time or zone. Dates the rule no longer holds go, unless
// they are past (their answers and attendance are history). It returns
// how many future occurrences went.
func (s *Service) sync(ctx context.Context, tx *db.Tx, g Gathering, starts []time.Time) (int, error) {
	loc := g.Location()
	key := func(t time.Time) string { return t.In(loc).Format(time.DateOnly) }
	type row struct {
		id                   int64
		original, start, end time.Time
		changed              bool
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, original_start, starts_at, ends_at, changed_at IS NOT NULL FROM gathering_occurrences
		WHERE gathering_id = $1 ORDER BY starts_at, id`, g.ID)
	if err != nil {
		return 0, errs.Wrap(err, "read occurrences")
	}
	existing := map[string]row{}
	var extra []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.original, &r.start, &r.end, &r.changed); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "read occurrences")
		}
		if _, dup := existing[key(r.original)]; dup {
			extra = append(extra, r)
			continue
		}
		existing[key(r.original)] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, errs.Wrap(err, "read occurrences")
	}
	want := map[string]bool{}
	for _, t := range starts {
		want[key(t)] = true
	}
	for k, r := range existing {
		if !want[k] {
			extra = append(extra, r)
			delete(existing, k)
		}
	}
	now, gone := s.now(), 0
	for _, r := range extra {
		if r.start.Before(now) {
			continue // past: kept as it was
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM gathering_occurrences WHERE id = $1`, r.id); err != nil {
			return 0, errs.Wrap(err, "remove occurrence")
		}
		for _, part := range []string{Agenda, Notes} { // the date's texts go with it (no foreign key can take their history)
			if err := revision.DeleteAll(ctx, tx, textSubject(part, r.id)); err != nil {
				return 0, err
			}
		}
		gone++
	}
	length := time.Duration(g.Minutes) * time.Minute
	for _, t := range starts {
		r, ok := existing[key(t)]
		switch {
		case !ok:
			if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at)
				VALUES ($1, $2, $3, $3, $4)`, g.ID, g.CommunityID, t, t.Add(length)); err != nil {
				return 0, errs.Wrap(err, "add occurrence")
			}
		case r.changed && !r.original.Equal(t):
			if _, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET original_start = $1 WHERE id = $2`, t, r.id); err != nil {
				return 0, errs.Wrap(err, "move occurrence")
			}
		case !r.changed && (!r.original.Equal(t) || !r.start.Equal(t) || !r.end.Equal(t.Add(length))):
			if _, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET original_start = $1, starts_at = $1, ends_at = $2 WHERE id = $3`,
				t, t.Add(length), r.id); err != nil {
				return 0, errs.Wrap(err, "move occurrence")
			}
		}
	}
	return gone, nil
}
