package gathering

import (
	"context"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// ListSize is how many occurrences a list shows at a time.
const ListSize = 20

// Item is one occurrence in a list, with what it shares with its series.
type Item struct {
	Occurrence
	Zone      string
	Capacity  int
	Recurring bool
}

// When is the item's time in its zone and the viewer's.
func (i Item) When(viewerZone string) When { return NewWhen(i.Start, i.End, i.Zone, viewerZone) }

// Full reports whether every place is taken.
func (i Item) Full() bool { return i.Capacity > 0 && i.Going >= i.Capacity }

// List returns a page of the community's occurrences: upcoming (not yet
// ended, soonest first) or past (latest first), and the id to read the
// next page after (0 when there is none). Keyset by (starts_at, id).
func (s *Service) List(ctx context.Context, a auth.Actor, slug string, past bool, after int64) (community.View, []Item, int64, error) {
	c, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return c, nil, 0, err
	}
	if err := mayRead(c); err != nil {
		return c, nil, 0, err
	}
	cmp, order := ">", "ASC"
	when := ` AND o.ends_at > $2`
	if past {
		cmp, order, when = "<", "DESC", ` AND o.ends_at <= $2`
	}
	args := []any{c.ID, s.now()}
	keyset := ""
	if after != 0 {
		args = append(args, after)
		keyset = ` AND (o.starts_at, o.id) ` + cmp + ` (SELECT k.starts_at, k.id FROM gathering_occurrences k WHERE k.id = $3 AND k.community_id = $1)`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+occurrenceColumns+`, g.time_zone, COALESCE(g.capacity, 0), g.rrule <> ''
		FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE o.community_id = $1`+when+keyset+` ORDER BY o.starts_at `+order+`, o.id `+order+` LIMIT `+strconv.Itoa(ListSize+1), args...)
	if err != nil {
		return c, nil, 0, errs.Wrap(err, "list gatherings")
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		if err := scanOccurrence(rows, &it.Occurrence, &it.Zone, &it.Capacity, &it.Recurring); err != nil {
			return c, nil, 0, errs.Wrap(err, "list gatherings")
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return c, nil, 0, errs.Wrap(err, "list gatherings")
	}
	var next int64
	if len(out) > ListSize {
		out = out[:ListSize]
		next = out[ListSize-1].ID
	}
	return c, out, next, nil
}
