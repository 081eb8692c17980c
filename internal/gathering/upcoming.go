package gathering

import (
	"context"
	"strconv"
	"time"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// Coming is a date of one of a person's communities, named with it.
type Coming struct {
	Item
	CommunitySlug string
	CommunityName string
}

// URL is the date's address.
func (c Coming) URL() string { return OccurrenceURL(c.CommunitySlug, c.GatheringID, c.ID) }

// Upcoming returns the dates not yet ended of the communities a is an
// active member of, soonest first, at most limit (at most ListSize) after
// the date with id after (0: from the first), and the id to read the next
// page after (0 when there is none). One query: per community the index by
// (community, start), merged.
func (s *Service) Upcoming(ctx context.Context, a auth.Actor, after int64, limit int) ([]Coming, int64, error) {
	if !a.SignedIn() {
		return nil, 0, errs.Forbiddenf("Sign in to see the gatherings of your communities.")
	}
	limit = min(max(limit, 1), ListSize)
	args := []any{a.PersonID, s.now()}
	keyset := ""
	if after != 0 {
		args = append(args, after)
		keyset = ` AND (o.starts_at, o.id) > (SELECT k.starts_at, k.id FROM gathering_occurrences k WHERE k.id = $3)`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+occurrenceColumns+`, g.time_zone, COALESCE(g.capacity, 0), g.rrule <> '', c.slug, c.name
		FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id JOIN communities c ON c.id = o.community_id
		WHERE o.community_id IN (SELECT m.community_id FROM memberships m WHERE m.person_id = $1 AND m.status = 'active')
		AND o.ends_at > $2`+keyset+` ORDER BY o.starts_at, o.id LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return nil, 0, errs.Wrap(err, "list your gatherings")
	}
	defer rows.Close()
	var out []Coming
	for rows.Next() {
		var c Coming
		if err := scanOccurrence(rows, &c.Occurrence, &c.Zone, &c.Capacity, &c.Recurring, &c.CommunitySlug, &c.CommunityName); err != nil {
			return nil, 0, errs.Wrap(err, "list your gatherings")
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, errs.Wrap(err, "list your gatherings")
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, nil
}

// MonthAcross returns the dates starting in [from, to) (a month's calendar)
// of the communities a is an active member of, soonest first, at most
// MonthLimit, and whether there were more. One query, as Upcoming.
func (s *Service) MonthAcross(ctx context.Context, a auth.Actor, from, to time.Time) ([]Coming, bool, error) {
	if !a.SignedIn() {
		return nil, false, errs.Forbiddenf("Sign in to see the gatherings of your communities.")
	}
	if !from.Before(to) || to.Sub(from) > 45*24*time.Hour {
		return nil, false, errs.New(errs.Invalid, "A calendar shows one month at a time.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+occurrenceColumns+`, g.time_zone, COALESCE(g.capacity, 0), g.rrule <> '', c.slug, c.name
		FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id JOIN communities c ON c.id = o.community_id
		WHERE o.community_id IN (SELECT m.community_id FROM memberships m WHERE m.person_id = $1 AND m.status = 'active')
		AND o.starts_at >= $2 AND o.starts_at < $3 ORDER BY o.starts_at, o.id LIMIT `+strconv.Itoa(MonthLimit+1), a.PersonID, from.UTC(), to.UTC())
	if err != nil {
		return nil, false, errs.Wrap(err, "read your month")
	}
	defer rows.Close()
	var out []Coming
	for rows.Next() {
		var c Coming
		if err := scanOccurrence(rows, &c.Occurrence, &c.Zone, &c.Capacity, &c.Recurring, &c.CommunitySlug, &c.CommunityName); err != nil {
			return nil, false, errs.Wrap(err, "read your month")
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, errs.Wrap(err, "read your month")
	}
	more := len(out) > MonthLimit
	if more {
		out = out[:MonthLimit]
	}
	return out, more, nil
}
