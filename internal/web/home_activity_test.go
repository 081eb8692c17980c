package web_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/web"
)

// A steward sees a request to join on their home page, and approves it
// there; the new member then shows in the community's recent activity and
// its public activity feed.
func TestStewardApprovesFromHomeAndActivityShows(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Request)
		e.Person("mia")
		if res := e.As("mia").Post("/c/bread/join", url.Values{"message": {"I bake <b>rye</b>."}}); res.Status != http.StatusSeeOther {
			t.Fatalf("ask to join: %d", res.Status)
		}
		home := e.As("sam").Get("/").Body
		for _, want := range []string{"Waiting for you as steward", "asks to join", "I bake &lt;b&gt;rye&lt;/b&gt;.", `action="/c/bread/members/mia/approve"`} {
			if !strings.Contains(home, want) {
				t.Fatalf("steward's home lacks %q", want)
			}
		}
		if strings.Contains(e.As("mia").Get("/").Body, "Waiting for you as steward") {
			t.Fatal("a non-steward sees the to-do panel")
		}
		res := e.As("sam").Post("/c/bread/members/mia/approve", url.Values{"next": {"/"}})
		if res.Status != http.StatusSeeOther || res.Location != "/" {
			t.Fatalf("approve from home: %d %q", res.Status, res.Location)
		}
		if strings.Contains(e.As("sam").Get("/").Body, "Waiting for you as steward") {
			t.Fatal("the request still waits after approval")
		}
		page := e.Visitor().Get("/c/bread").Body
		if !strings.Contains(page, "Recent in this community") || !strings.Contains(page, "joined") {
			t.Fatalf("the community's home shows no recent activity")
		}
		res = e.Visitor().Get("/c/bread/activity.atom")
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("activity feed: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		var f web.AtomFeed
		if err := xml.Unmarshal([]byte(res.Body), &f); err != nil {
			t.Fatal(err)
		}
		if len(f.Entries) < 2 || !strings.Contains(f.Entries[0].Title.Text, "joined") {
			t.Fatalf("feed entries %+v", f.Entries)
		}
		for _, en := range f.Entries {
			if strings.Contains(en.Title.Text, "asks to join") {
				t.Fatal("the feed shows a request meant for stewards")
			}
		}
	})
}

func TestActivityFeedOnlyForPublicCommunities(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "inst", community.Institution, community.Open)
		e.Community(sam, "priv", community.Private, community.Invite)
		for _, slug := range []string{"inst", "priv", "nowhere"} {
			if res := e.As("sam").Get("/c/" + slug + "/activity.atom"); res.Status != http.StatusNotFound {
				t.Errorf("%s: %d, want 404 even to its steward", slug, res.Status)
			}
		}
	})
}

func TestWatchAndMuteACommunity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "priv", community.Private, community.Invite)
		e.Person("mia")
		mia := e.As("mia")
		if res := mia.Post("/c/priv/watch", url.Values{"state": {"watching"}}); res.Status != http.StatusNotFound {
			t.Fatalf("watching a private community from outside: %d", res.Status)
		}
		mia.Post("/c/bread/join", nil)
		if res := mia.Post("/c/bread/watch", url.Values{"state": {"sideways"}}); res.Status == http.StatusSeeOther && strings.Contains(mia.Get("/c/bread").Body, "You watch this community") {
			t.Fatal("an unknown state was saved")
		}
		mia.Post("/c/bread/watch", url.Values{"state": {"watching"}})
		if !strings.Contains(mia.Get("/c/bread").Body, "You watch this community") {
			t.Fatal("watching is not shown")
		}
		// Sam publishes: Mia, watching the community, is told.
		res := e.As("sam").Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Rye at altitude"},
			"summary": {"What happened."}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.Status)
		}
		if _, err := e.Worker.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		if page := mia.Get("/notifications").Body; !strings.Contains(page, "Rye at altitude") || !strings.Contains(page, "you watch this community") {
			t.Fatal("the watcher was not told")
		}
		mia.Post("/c/bread/watch", url.Values{"state": {"muted"}})
		if !strings.Contains(mia.Get("/c/bread").Body, "You muted this community") {
			t.Fatal("muting is not shown")
		}
	})
}
