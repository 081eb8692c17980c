package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestQueryCountDoesNotGrow proves that the main pages of a signed-in member
// run the same number of queries whatever the number of communities, members,
// activities and notifications: no page loads something per row it shows.
func TestQueryCountDoesNotGrow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Person("mia")
		e.Community(steward, "bread", community.Public, community.Open)
		e.Community(steward, "cheese", community.Institution, community.Request)
		e.Community(steward, "cider", community.Private, community.Invite)
		for _, slug := range []string{"bread", "cheese", "cider"} {
			e.SetMembership(slug, e.Actor("mia"), community.RoleMember, community.ActiveMember)
		}
		mia := e.As("mia")
		pages := []string{"/communities", "/c/bread", "/c/bread/members", "/", "/notifications", "/people/sam"}
		// Mia watches bread: what happens there reaches her notifications.
		if res := mia.Post("/c/bread/watch", url.Values{"state": {"watching"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("watch: %d", res.Status)
		}
		news := func(n int) {
			t.Helper()
			for i := range n {
				res := e.As("sam").Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {fmt.Sprintf("News %d-%d", n, i)},
					"summary": {"What happened."}, "action": {"publish"}})
				if res.Status != http.StatusSeeOther {
					t.Fatalf("publish: %d", res.Status)
				}
			}
			if _, err := e.Worker.RunDue(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		news(2)

		count := func(path string) int64 { return leastQueries(t, d, mia, path) }
		few := map[string]int64{}
		for _, p := range pages {
			few[p] = count(p)
		}

		// Many more communities (with tags, several visibilities, the member
		// in most of them) and many more members.
		visibilities := []community.Visibility{community.Public, community.Institution, community.Private}
		for i := range 40 {
			slug := fmt.Sprintf("extra-%02d", i)
			e.Community(steward, slug, visibilities[i%3], community.Open)
			if i%4 != 0 {
				e.SetMembership(slug, e.Actor("mia"), community.RoleMember, community.ActiveMember)
			}
		}
		// Sam writes in a dozen of them: his profile's "Wrote" asks the
		// policy of every community at once.
		for i := range 12 {
			res := e.As("sam").Post(fmt.Sprintf("/c/extra-%02d/practice/new", i), url.Values{"kind": {"story"},
				"title": {fmt.Sprintf("Elsewhere %d", i)}, "summary": {"What happened."}, "action": {"publish"}})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("publish in extra-%02d: %d", i, res.Status)
			}
		}
		for i := range 60 {
			p := e.Person(fmt.Sprintf("person-%02d", i))
			e.SetMembership("bread", p, community.RoleMember, community.ActiveMember)
			e.SetMembership(fmt.Sprintf("extra-%02d", i%40), p, community.RoleMember, community.ActiveMember)
		}

		news(40) // many more activities and notifications, more than a page of them
		for _, p := range pages {
			many := count(p)
			t.Logf("GET %-17s %d queries with 3 communities and 3 people, %d with 43 and 63", p, few[p], many)
			if many != few[p] {
				t.Errorf("GET %s ran %d queries with a few communities and members, %d with many: a query per row", p, few[p], many)
			}
		}
	})
}

// leastQueries is how many queries GET path runs for c: once to warm the
// caches (instance settings, the session, the directory), then measured
// three times, keeping the least: a cache that expires between two requests
// on a slow machine (the session is trusted for two seconds) is not a query
// per row.
func leastQueries(t *testing.T, d *db.DB, c *apptest.Client, path string) int64 {
	t.Helper()
	c.Get(path)
	least := int64(-1)
	for range 3 {
		before := d.QueryCount()
		res := c.Get(path)
		n := d.QueryCount() - before
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s = %d\n%s", path, res.Status, res.Body)
		}
		if least < 0 || n < least {
			least = n
		}
	}
	return least
}
