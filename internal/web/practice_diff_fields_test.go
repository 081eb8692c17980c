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

// A change of kind or tags alone shows on the diff page, by the form's labels.
func TestDiffPageShowsAChangeOfKindAndTags(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam := e.As("sam")
		form := url.Values{"kind": {"lesson"}, "title": {"Cold proofing"}, "summary": {"Slow dough."},
			"body": {"It rose overnight."}, "tags": {"dough"}, "action": {"publish"}}
		res := sam.Post("/c/bread/practice/new", form)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish = %d\n%s", res.Status, res.Body)
		}
		entry := res.Location
		form.Set("kind", "practice")
		form.Set("tags", "dough, cold")
		form.Set("base_revision", "1")
		form.Set("action", "save")
		if res = sam.Post(entry+"/edit", form); res.Status != http.StatusSeeOther {
			t.Fatalf("save = %d\n%s", res.Status, res.Body)
		}
		res = e.Visitor().Get(entry + "/diff?from=1&to=2")
		for _, want := range []string{"<h3>Kind</h3>", "<del>Lesson learned</del><ins>Practice</ins>", "<h3>Tags</h3>", "<ins>cold, </ins>dough"} {
			if res.Status != http.StatusOK || !strings.Contains(res.Body, want) {
				t.Fatalf("diff page = %d, lacks %q\n%s", res.Status, want, res.Body)
			}
		}
		if strings.Contains(res.Body, "are the same") || strings.Contains(res.Body, "<h3>Text</h3>") {
			t.Errorf("the diff page says nothing changed or shows an unchanged text\n%s", res.Body)
		}
	})
}
