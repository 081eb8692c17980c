package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A member's home names the next dates of all their communities, and
// /gatherings lists them all a page at a time, soonest first; nothing of a
// community they are not in, nothing past.
func TestYourGatheringsAcrossCommunities(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		ann := e.Person("ann")
		e.Community(stew, "bread", community.Public, community.Open)
		e.Community(stew, "secret", community.Private, community.Invite)
		e.Community(stew, "other", community.Public, community.Open)
		e.SetMembership("bread", ann, community.RoleMember, community.ActiveMember)
		e.SetMembership("secret", ann, community.RoleMember, community.ActiveMember)
		s, a := e.As("stew"), e.As("ann")
		scheduleOne(t, d, s, "secret", "Secret supper", 2)
		scheduleOne(t, d, s, "bread", "Sourdough night", 1)
		scheduleOne(t, d, s, "other", "Not ann's tasting", 1)
		scheduleOne(t, d, s, "bread", "Last week's bake", -7)
		day := time.Now().AddDate(0, 0, 3)
		res := s.Post("/c/bread/gatherings/new", form("title", "Weekly rye", "zone", "UTC", "date", day.Format(time.DateOnly),
			"start_time", "09:00", "end_time", "10:00", "place", "Kitchen", "repeat", "weekly", "days", "0", "days", "1", "days", "2",
			"days", "3", "days", "4", "days", "5", "days", "6", "interval", "1", "ends", "count", "count", "25"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("series: %d\n%s", res.Status, res.Body)
		}

		home := a.Get("/").Body
		_, coming, ok := strings.Cut(home, `id="coming-h"`)
		if !ok {
			t.Fatalf("the home page has no Coming up:\n%s", home)
		}
		coming, _, _ = strings.Cut(coming, "</section>")
		first, second := strings.Index(coming, "Sourdough night"), strings.Index(coming, "Secret supper")
		if first < 0 || second < first || strings.Count(coming, "<li>") != 3 || !strings.Contains(coming, "All your gatherings") {
			t.Errorf("Coming up:\n%s", coming)
		}

		titles := regexp.MustCompile(`<h2 class="card-title"><a href="[^"]+">([^<]+)</a>`)
		page := a.Get("/gatherings")
		got := titles.FindAllStringSubmatch(page.Body, -1)
		if page.Status != http.StatusOK || len(got) != 20 || got[0][1] != "Sourdough night" || got[1][1] != "Secret supper" {
			t.Fatalf("first page: %d, %d items: %v", page.Status, len(got), got)
		}
		if strings.Contains(page.Body, "Not ann&#39;s tasting") || strings.Contains(page.Body, "Last week") {
			t.Error("a gathering of another community or a past one is listed")
		}
		next := regexp.MustCompile(`href="(/gatherings\?after=\d+)" rel="next"`).FindStringSubmatch(page.Body)
		if next == nil {
			t.Fatal("no next page")
		}
		rest := titles.FindAllStringSubmatch(a.Get(strings.ReplaceAll(next[1], "&amp;", "&")).Body, -1)
		if len(rest) != 7 { // 2 one-offs and 25 dates of the series, 20 a page
			t.Errorf("second page: %d items", len(rest))
		}
		if r := e.Visitor().Get("/gatherings"); r.Status != http.StatusSeeOther {
			t.Errorf("a visitor's /gatherings: %d", r.Status)
		}
		// The month across communities names each date's community.
		month := a.Get("/gatherings/month?month=" + time.Now().AddDate(0, 0, 2).Format("2006-01"))
		if month.Status != http.StatusOK || !strings.Contains(month.Body, "Secret supper</a> <span class=\"meta\">· Community secret</span>") ||
			strings.Contains(month.Body, "Not ann&#39;s tasting") {
			t.Errorf("the month across communities: %d\n%s", month.Status, month.Body)
		}
		if r := e.Visitor().Get("/gatherings/month"); r.Status != http.StatusSeeOther {
			t.Errorf("a visitor's month: %d", r.Status)
		}
		if r := a.Get("/gatherings/month?month=nonsense"); r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("a bad month: %d", r.Status)
		}
	})
}
