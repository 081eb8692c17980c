package gathering

import (
	"context"
	"strconv"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// MonthLimit bounds the dates a month's calendar shows (a community with
// daily series in many rooms might have more: the page says so).
const MonthLimit = 300

// Month returns the community's dates starting in [from, to) (a month's
// calendar, from the Monday before its first day to the Sunday after its
// last), soonest first, at most MonthLimit, and whether there were more.
// One query, on the index by (community, start).
func (s *Service) Month(ctx context.Context, a auth.Actor, slug string, from, to time.Time) (community.View, []Item, bool, error) {
	c, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return c, nil, false, err
	}
	if err := mayRead(c); err != nil {
		return c, nil, false, err
	}
	if !from.Before(to) || to.Sub(from) > 45*24*time.Hour {
		return c, nil, false, errs.New(errs.Invalid, "A calendar shows one month at a time.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+occurrenceColumns+`, g.time_zone, COALESCE(g.capacity, 0), g.rrule <> ''
		FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE o.community_id = $1 AND o.starts_at >= $2 AND o.starts_at < $3
		ORDER BY o.starts_at, o.id LIMIT `+strconv.Itoa(MonthLimit+1), c.ID, from.UTC(), to.UTC())
	if err != nil {
		return c, nil, false, errs.Wrap(err, "read the month")
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		if err := scanOccurrence(rows, &it.Occurrence, &it.Zone, &it.Capacity, &it.Recurring); err != nil {
			return c, nil, false, errs.Wrap(err, "read the month")
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return c, nil, false, errs.Wrap(err, "read the month")
	}
	more := len(out) > MonthLimit
	if more {
		out = out[:MonthLimit]
	}
	return c, out, more, nil
}
