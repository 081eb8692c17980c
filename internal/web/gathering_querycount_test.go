package web_test

import (
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestGatheringPagesQueryCounts pins the statements a gathering's page and
// a conference's programme cost each reader once the kept parts are warm:
// on PostgreSQL each is a round trip (issue 11's 50% of the reference).
func TestGatheringPagesQueryCounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := smallConference(t, d)
		readers := []struct {
			name string
			c    *apptest.Client
		}{{"visitor", f.e.Visitor()}, {"member", f.e.As("mia")}, {"steward", f.e.As("sam")}}
		want := map[string]map[string]int64{
			"visitor": {"page": 2, "programme": 2},
			"member":  {"page": 3, "programme": 2},
			"steward": {"page": 4, "programme": 2},
		}
		for _, r := range readers {
			for page, path := range map[string]string{"page": f.g, "programme": f.g + "/programme"} {
				n := leastQueries(t, d, r.c, path)
				t.Logf("GET %s as a %s: %d queries", path, r.name, n)
				if n != want[r.name][page] {
					t.Errorf("GET %s as a %s ran %d queries, want %d", path, r.name, n, want[r.name][page])
				}
			}
		}
	})
}
