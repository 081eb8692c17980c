package db_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestInsertID checks that InsertID returns the id of the row it inserted,
// on the writer and inside a transaction, on both engines.
func TestInsertID(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const insert = `INSERT INTO departments (name, slug, created_at) VALUES ($1, $2, $3)`
		check := func(q db.Q, slug string) int64 {
			t.Helper()
			id, err := db.InsertID(ctx, q, insert, "Department "+slug, slug, db.Now())
			if err != nil {
				t.Fatal(err)
			}
			var want int64
			if err := q.QueryRowContext(ctx, "SELECT id FROM departments WHERE slug = $1", slug).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if id != want || id == 0 {
				t.Fatalf("InsertID gave %d for %s, the row's id is %d", id, slug, want)
			}
			return id
		}
		first := check(d, "first")
		var second int64
		if err := d.WithTx(ctx, func(tx *db.Tx) error { second = check(tx, "second"); return nil }); err != nil {
			t.Fatal(err)
		}
		if second == first {
			t.Fatalf("two rows, one id %d", first)
		}
		if _, err := db.InsertID(ctx, d, insert, "Again", "first", db.Now()); !db.IsUniqueViolation(err) {
			t.Fatalf("a duplicate slug gave %v, want a unique violation", err)
		}
	})
}
