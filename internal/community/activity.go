package community

import (
	"context"
	"time"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// Activity is one thing that happened in a community, for a member's home.
type Activity struct {
	At            time.Time
	Kind          string // "joined", "started", or another capability's ("published")
	CommunitySlug string
	CommunityName string
	PersonHandle  string
	PersonName    string
	Title         string // what it is about, when it is not the community itself (an entry's title)
	URL           string // where it is, when not the community's home
}

// Recent returns up to limit things that happened lately in the actor's
// communities (people who joined) and new communities the actor may see,
// newest first. Later capabilities add their own kinds.
func (s *Service) Recent(ctx context.Context, a auth.Actor, limit int) ([]Activity, error) {
	since := s.now().Add(-60 * 24 * time.Hour)
	rows, err := s.db.QueryContext(ctx, `SELECT happened_at, kind, slug, cname, handle, pname FROM (
		SELECT m.created_at AS happened_at, 'joined' AS kind, c.slug AS slug, c.name AS cname, p.handle AS handle, p.name AS pname
		FROM memberships m JOIN communities c ON c.id = m.community_id JOIN people p ON p.id = m.person_id
		WHERE m.status = 'active' AND m.person_id <> $1 AND m.created_at > $4 AND c.status = 'active'
		AND m.person_id IS DISTINCT FROM c.created_by
		AND EXISTS (SELECT 1 FROM memberships mine WHERE mine.community_id = c.id AND mine.person_id = $1 AND mine.status = 'active')
		UNION ALL
		SELECT c.created_at, 'started', c.slug, c.name, COALESCE(p.handle, ''), COALESCE(p.name, '')
		FROM communities c LEFT JOIN people p ON p.id = c.created_by
		WHERE c.created_at > $4 AND c.status = 'active' AND `+visibleTo+`
	) recent ORDER BY happened_at DESC LIMIT $5`, a.PersonID, a.SignedIn(), a.Admin, since, limit)
	if err != nil {
		return nil, errs.Wrap(err, "recent activity")
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var act Activity
		if err := rows.Scan(&act.At, &act.Kind, &act.CommunitySlug, &act.CommunityName, &act.PersonHandle, &act.PersonName); err != nil {
			return nil, errs.Wrap(err, "recent activity")
		}
		out = append(out, act)
	}
	return out, errs.Wrap(rows.Err(), "recent activity")
}
