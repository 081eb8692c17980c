package conversation

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// Visible reports whether a may read thread id now, by the rule of the
// thread's page: notifications ask it for every person they would tell.
func (s *Service) Visible(ctx context.Context, a auth.Actor, threadID int64) (bool, error) {
	var slug string
	err := s.db.QueryRowContext(ctx, `SELECT c.slug FROM threads t JOIN communities c ON c.id = t.community_id WHERE t.id = $1`, threadID).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "read thread")
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
