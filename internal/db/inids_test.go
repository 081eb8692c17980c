package db_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// InIDs pads a list to a few sizes, so that queries keep few texts, and the
// padded list finds exactly the rows of the ids given, on both engines.
func TestInIDsPadsAndFindsTheSameRows(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ n, size int }{{1, 8}, {8, 8}, {9, 16}, {26, 32}, {100, 128}} {
		ids := make([]int64, c.n)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		in, args := db.InIDs(1, ids)
		if len(args) != c.size || in != db.Placeholders(1, c.size) {
			t.Errorf("%d ids: %d arguments, want %d", c.n, len(args), c.size)
		}
	}
	if in, args := db.InIDs(1, nil); in != "NULL" || len(args) != 0 {
		t.Errorf("no ids: %q %v, want NULL and no arguments", in, args)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		in, args := db.InIDs(2, []int64{3, 1, 3})
		var n int
		err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 AS id UNION ALL SELECT 2 UNION ALL SELECT 3) x
			WHERE x.id <> $1 AND x.id IN (`+in+`)`, append([]any{int64(0)}, args...)...).Scan(&n)
		if err != nil || n != 2 {
			t.Fatalf("%d rows (%v), want 2: ids 1 and 3, once each", n, err)
		}
	})
}
