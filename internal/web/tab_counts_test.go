package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestTabsShowCounts: a community's tabs count the library's entries past
// draft, the talk's threads and the members, and a new entry or thread
// moves them at once (the header's cache keys on the counts); the counts
// come with the community's own query, so a page costs no more queries.
func TestTabsShowCounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Person("mia"), community.RoleMember, community.ActiveMember)
		sam := e.As("sam")
		ppEntry(t, sam, "bread", "Starter care")
		if res := sam.Post("/c/bread/practice/new", url.Values{"kind": {"practice"}, "title": {"Unfinished"}, "summary": {"Later."},
			"body": {"Draft."}, "action": {"draft"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("draft: %d\n%s", res.Status, res.Body)
		}
		queries := func() int64 {
			before := d.QueryCount()
			wantStatus(t, "home", e.As("mia").Get("/c/bread"), http.StatusOK)
			return d.QueryCount() - before
		}
		e.As("mia").Get("/c/bread") // warm the cached settings
		first := queries()
		contains(t, "tabs", e.As("mia").Get("/c/bread").Body,
			`Practice <span class="tab-count">1<span class="sr"> entries</span>`,
			`Talk <span class="tab-count">0<span class="sr"> threads</span>`,
			`Members <span class="tab-count">2</span>`)

		for _, title := range []string{"Why does my crust crack?", "Rye ratios"} {
			res := sam.Post("/c/bread/talk/new", url.Values{"kind": {"question"}, "title": {title}, "body": {"Tell me."}})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("new thread: %d\n%s", res.Status, res.Body)
			}
		}
		ppEntry(t, sam, "bread", "Shaping")
		contains(t, "tabs after", e.As("mia").Get("/c/bread").Body,
			`Practice <span class="tab-count">2<span class="sr"> entries</span>`,
			`Talk <span class="tab-count">2<span class="sr"> threads</span>`)
		if n := queries(); n != first {
			t.Errorf("the community's home ran %d queries, then %d with more entries and threads", first, n)
		}
	})
}
