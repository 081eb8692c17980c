package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestGatheringPagesQueryCounts pins the statements a gathering's page and
// a conference's programme cost each reader once the kept parts are warm:
// on PostgreSQL each is a round trip (issue 11's 50% of the reference). A
// one-off's page reads everything it shows with the gathering; a series'
// page reads its other dates in one more.
func TestGatheringPagesQueryCounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := smallConference(t, d)
		day := time.Now().AddDate(0, 0, 7)
		res := f.e.As("sam").Post("/c/eng/gatherings/new", form("title", "Weekly", "zone", "UTC", "date", day.Format(time.DateOnly), "start_time", "18:00",
			"end_time", "19:00", "place", "Hall", "repeat", "weekly", "days", fmt.Sprint(int(day.Weekday())), "ends", "count", "count", "3"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("schedule: %d", res.Status)
		}
		series := res.Location
		var sid int
		fmt.Sscan(strings.TrimPrefix(series, "/c/eng/gatherings/"), &sid)
		last := count(t, d, "SELECT MAX(id) FROM gathering_occurrences WHERE gathering_id = $1", sid)
		readers := []struct {
			name string
			c    *apptest.Client
		}{{"visitor", f.e.Visitor()}, {"member", f.e.As("mia")}, {"steward", f.e.As("sam")}}
		pages := map[string]string{"page": f.g, "programme": f.g + "/programme", "series": series, "last date": fmt.Sprintf("%s/o/%d", series, last)}
		want := map[string]map[string]int64{
			"visitor": {"page": 1, "programme": 1, "series": 2, "last date": 2},
			"member":  {"page": 2, "programme": 1, "series": 3, "last date": 3},
			"steward": {"page": 3, "programme": 1, "series": 4, "last date": 4},
		}
		for _, r := range readers {
			for page, path := range pages {
				n := leastQueries(t, d, r.c, path)
				t.Logf("GET %s (%s) as a %s: %d queries", path, page, r.name, n)
				if n != want[r.name][page] {
					t.Errorf("GET %s (%s) as a %s ran %d queries, want %d", path, page, r.name, n, want[r.name][page])
				}
			}
		}
		// The series' page lists its two other dates.
		v := f.e.Visitor()
		if body := v.Get(series).Body; strings.Count(body, series+"/o/") < 2 {
			t.Errorf("the series' page does not list its other dates:\n%s", body)
		}
		if res := v.Get(fmt.Sprintf("%s/o/%d", series, last+1000)); res.Status != http.StatusNotFound {
			t.Errorf("a missing date: %d, want 404", res.Status)
		}
		if res := v.Get(fmt.Sprintf("/c/eng/gatherings/%d", sid+1000)); res.Status != http.StatusNotFound {
			t.Errorf("a missing gathering: %d, want 404", res.Status)
		}
	})
}
