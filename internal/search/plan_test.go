package search

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/auth"
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

// TestEntryCardsCountShownComments: a hit's count of its entry's comments
// reads the index of shown comments alone, never a comment's wide row.
func TestEntryCardsCountShownComments(t *testing.T) {
	d := dbtest.SQLite(t)
	args, in := idArgs([]int64{1, 2, 3})
	if plan := explainPlan(t, d, showEntriesSQL(in), args); !strings.Contains(plan, "USING COVERING INDEX posts_shown") {
		t.Errorf("comments are not counted on posts_shown:\n%s", plan)
	}
}

// TestEntryRescopesItsCommentsByKey: indexing an entry finds its comments'
// documents by their keys, never reading every comment's row (it did, 0.7 ms
// for each entry published beside 3,000 comments).
func TestEntryRescopesItsCommentsByKey(t *testing.T) {
	d := dbtest.SQLite(t)
	plan := explainPlan(t, d, rescopeCommentsSQL(), []any{int64(1)})
	if !strings.Contains(plan, "SEARCH search_docs USING INTEGER PRIMARY KEY") || strings.Contains(plan, "SCAN search_docs") {
		t.Errorf("comments' documents are not looked up by key:\n%s", plan)
	}
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

// TestListReadingStops: a posting list is read along its primary key,
// backwards, with no sort, each document looked up by its key, so LIMIT
// stops the reading whatever the list's length (SQLite; PostgreSQL plans
// tables this small by sequential scans, so only that it runs is checked).
func TestListReadingStops(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := &filter{args: []any{nil}, readable: "1, 2", stewards: "NULL", scope: true}
		where := f.restrict(auth.Actor{PersonID: 1}, Query{Text: "bread"})
		args := append([]any{"bread"}, f.args[1:]...)
		plan := explainPlan(t, d, listSQL(where, len(f.args), true, 64), append(args, 500, int64(1000)))
		if d.Dialect == db.SQLite && (!strings.Contains(plan, "SEARCH s USING PRIMARY KEY (term=? AND") ||
			strings.Contains(plan, "TEMP B-TREE")) {
			t.Errorf("the list is not read in order along its key:\n%s", plan)
		}
	})
}
