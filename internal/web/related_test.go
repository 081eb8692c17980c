package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// An entry page's side column suggests entries on the same tags and shows
// the Start here path the entry is on; library cards and search results
// count comments.
func TestEntrySideColumnAndCardCounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		as, visitor := e.As("sam"), e.Visitor()
		publish := func(title, tags string) string {
			t.Helper()
			res := as.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {title}, "summary": {"About " + title + "."},
				"tags": {tags}, "action": {"publish"}})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("publish %q: %d\n%s", title, res.Status, res.Body)
			}
			return strings.SplitN(res.Location, "?", 2)[0]
		}
		rye := publish("Rye starters", "rye, starter")
		publish("Feeding a starter", "starter")
		publish("Croissants", "butter")
		page := visitor.Get(rye).Body
		if !strings.Contains(page, `id="related-h"`) || !strings.Contains(page, "Feeding a starter") || strings.Contains(page, "Croissants") {
			t.Errorf("the side column does not suggest the entry on the same tag (and only it)")
		}
		if strings.Contains(page, `id="start-here-h"`) {
			t.Error("an entry off the Start here path shows the path")
		}
		slug := rye[strings.LastIndex(rye, "/")+1:]
		if res := as.Post("/c/bread/collections/start-here", url.Values{"entry": {slug}, "back": {rye}}); res.Status != http.StatusSeeOther {
			t.Fatalf("add to start here: %d", res.Status)
		}
		if page := visitor.Get(rye).Body; !strings.Contains(page, `id="start-here-h"`) || !strings.Contains(page, "1 of 1") {
			t.Error("a visitor does not see that the entry is on the Start here path")
		}

		for _, body := range []string{"Mine took a week.", "Use warm water."} {
			if res := as.Post(rye+"/comments", url.Values{"body": {body}}); res.Status != http.StatusSeeOther {
				t.Fatalf("comment: %d", res.Status)
			}
		}
		if _, err := e.Worker.RunDue(t.Context()); err != nil { // the search index follows the comments
			t.Fatal(err)
		}
		if lib := visitor.Get("/c/bread/practice").Body; !strings.Contains(lib, "2 comments") {
			t.Error("the library card does not count the comments")
		}
		if res := visitor.Get("/search?q=rye+starters&kind=lesson"); !strings.Contains(res.Body, "2 comments") || !strings.Contains(res.Body, "By Sam Tester ·") {
			t.Errorf("the search result does not name its author and count the comments:\n%s", res.Body)
		}
	})
}

// An entry page names the community's threads on its tags, those sharing
// most tags first, and none of another community's.
func TestEntrySuggestsTalkOnTheSameTags(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "secret", community.Private, community.Invite)
		as, visitor := e.As("sam"), e.Visitor()
		talk := func(slug, kind, title, tags string) {
			t.Helper()
			res := as.Post("/c/"+slug+"/talk/new", url.Values{"kind": {kind}, "title": {title}, "body": {"About " + title + "."},
				"tags": {tags}, "ask": {"anyway"}})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("start %q: %d\n%s", title, res.Status, res.Body)
			}
		}
		talk("bread", "question", "Why is my rye starter sour?", "rye, starter")
		talk("bread", "discussion", "Starters we have known", "starter")
		talk("bread", "discussion", "Butter temperatures", "butter")
		talk("secret", "discussion", "A secret starter", "starter")
		res := as.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {"Rye starters"}, "summary": {"About rye."},
			"tags": {"rye, starter"}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", res.Status, res.Body)
		}
		page := visitor.Get(strings.SplitN(res.Location, "?", 2)[0]).Body
		_, side, ok := strings.Cut(page, `id="talk-related-h"`)
		if !ok {
			t.Fatalf("the entry page names no thread on its tags:\n%s", page)
		}
		rye, known := strings.Index(side, "Why is my rye starter sour?"), strings.Index(side, "Starters we have known")
		if rye < 0 || known < 0 || rye > known {
			t.Errorf("want the question sharing two tags, then the discussion sharing one:\n%s", side)
		}
		if strings.Contains(side, "Butter temperatures") || strings.Contains(side, "A secret starter") {
			t.Errorf("a thread on other tags or of another community is suggested:\n%s", side)
		}
	})
}
