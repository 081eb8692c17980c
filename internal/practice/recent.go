package practice

import (
	"context"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// Recent lists the entries published lately in the communities where a is an
// active member, newest first, as news for their home page.
func (s *Service) Recent(ctx context.Context, a auth.Actor, limit int) ([]community.Activity, error) {
	if !a.SignedIn() {
		return nil, nil
	}
	since := s.now().Add(-60 * 24 * time.Hour)
	rows, err := s.db.QueryContext(ctx, `SELECT e.published_at, c.slug, c.name, COALESCE(p.handle, ''), COALESCE(p.name, ''), e.slug, e.title
		FROM entries e JOIN communities c ON c.id = e.community_id LEFT JOIN people p ON p.id = e.created_by
		WHERE e.maturity <> 'draft' AND e.published_at > $2 AND c.status = 'active'
		AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.person_id = $1 AND m.status = 'active')
		ORDER BY e.published_at DESC LIMIT $3`, a.PersonID, since, limit)
	if err != nil {
		return nil, errs.Wrap(err, "recent entries")
	}
	defer rows.Close()
	var out []community.Activity
	for rows.Next() {
		act := community.Activity{Kind: "published"}
		var entrySlug string
		if err := rows.Scan(&act.At, &act.CommunitySlug, &act.CommunityName, &act.PersonHandle, &act.PersonName, &entrySlug, &act.Title); err != nil {
			return nil, errs.Wrap(err, "recent entries")
		}
		act.URL = "/c/" + act.CommunitySlug + "/practice/" + entrySlug
		out = append(out, act)
	}
	return out, errs.Wrap(rows.Err(), "recent entries")
}
