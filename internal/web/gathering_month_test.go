package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A community's month calendar shows each date on its day at the reader's
// clock, in weeks from Monday, moves between months, refuses a month it
// cannot read, and is hidden with the community.
func TestGatheringMonthCalendar(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		e.Community(stew, "secret", community.Private, community.Invite)
		s := e.As("stew")
		scheduleOne(t, d, s, "bread", "Sourdough night", 3)
		scheduleOne(t, d, s, "bread", "Far tasting", 70)
		scheduleOne(t, d, s, "secret", "Hidden supper", 3)

		// scheduleOne sets 18:00 in Europe/Paris; a visitor reads UTC.
		day := time.Now().AddDate(0, 0, 3)
		month := "/c/bread/gatherings/month?month=" + day.Format("2006-01")
		res := e.Visitor().Get(month)
		if res.Status != http.StatusOK {
			t.Fatalf("month: %d\n%s", res.Status, res.Body)
		}
		body := res.Body
		if !strings.Contains(body, "Sourdough night") || strings.Contains(body, "Far tasting") || strings.Contains(body, "Hidden supper") {
			t.Errorf("the month shows the wrong gatherings:\n%s", body)
		}
		paris, _ := time.LoadLocation("Europe/Paris")
		start := time.Date(day.Year(), day.Month(), day.Day(), 18, 0, 0, 0, paris).UTC()
		_, cell, _ := strings.Cut(body, `<span class="wide-sr">`+start.Format("Monday")+` </span>`+start.Format("2")+`<span class="wide-sr"> `+start.Format("January"))
		cell, _, _ = strings.Cut(cell, "</td>")
		if !strings.Contains(cell, start.Format("15:04")+`</span> Sourdough night`) {
			t.Errorf("the gathering is not on its day at the reader's time %s: %q", start.Format("15:04"), cell)
		}
		if n := strings.Count(body, "<tr>"); n < 5 || n > 7 { // a header and 4 to 6 weeks
			t.Errorf("%d rows", n)
		}
		if !strings.Contains(body, `<th scope="col"><abbr title="Monday">Mon</abbr></th>`) {
			t.Error("weeks do not start on Monday")
		}
		later := time.Now().AddDate(0, 0, 70).Format("2006-01")
		if r := e.Visitor().Get("/c/bread/gatherings/month?month=" + later); !strings.Contains(r.Body, "Far tasting") {
			t.Errorf("the later month does not show its gathering")
		}
		if r := e.Visitor().Get("/c/bread/gatherings/month"); r.Status != http.StatusOK || !strings.Contains(r.Body, time.Now().UTC().Format("January 2006")) {
			t.Errorf("the default month: %d", r.Status)
		}
		for _, bad := range []string{"2026-13", "tomorrow", "1999-12", "2026-1"} {
			if r := e.Visitor().Get("/c/bread/gatherings/month?month=" + bad); r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
				t.Errorf("month %q answers %d", bad, r.Status)
			}
		}
		if r := e.Visitor().Get("/c/secret/gatherings/month"); r.Status != http.StatusNotFound {
			t.Errorf("a private community's month to a visitor: %d", r.Status)
		}
		if r := s.Get("/c/secret/gatherings/month?month=" + day.Format("2006-01")); !strings.Contains(r.Body, "Hidden supper") {
			t.Errorf("the steward does not see the private month")
		}
	})
}
