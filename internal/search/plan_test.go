package search

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestCommentQueriesLookUpByID: reading comments by id looks each id up by
// the primary key on both engines, never walking an index of all posts
// (before: SQLite walked posts_subject over every post about an entry, 57%
// of the search benchmark's CPU at 100,000 entries).
func TestCommentQueriesLookUpByID(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		args, in := idArgs([]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
		for name, q := range map[string]string{"load": loadCommentsSQL(in), "show": showCommentsSQL(in)} {
			plan := explainPlan(t, d, q, args)
			if d.Dialect == db.SQLite && (!strings.Contains(plan, "SEARCH cm USING INTEGER PRIMARY KEY") || strings.Contains(plan, "posts_subject")) {
				t.Errorf("%s: posts are not looked up by id:\n%s", name, plan)
			}
			if d.Dialect == db.Postgres && strings.Contains(plan, "posts_subject") {
				t.Errorf("%s: posts are not looked up by id:\n%s", name, plan)
			}
		}
	})
}

// explainPlan is the plan of query, one node a line.
func explainPlan(t *testing.T, d *db.DB, query string, args []any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if d.Dialect == db.Postgres {
		prefix = "EXPLAIN "
	}
	rows, err := d.QueryContext(context.Background(), prefix+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
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
		switch v := vals[len(vals)-1].(type) {
		case string:
			lines = append(lines, v)
		case []byte:
			lines = append(lines, string(v))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
