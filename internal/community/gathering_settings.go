package community

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Who schedules a community's gatherings (communities.gathering_schedulers).
const (
	SchedulersStewards = "stewards"
	SchedulersMembers  = "members"
)

// UpdateGatheringSchedulers sets who schedules the community's gatherings:
// its stewards or every member; stewards only.
func (s *Service) UpdateGatheringSchedulers(ctx context.Context, a auth.Actor, slug, who string) error {
	if who != SchedulersStewards && who != SchedulersMembers {
		return errs.Field("gathering_schedulers", "Choose who may schedule gatherings.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanEditCharter() {
			return forbiddenUnlessArchived(v, "Only the community's stewards can change who schedules its gatherings.")
		}
		_, err = tx.ExecContext(ctx, `UPDATE communities SET gathering_schedulers = $1, updated_at = $2 WHERE id = $3`, who, s.now(), v.ID)
		return errs.Wrap(err, "update gathering schedulers")
	})
}
