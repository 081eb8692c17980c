package people_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
)

// addPeople adds n people named "Name 1" … in one statement.
func addPeople(t *testing.T, d *db.DB, n int) {
	t.Helper()
	_, err := d.ExecContext(context.Background(), `INSERT INTO people (handle, email, name, password_hash, created_at)
		WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $1)
		SELECT 'h' || i, 'h' || i || '@example.org', 'Name ' || i, 'x', $2 FROM seq`, n, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Dialect == db.Postgres {
		if _, err := d.ExecContext(context.Background(), "ANALYZE people"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPeopleListUsesIndex: every page of the people list (the directory of
// people and the administrators' list) walks the index people_name from its
// cursor, without scanning or sorting the people.
func TestPeopleListUsesIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		addPeople(t, d, 3000)
		prefix := "EXPLAIN QUERY PLAN "
		if d.Dialect == db.Postgres {
			prefix = "EXPLAIN "
		}
		for _, at := range []people.At{{}, {After: 1200}, {Before: 1200}} {
			query, args := people.ListQuery(at, people.ListParams{Limit: people.PeoplePageSize + 1})
			rows, err := d.QueryContext(context.Background(), prefix+query, args...)
			if err != nil {
				t.Fatal(err)
			}
			plan := planOf(t, rows)
			uses := strings.Contains(plan, "USING INDEX people_name") || strings.Contains(plan, "using people_name")
			if !uses || strings.Contains(plan, "SCAN p\n") || strings.Contains(plan, "Seq Scan on people p") ||
				strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") || strings.Contains(plan, "Sort Key") {
				t.Errorf("%+v: want a walk of people_name, no scan, no sort; plan:\n%s", at, plan)
			}
		}
	})
}

// TestPeopleListQueriesConstant: a page of people is read in the same
// queries, first or deep, with 60 people as with 3,000 (the lists' versions
// and the page; the departments too, once for a version); read again, it is
// one query (the versions: the page is kept).
func TestPeopleListQueriesConstant(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		me := person(t, d, "zed", false)
		var cold, warm []int64
		for _, n := range []int{60, 2940} {
			addPeople(t, d, n)
			at := people.At{}
			for range 2 {
				var list []people.Person
				for _, counts := range []*[]int64{&cold, &warm} {
					q0 := d.QueryCount()
					var err error
					list, _, err = s.List(ctx, me, "", at)
					if err != nil || len(list) == 0 {
						t.Fatalf("%d listed, %v", len(list), err)
					}
					*counts = append(*counts, d.QueryCount()-q0)
				}
				at = people.At{After: list[len(list)-1].ID}
			}
			if _, err := d.ExecContext(ctx, "DELETE FROM people WHERE handle <> 'zed'"); err != nil {
				t.Fatal(err)
			}
		}
		if cold[0] != cold[2] || cold[1] != cold[3] || cold[0] > 3 || cold[1] > 2 {
			t.Errorf("queries per page read first: %v (60 people, then 2,940)", cold)
		}
		for _, n := range warm {
			if n != 1 {
				t.Errorf("queries per page read again: %v (60 people, then 2,940)", warm)
				break
			}
		}
	})
}

func planOf(t *testing.T, rows *sql.Rows) string {
	t.Helper()
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var s sql.NullString
		_ = s.Scan(vals[len(vals)-1])
		lines = append(lines, s.String)
	}
	return strings.Join(lines, "\n") + "\n"
}
