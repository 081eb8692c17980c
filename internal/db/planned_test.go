package db_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestQueryPlanned: a planned query reads what QueryContext reads, with its
// arguments in place, and on PostgreSQL leaves no prepared statement behind
// (so it is planned with its values at each run).
func TestQueryPlanned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const query = "SELECT n FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) planned WHERE n >= $1 AND $2 <> '' ORDER BY n"
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			rows, err := d.QueryPlanned(tx.Context(ctx), query, 2, "x")
			if err != nil {
				return err
			}
			var got []int
			for rows.Next() {
				var n int
				if err := rows.Scan(&n); err != nil {
					return err
				}
				got = append(got, n)
			}
			if err := rows.Close(); err != nil {
				return err
			}
			if len(got) != 2 || got[0] != 2 || got[1] != 3 {
				t.Errorf("read %v, want [2 3]", got)
			}
			if d.Dialect == db.Postgres {
				var prepared int
				if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement = $1", query).Scan(&prepared); err != nil {
					return err
				}
				if prepared != 0 {
					t.Errorf("the query was prepared %d times", prepared)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
