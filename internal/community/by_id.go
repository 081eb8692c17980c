package community

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// GetByID is Get for a community known by id (background work, such as
// deciding whom to tell of an activity, knows ids rather than slugs).
func (s *Service) GetByID(ctx context.Context, a auth.Actor, id int64) (View, error) {
	var slug string
	if err := s.db.QueryRowContext(ctx, `SELECT slug FROM communities WHERE id = $1`, id).Scan(&slug); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return View{}, errs.New(errs.NotFound, "There is no such community.")
		}
		return View{}, errs.Wrap(err, "read community")
	}
	return s.Get(ctx, a, slug)
}
