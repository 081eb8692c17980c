package stewardship

import (
	"context"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// RecountInstitution computes the institution's figures from the
// communities' summary rows (count them first) and replaces its rows in
// one transaction.
func (s *Service) RecountInstitution(ctx context.Context) error {
	now := s.now()
	in, err := countInstitution(ctx, s.db, now)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		// The run's one row first: it locks, so that two counts at once
		// (the job after activity and the nightly one) replace the rows
		// one after the other rather than insert them twice.
		if _, err := tx.ExecContext(ctx, `INSERT INTO institution_runs (id, counted_at) VALUES (1, $1)
			ON CONFLICT (id) DO UPDATE SET counted_at = excluded.counted_at`, now); err != nil {
			return errs.Wrap(err, "recount the institution")
		}
		for _, t := range []string{"institution_figures", "institution_communities", "institution_quarters"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return errs.Wrap(err, "clear "+t)
			}
		}
		for name, v := range in.figures {
			if _, err := tx.ExecContext(ctx, `INSERT INTO institution_figures (figure, value) VALUES ($1, $2)`, name, v); err != nil {
				return errs.Wrap(err, "store an institution figure")
			}
		}
		for _, c := range in.communities {
			if _, err := tx.ExecContext(ctx, `INSERT INTO institution_communities (community_id, slug, name, stage, core, active, occasional, peripheral, departments)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c.id, c.slug, c.name, c.stage, c.rings[people.Core], c.rings[people.Active], c.rings[people.Occasional], c.rings[people.Peripheral],
				c.departments); err != nil {
				return errs.Wrap(err, "store the map")
			}
		}
		for _, m := range in.quarters {
			if _, err := tx.ExecContext(ctx, `INSERT INTO institution_quarters (quarter_start, internal, external) VALUES ($1, $2, $3)`,
				m.Month, m.Internal, m.External); err != nil {
				return errs.Wrap(err, "store the quarters")
			}
		}
		return nil
	})
}
