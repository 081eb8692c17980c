package db_test

import (
	"context"
	"strconv"
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

// BenchmarkInsertID compares, on SQLite, an insert that reads its id with
// RETURNING and one through InsertID, 50 to a transaction:
//
//	go test -run '^$' -bench InsertID -benchtime 300x -count 3 ./internal/db/
func BenchmarkInsertID(b *testing.B) {
	d := dbtest.SQLite(b)
	ctx := context.Background()
	const insert = `INSERT INTO departments (name, slug, created_at) VALUES ($1, $2, $3)`
	n := 0
	for _, how := range []string{"returning", "InsertID"} {
		b.Run(how, func(b *testing.B) {
			for b.Loop() {
				err := d.WithTx(ctx, func(tx *db.Tx) error {
					for range 50 {
						n++
						slug := "d" + strconv.Itoa(n)
						var err error
						if how == "returning" {
							var id int64
							err = tx.QueryRowContext(ctx, insert+" RETURNING id", slug, slug, db.Now()).Scan(&id)
						} else {
							_, err = db.InsertID(ctx, tx, insert, slug, slug, db.Now())
						}
						if err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*50), "µs/insert")
		})
	}
}
