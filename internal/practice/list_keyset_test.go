package practice_test

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/benchdata"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestLibraryListUsesIndex: a library page, first or deep, walks the index
// entries_community_updated from its cursor; it neither scans the entries
// nor sorts them, so its cost does not grow with the library.
func TestLibraryListUsesIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := loadForPlans(t, d)
		cs := community.NewService(d, nil, "http://hearth.test", nil)
		reader := auth.Actor{PersonID: benchdata.Reader, Handle: "p1", Verified: true}
		v, err := cs.Get(ctx, reader, benchdata.CommunitySlug(benchdata.ReaderPublic))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []practice.Filter{{}, {Before: 1500}, {After: 700}, {Maturity: practice.Published, Before: 1500}} {
			query, args := practice.ListQuery(v, reader, f, time.Now())
			plan := explain(t, d, query, args)
			// entries_community (community, maturity, updated_at, and the id
			// every index ends with) serves a maturity filter as well.
			uses := strings.Contains(plan, "USING INDEX entries_community") || strings.Contains(plan, "using entries_community")
			scans := strings.Contains(plan, "SCAN e\n") || strings.Contains(plan, "Seq Scan on entries")
			sorts := strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") || fullSort.MatchString(plan) // an incremental sort of equal times is bounded
			if !uses || scans || sorts {
				t.Errorf("filter %+v: want a walk of an index of the community's entries, no scan, no sort; plan:\n%s", f, plan)
			}
			// Each card's count of comments reads the index of shown
			// comments alone, never a comment's row.
			if d.Dialect == db.SQLite && !strings.Contains(plan, "USING COVERING INDEX posts_shown") {
				t.Errorf("filter %+v: comments are not counted on posts_shown; plan:\n%s", f, plan)
			}
		}
	})
}

// loadForPlans writes the benchmark library of 2,000 entries into d, and
// has PostgreSQL gather its statistics, for the tests of query plans.
func loadForPlans(t *testing.T, d *db.DB) context.Context {
	t.Helper()
	ctx := context.Background()
	if err := benchdata.LoadRows(ctx, d, 2000, 0); err != nil {
		t.Fatal(err)
	}
	if d.Dialect == db.Postgres {
		if _, err := d.ExecContext(ctx, "ANALYZE"); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

// fullSort finds a PostgreSQL plan's Sort node (not an Incremental Sort).
var fullSort = regexp.MustCompile(`(?m)^\s*(->\s+)?Sort\s+\(`)

// TestLibraryListQueriesConstant: a library page, first or deep, costs the
// same number of queries with 600 entries as with 2,400.
func TestLibraryListQueriesConstant(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, _ *db.DB) {
		counts := map[int][]int64{}
		for _, size := range []int{600, 2400} {
			d := dbtest.SQLite(t)
			if strings.HasSuffix(t.Name(), "postgres") {
				d = dbtest.Postgres(t)
			}
			ctx := context.Background()
			if err := benchdata.LoadRows(ctx, d, size, 0); err != nil {
				t.Fatal(err)
			}
			cs := community.NewService(d, nil, "http://hearth.test", nil)
			svc := practice.NewService(d, cs, nil)
			reader := auth.Actor{PersonID: benchdata.Reader, Handle: "p1", Verified: true}
			slug := benchdata.CommunitySlug(benchdata.ReaderPublic)
			var before int64
			for range 2 { // the first page, then the next
				q0 := d.QueryCount()
				_, list, more, err := svc.List(ctx, reader, slug, practice.Filter{Before: before})
				if err != nil || len(list) == 0 || (before == 0 && (len(list) != practice.PageSize || !more)) {
					t.Fatalf("%d entries: %d listed, more %v, %v", size, len(list), more, err)
				}
				counts[size] = append(counts[size], d.QueryCount()-q0)
				before = list[len(list)-1].ID
			}
		}
		for i := range counts[600] {
			if counts[600][i] != counts[2400][i] {
				t.Errorf("queries per page: %v with 600 entries, %v with 2,400", counts[600], counts[2400])
				break
			}
		}
	})
}

// explain returns the plan of query, one node a line.
func explain(t *testing.T, d *db.DB, query string, args []any) string {
	t.Helper()
	return explainIn(t, d, d.Dialect, query, args)
}

// explainIn is explain through q (a transaction, with its settings) on an
// engine of dialect.
func explainIn(t *testing.T, q db.Q, dialect db.Dialect, query string, args []any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if dialect == db.Postgres {
		prefix = "EXPLAIN "
	}
	rows, err := q.QueryContext(context.Background(), prefix+query, args...)
	if err != nil {
		t.Fatal(err)
	}
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
	if err := rows.Err(); err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestRelatedUsesCommunityTagIndex: an entry page's entries on the same tags
// walk each tag's list within the community (entry_tags_community_tag), not
// the tag's list across every community with a lookup of each entry, which
// grew with the library (3.5 ms an entry page at 1,000,000 entries).
func TestRelatedUsesCommunityTagIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := loadForPlans(t, d)
		var entry, community int64
		var tags []string
		rows, err := d.QueryContext(ctx, `SELECT t.entry_id, t.community_id, t.tag FROM entry_tags t
			JOIN entries e ON e.id = t.entry_id AND e.community_id = t.community_id WHERE t.entry_id = 1000 ORDER BY t.tag`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tag string
			if err := rows.Scan(&entry, &community, &tag); err != nil {
				t.Fatal(err)
			}
			tags = append(tags, tag)
		}
		if err := rows.Close(); err != nil || len(tags) == 0 {
			t.Fatalf("entry 1000's tags with its community: %v, %v", tags, err)
		}
		query, args := practice.RelatedQuery(community, entry, tags)
		plan := explain(t, d, query, args)
		uses := strings.Contains(plan, "USING COVERING INDEX entry_tags_community_tag") || strings.Contains(plan, "using entry_tags_community_tag")
		if !uses || strings.Contains(plan, "entry_tags_tag_entry") || strings.Contains(plan, "Seq Scan on entry_tags") {
			t.Errorf("want each tag read from the community's list; plan:\n%s", plan)
		}
	})
}
