package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestMainPagesRender(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Community(steward, "bread", community.Public, community.Open)
		admin := e.As("admin")
		for _, path := range []string{"/", "/communities", "/c/bread", "/c/bread/charter", "/c/bread/members", "/people", "/people/sam",
			"/account", "/admin", "/admin/departments", "/admin/people", "/admin/proposals", "/admin/outbox", "/communities/new"} {
			res := admin.Get(path)
			if res.Status != http.StatusOK {
				t.Errorf("GET %s = %d\n%s", path, res.Status, res.Body)
			}
			uniqueIDs(t, "GET "+path, res.Body)
		}
		sam := e.As("sam")
		for _, path := range []string{"/c/bread/settings", "/c/bread/members", "/account"} {
			res := sam.Get(path)
			if res.Status != http.StatusOK {
				t.Errorf("steward GET %s = %d", path, res.Status)
			}
			uniqueIDs(t, "steward GET "+path, res.Body)
		}
		if res := sam.Get("/c/bread/settings"); !strings.Contains(res.Body, "Save the charter") {
			t.Errorf("steward settings = %d", res.Status)
		}
		v := e.Visitor()
		for _, path := range []string{"/", "/communities", "/c/bread", "/signin", "/signup", "/reset"} {
			res := v.Get(path)
			if res.Status != http.StatusOK {
				t.Errorf("visitor GET %s = %d\n%s", path, res.Status, res.Body)
			}
			uniqueIDs(t, "visitor GET "+path, res.Body)
		}
	})
}
