package conversation

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// Visible reports whether a may read thread id now, by the rule of the
// thread's page: notifications ask it for every person they would tell.
func (s *Service) Visible(ctx context.Context, a auth.Actor, threadID int64) (bool, error) {
	slug, err := s.communitySlugOf(ctx, threadID)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
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
