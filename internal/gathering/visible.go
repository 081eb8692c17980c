package gathering

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// Visible reports whether a may see gathering id now, by the rule of its
// page: notifications ask it for every person they would tell.
func (s *Service) Visible(ctx context.Context, a auth.Actor, id int64) (bool, error) {
	var slug string
	err := s.db.QueryRowContext(ctx, `SELECT c.slug FROM gatherings g JOIN communities c ON c.id = g.community_id WHERE g.id = $1`, id).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "read gathering")
	}
	v, err := s.communities.Get(ctx, a, slug)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return v.CanRead(), nil
}
