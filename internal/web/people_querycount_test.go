package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// keptPageQueries are the queries of the people pages kept under versions,
// read again by a signed-in member.
var keptPageQueries = map[string]int64{"/people": 1, "/experts?topic=sourdough": 1, "/experts?topic=sourdough&department=wards": 1}

// TestPeoplePagesQueryCountDoesNotGrow: /people (with "people to meet"),
// /experts?topic= and a profile (with expertise, endorsements, communities,
// entries and answers) run the same queries with a few people, endorsements
// and contributions as with many.
func TestPeoplePagesQueryCountDoesNotGrow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Person("mia")
		e.Community(sam, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("mia"), community.RoleMember, community.ActiveMember)
		if _, err := d.ExecContext(ctx, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1), ('Wards', 'wards', $1)", db.Now()); err != nil {
			t.Fatal(err)
		}
		mia := e.As("mia")
		mia.Post("/account/profile", form("name", "Mia", "department", "1", "interests", "sourdough, cider"))
		mia.Post("/account/expertise", form("topic_0", "sourdough", "level_0", "learning"))
		samc := e.As("sam")
		samc.Post("/account/expertise", form("topic_0", "sourdough", "level_0", "expert", "topic_1", "rye", "level_1", "practising"))
		pages := []string{"/people", "/experts?topic=sourdough", "/experts?topic=sourdough&department=wards", "/experts?topic=sourdough&department=wards&community=bread", "/people/sam",
			"/people?topic=sourdough&level=expert&community=bread"}
		grow := func(from, n int) {
			t.Helper()
			for i := from; i < from+n; i++ {
				h := fmt.Sprintf("p%02d", i)
				e.Person(h)
				e.SetMembership("bread", e.Actor(h), community.RoleMember, community.ActiveMember)
				c := e.As(h)
				c.Post("/account/profile", form("name", "P "+h, "department", "2", "interests", "sourdough, cider"))
				c.Post("/account/expertise", form("topic_0", "sourdough", "level_0", "practising", "topic_1", "cider", "level_1", "expert"))
				if res := c.Post("/people/sam/endorse", form("topic", "sourdough", "note", "Knows it.")); res.Status != http.StatusSeeOther {
					t.Fatalf("endorse: %d", res.Status)
				}
				c.Post("/people/sam/endorse", form("topic", "rye"))
			}
			if _, err := e.Worker.RunDue(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		grow(0, 2)
		count := func(path string) int64 { return leastQueries(t, d, mia, path) }
		few := map[string]int64{}
		for _, p := range pages {
			few[p] = count(p)
		}
		if body := mia.Get("/people").Body; !strings.Contains(body, "People you may want to meet") || !strings.Contains(body, "Shares: cider, sourdough") {
			t.Errorf("mia is not suggested the people of the wards who share her interests:\n%s", body)
		}
		grow(2, 30)
		for _, p := range pages {
			many := count(p)
			t.Logf("GET %s: %d queries with 2 more people, %d with 32", p, few[p], many)
			if many != few[p] {
				t.Errorf("GET %s ran %d queries with a few people, %d with many: a query per row", p, few[p], many)
			}
			// A kept page is one round trip: the versions, with the unread
			// count and the directory version the filters are kept under.
			if want, ok := keptPageQueries[p]; ok && many != want {
				t.Errorf("GET %s read again ran %d queries, want %d", p, many, want)
			}
		}
	})
}
