package stewardship

import (
	"context"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// RecountCommunity computes a community's figures from its history and
// replaces its summary rows in one transaction; the rings' month-by-month
// flow (a dozen counts) only when withFlow is set.
func (s *Service) RecountCommunity(ctx context.Context, communityID int64, withFlow bool) error {
	now := s.now()
	sum, err := s.compute(ctx, communityID, now, withFlow)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		// The run's row first: it locks the community's count, so two
		// recounts at once (after activity, and nightly) replace the rows
		// one after the other, rather than both deleting the old ones and
		// then inserting the same keys (a duplicate key on PostgreSQL).
		if _, err := tx.ExecContext(ctx, `INSERT INTO health_runs (community_id, counted_at, time_zone) VALUES ($1, $2, $3)
			ON CONFLICT (community_id) DO UPDATE SET counted_at = excluded.counted_at, time_zone = excluded.time_zone, run = health_runs.run + 1`, communityID, now, sum.zone); err != nil {
			return errs.Wrap(err, "recount health")
		}
		tables := []string{"health_figures", "health_weeks", "health_unanswered", "health_fading", "health_stale", "health_cohorts", "health_retention",
			"health_rhythm", "health_departments", "health_exchange", "health_exchange_months", "health_connectors"}
		if withFlow {
			tables = append(tables, "health_flow")
		}
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE community_id = $1`, communityID); err != nil {
				return errs.Wrap(err, "clear "+t)
			}
		}
		for _, f := range sum.figures {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_figures (community_id, days, figure, current_value, previous_value) VALUES ($1, $2, $3, $4, $5)`,
				communityID, f.days, f.name, f.current, f.prev); err != nil {
				return errs.Wrap(err, "store a figure")
			}
		}
		for _, w := range sum.weeks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_weeks (community_id, week_start, questions, answered, within_48h, median_hours, p90_hours)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, communityID, w.Start, w.Questions, w.Answered, w.InTime, w.Median, w.P90); err != nil {
				return errs.Wrap(err, "store a week")
			}
		}
		for i, id := range sum.queue {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_unanswered (community_id, thread_id, asked_at) VALUES ($1, $2, $3)`,
				communityID, id, sum.asked[i]); err != nil {
				return errs.Wrap(err, "store the queue")
			}
		}
		for _, f := range sum.fading {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_fading (community_id, person_id, level, last_seen_at) VALUES ($1, $2, $3, $4)`,
				communityID, f.PersonID, f.Level, f.LastSeen); err != nil {
				return errs.Wrap(err, "store the fading")
			}
		}
		for _, e := range sum.stale {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_stale (community_id, entry_id, views, review_by) VALUES ($1, $2, $3, $4)`,
				communityID, e.EntryID, e.Views, e.ReviewBy); err != nil {
				return errs.Wrap(err, "store the stale entries")
			}
		}
		for _, c := range sum.cohorts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_cohorts (community_id, cohort_month, members, first_30, second_90, active, contributed, welcomed)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, communityID, c.Month, c.Members, c.First30, c.Second90, c.Active, c.Contributed, c.Welcomed); err != nil {
				return errs.Wrap(err, "store a cohort")
			}
			for k, n := range c.Present {
				if _, err := tx.ExecContext(ctx, `INSERT INTO health_retention (community_id, cohort_month, months_since, present) VALUES ($1, $2, $3, $4)`,
					communityID, c.Month, k, n); err != nil {
					return errs.Wrap(err, "store retention")
				}
			}
		}
		for _, f := range sum.flows {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_flow (community_id, month_start, core, active, occasional, peripheral, inward, held, outward, joined)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, communityID, f.Month, f.Rings[people.Core], f.Rings[people.Active],
				f.Rings[people.Occasional], f.Rings[people.Peripheral], f.Inward, f.Held, f.Outward, f.Joined); err != nil {
				return errs.Wrap(err, "store the flow")
			}
		}
		return storeGroups(ctx, tx, communityID, sum)
	})
}

// storeGroups stores the rhythm, the departments, the exchange and the
// connectors of every window, and the exchange month by month.
func storeGroups(ctx context.Context, tx *db.Tx, communityID int64, sum summary) error {
	for days, cells := range sum.rhythm {
		for _, c := range cells {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_rhythm (community_id, days, weekday, hour, contributions, gatherings) VALUES ($1, $2, $3, $4, $5, $6)`,
				communityID, days, int(c.Weekday), c.Hour, c.Contributions, c.Gatherings); err != nil {
				return errs.Wrap(err, "store the rhythm")
			}
		}
	}
	for days, rows := range sum.departments {
		for _, r := range rows {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_departments (community_id, days, department_id, contributors, contributions, prev_contributors, prev_contributions, exchangers)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, communityID, days, r.department, r.contributors, r.contributions, r.prevContributors, r.prevContributions, r.exchangers); err != nil {
				return errs.Wrap(err, "store the departments")
			}
		}
	}
	for days, pairs := range sum.exchange {
		for p, w := range pairs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_exchange (community_id, days, department_a, department_b, weight) VALUES ($1, $2, $3, $4, $5)`,
				communityID, days, p.a, p.b, w); err != nil {
				return errs.Wrap(err, "store the exchange")
			}
		}
	}
	for days, people := range sum.connectors {
		for p, n := range people {
			if _, err := tx.ExecContext(ctx, `INSERT INTO health_connectors (community_id, days, person_id, departments) VALUES ($1, $2, $3, $4)`,
				communityID, days, p, n); err != nil {
				return errs.Wrap(err, "store the connectors")
			}
		}
	}
	for _, m := range sum.exchangeMonths {
		if _, err := tx.ExecContext(ctx, `INSERT INTO health_exchange_months (community_id, month_start, internal, external) VALUES ($1, $2, $3, $4)`,
			communityID, m.Month, m.Internal, m.External); err != nil {
			return errs.Wrap(err, "store the exchange by month")
		}
	}
	return nil
}
