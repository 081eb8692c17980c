package activity

import (
	"context"
	"time"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Later is a subscriber for work that follows activity in a community but
// need not be immediate (a recount of figures): it enqueues one job of
// kind delay after now, once for a burst of activity (jobs.EnqueueOnce).
func Later(kind string, delay time.Duration, now func() time.Time) BatchSubscriber {
	return func(_ context.Context, batch []Activity) (Write, error) {
		for _, a := range batch {
			if a.CommunityID != 0 {
				return func(ctx context.Context, tx *db.Tx) error {
					return jobs.EnqueueOnce(ctx, tx, jobs.Job{Kind: kind, RunAt: now().Add(delay)})
				}, nil
			}
		}
		return nil, nil
	}
}
