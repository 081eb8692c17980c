package community

import (
	"context"
	"time"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// JoinRequest is a request to join that waits for a steward.
type JoinRequest struct {
	CommunitySlug, CommunityName string
	Handle, Name                 string
	Message                      string
	At                           time.Time
}

// WaitingRequests lists the requests to join the communities a stewards,
// oldest first (the longest waiting), at most limit.
func (s *Service) WaitingRequests(ctx context.Context, a auth.Actor, limit int) ([]JoinRequest, error) {
	if !a.SignedIn() {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.slug, c.name, p.handle, p.name, m.message, m.created_at
		FROM memberships m JOIN communities c ON c.id = m.community_id JOIN people p ON p.id = m.person_id
		WHERE m.status = 'pending' AND c.status = 'active' AND m.community_id IN
			(SELECT community_id FROM memberships WHERE person_id = $1 AND role = 'steward' AND status = 'active')
		ORDER BY m.created_at, m.person_id LIMIT $2`, a.PersonID, limit)
	if err != nil {
		return nil, errs.Wrap(err, "read requests")
	}
	defer rows.Close()
	var out []JoinRequest
	for rows.Next() {
		var r JoinRequest
		if err := rows.Scan(&r.CommunitySlug, &r.CommunityName, &r.Handle, &r.Name, &r.Message, &r.At); err != nil {
			return nil, errs.Wrap(err, "read requests")
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "read requests")
}
