package gathering

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// AtDate reads, in one statement, the community, gathering id, the date
// its page shows (date occ; when 0 the next one to end, or the last), the
// reader's answer for it (in its Mine), and whether any other date is still
// to come: when none is (a one-off, a series' last date), the page needs no
// list of dates, so a visitor's page is one round trip. The rights are Get's.
func (s *Service) AtDate(ctx context.Context, a auth.Actor, slug string, id, occ int64) (View, Occurrence, bool, error) {
	var g Gathering
	var o Occurrence
	var more int
	r := gatheringRow{g: &g}
	now := s.now()
	chosen := `o.id = COALESCE((SELECT f.id FROM gathering_occurrences f WHERE f.gathering_id = g.id AND f.ends_at > $4 ORDER BY f.starts_at, f.id LIMIT 1),
		(SELECT l.id FROM gathering_occurrences l WHERE l.gathering_id = g.id ORDER BY l.starts_at DESC, l.id DESC LIMIT 1))`
	args := []any{id, now}
	if occ != 0 {
		chosen, args = `o.id = $5`, append(args, occ)
	}
	c, found, err := s.communities.GetWith(ctx, a, slug, community.With{
		Columns: gatheringColumns + `, ` + occurrenceColumns + `, ` + mineColumns + `, CASE WHEN EXISTS (SELECT 1 FROM gathering_occurrences x
			WHERE x.gathering_id = g.id AND x.ends_at > $4 AND x.id <> o.id) THEN 1 ELSE 0 END`,
		Join: `JOIN gatherings g ON g.community_id = c.id AND g.id = $3 JOIN gathering_occurrences o ON o.gathering_id = g.id AND ` + chosen + mineJoin("$2"),
		Args: args, Dest: append(append(append(r.fields(), occurrenceFields(&o)...), mineFields(&o)...), &more)})
	if err != nil {
		return View{}, Occurrence{}, false, err
	}
	if err := mayRead(c); err != nil {
		return View{}, Occurrence{}, false, err
	}
	if !found {
		// The gathering or the date is missing: say which.
		if _, err := s.Get(ctx, a, slug, id); err != nil {
			return View{}, Occurrence{}, false, err
		}
		return View{}, Occurrence{}, false, errs.NotFoundf("There is no such date of this gathering.")
	}
	s.finish(&r)
	o.inUTC()
	return View{Gathering: g, Community: c}, o, more != 0, nil
}
