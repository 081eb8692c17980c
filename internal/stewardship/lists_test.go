package stewardship_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/stewardship"
)

// The page lists the first ListShown fading regulars (the figure counts
// them all); the downloads have every one.
func TestHealthListsAtMostListShownFading(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Parallel()
		w := newWorld(t, d, db.Now())
		ctx := context.Background()
		n := stewardship.ListShown + 3
		at := w.now.Add(-40 * day) // seen 40 days ago: active then, fading now
		w.run(t, `INSERT INTO people (handle, email, name, password_hash, created_at)
			WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $1)
			SELECT 'f' || i, 'f' || i || '@example.org', 'Fading ' || i, 'x', $2 FROM seq`, n, w.now.AddDate(-1, 0, 0))
		w.run(t, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			SELECT $1, id, 'member', 'active', $2, $2 FROM people WHERE handle LIKE 'f%'`, w.c, w.now.AddDate(-1, 0, 0))
		for range 2 { // 6 points each: active
			w.run(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at)
				SELECT id, 'entry.published', 'entry', 1, $1, $2 FROM people WHERE handle LIKE 'f%'`, w.c, at)
		}
		if err := w.people.RecountCommunity(ctx, w.c); err != nil {
			t.Fatal(err)
		}
		h := w.health(t, 90)
		if cur, _ := value(h, stewardship.FigFading); cur != float64(n) {
			t.Fatalf("fading regulars counted: %v, want %d", cur, n)
		}
		if len(h.Fading) != stewardship.ListShown || h.MoreFading() != 3 {
			t.Errorf("the page lists %d fading regulars and %d more, want %d and 3", len(h.Fading), h.MoreFading(), stewardship.ListShown)
		}
		full, err := w.s.HealthInFull(ctx, w.actors["sam"], "bread", 90)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Fading) != n || full.MoreFading() != 0 {
			t.Errorf("the download lists %d fading regulars (%d more), want %d", len(full.Fading), full.MoreFading(), n)
		}
		if table, _ := full.Table("fading"); len(table.Rows) != n {
			t.Errorf("the fading CSV has %d rows, want %d", len(table.Rows), n)
		}
	})
}
