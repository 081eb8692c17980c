package web_test

import (
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestHomeNewsShowsEntriesSharedInMyCommunities: a member's home tells them
// what was shared in their communities' libraries, and nothing from others.
func TestHomeNewsShowsEntriesSharedInMyCommunities(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "cheese", community.Public, community.Open)
		mia := e.Person("mia")
		e.SetMembership("bread", mia, community.RoleMember, community.ActiveMember)
		publish := func(slug, title string) {
			t.Helper()
			res := e.As("sam").Post("/c/"+slug+"/practice/new", url.Values{"kind": {"story"}, "title": {title},
				"summary": {"What happened."}, "action": {"publish"}})
			if res.Status != 303 {
				t.Fatalf("publish in %s = %d\n%s", slug, res.Status, res.Body)
			}
		}
		publish("bread", "The starter that survived a heatwave")
		publish("cheese", "A brine too salty")
		home := e.As("mia").Get("/").Body
		if !strings.Contains(home, "published\n<a href=\"/c/bread/practice/the-starter-that-survived-a-heatwave\">The starter that survived a heatwave</a>") {
			t.Errorf("home lacks the entry shared in her community\n%s", home)
		}
		if strings.Contains(home, "A brine too salty") {
			t.Error("home shows an entry from a community she is not in")
		}
	})
}
