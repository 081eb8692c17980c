package stewardship_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Two recounts of one community at once (the job after activity and the
// nightly one) both finish, and leave one count: the run's row is locked
// first, so the second replaces the first's rows rather than colliding
// with them.
func TestCommunityCountedConcurrently(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC), "ann")
		errs := dbtest.Together(4, func(int) error { return w.s.RecountCommunity(context.Background(), w.c, true) })
		for i, err := range errs {
			if err != nil {
				t.Errorf("count %d: %v", i, err)
			}
		}
		var runs, figures int
		if err := d.QueryRowContext(context.Background(), `SELECT (SELECT COUNT(*) FROM health_runs), (SELECT COUNT(*) FROM health_figures WHERE community_id = $1)`,
			w.c).Scan(&runs, &figures); err != nil {
			t.Fatal(err)
		}
		if runs != 1 || figures == 0 {
			t.Errorf("after four counts at once: %d runs, %d figures", runs, figures)
		}
	})
}
