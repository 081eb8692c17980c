package community

import (
	"context"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/errs"
)

// newsHorizon is how far back a member's "what is new" looks.
const newsHorizon = 60 * 24 * time.Hour

// News returns what others did lately in a's communities, newest first, at
// most limit: the activity log, through the index on (community, time).
func (s *Service) News(ctx context.Context, a auth.Actor, limit int) ([]activity.Activity, error) {
	if !a.SignedIn() {
		return nil, nil
	}
	list, err := activity.ForMember(ctx, s.db, a.PersonID, s.now().Add(-newsHorizon), limit)
	return list, errs.Wrap(err, "read news")
}

// Activity returns a page of what happened in the community v, newest first,
// older than the activity before (0: the newest); NotFound to those who may
// not read it.
func (s *Service) Activity(ctx context.Context, v View, before int64, limit int) ([]activity.Activity, error) {
	if !v.CanRead() {
		return nil, errs.NotFoundf("There is no such community.")
	}
	list, err := activity.InCommunity(ctx, s.db, v.ID, before, limit)
	return list, errs.Wrap(err, "read activity")
}

// Visit notes that a opened their home page and returns when their previous
// visit began: what happened since is new to them (zero on a first visit).
func (s *Service) Visit(ctx context.Context, a auth.Actor) (time.Time, error) {
	if !a.SignedIn() {
		return time.Time{}, nil
	}
	since, err := activity.Visit(ctx, s.db, a.PersonID, s.now())
	return since, errs.Wrap(err, "note visit")
}
