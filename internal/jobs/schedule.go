package jobs

import (
	"context"
	"fmt"
	"time"
)

// Schedule is a job run once per period: Period maps a moment to the key of
// the period it falls in and the moment that period's run is due. Every
// runner offers the current period's run; its key keeps exactly one, so a
// run missed while Hearth was down happens as soon as it starts again.
type Schedule struct {
	Kind   string
	Period func(now time.Time) (key string, due time.Time)
}

// Every registers a scheduled job; its handler is registered with Handle.
func (r *Runner) Every(s Schedule) { r.schedules = append(r.schedules, s) }

// Daily is a period of one day, due at hour:minute in loc.
func Daily(hour, minute int, loc *time.Location) func(time.Time) (string, time.Time) {
	return func(now time.Time) (string, time.Time) {
		n := now.In(loc)
		due := time.Date(n.Year(), n.Month(), n.Day(), hour, minute, 0, 0, loc)
		if n.Before(due) { // before today's run: the period is yesterday's
			due = due.AddDate(0, 0, -1)
		}
		return due.Format("2006-01-02"), due.UTC()
	}
}

// Weekly is a period of one week, due on day at hour:minute in loc.
func Weekly(day time.Weekday, hour, minute int, loc *time.Location) func(time.Time) (string, time.Time) {
	return func(now time.Time) (string, time.Time) {
		n := now.In(loc)
		back := (int(n.Weekday()) - int(day) + 7) % 7
		d := n.AddDate(0, 0, -back)
		due := time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc)
		if n.Before(due) {
			due = due.AddDate(0, 0, -7)
		}
		return due.Format("2006-01-02"), due.UTC()
	}
}

// schedule offers scheduled runs and prunes old jobs every minute until ctx ends.
func (r *Runner) schedule(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		if err := r.offerScheduled(ctx); err != nil && ctx.Err() == nil {
			r.log.Error("scheduled jobs", "err", err)
		}
		if err := r.prune(ctx); err != nil && ctx.Err() == nil {
			r.log.Error("prune jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// offerScheduled enqueues the current period's run of every schedule.
func (r *Runner) offerScheduled(ctx context.Context) error {
	now := r.now()
	for _, s := range r.schedules {
		key, due := s.Period(now)
		if due.After(now) {
			continue
		}
		if err := Enqueue(ctx, r.db.Writer(), Job{Kind: s.Kind, Key: s.Kind + ":" + key, RunAt: due,
			Payload: ScheduledRun{Period: key, Due: due}}); err != nil {
			return fmt.Errorf("offer %s: %w", s.Kind, err)
		}
	}
	return nil
}

// ScheduledRun is the payload of a scheduled job.
type ScheduledRun struct {
	Period string    `json:"period"`
	Due    time.Time `json:"due"`
}

// prune deletes finished jobs older than keepDone.
func (r *Runner) prune(ctx context.Context) error {
	_, err := r.db.ExecContext(ctx, `DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < $1`, r.now().Add(-keepDone))
	return err
}
