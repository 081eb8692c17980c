package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestPracticeJourneyOverHTTP walks the library's pages: write from a kind's
// template, preview, publish, improve, read the diff, revert, comment,
// endorse and add to Start here.
func TestPracticeJourneyOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Community(steward, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Person("mia"), community.RoleMember, community.ActiveMember)
		sam, mia := e.As("sam"), e.As("mia")

		res := mia.Get("/c/bread/practice/new?kind=lesson")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "## What we would do next time") {
			t.Fatalf("new lesson form = %d, want the lesson template\n%s", res.Status, res.Body)
		}
		form := url.Values{"kind": {"lesson"}, "title": {"Proofing in a cold kitchen"}, "summary": {"Dough rises slowly below 20°C."},
			"body": {"## The situation\n\nThe kitchen was **cold**."}, "tags": {"dough, temperature"}}
		form.Set("action", "preview")
		if res = mia.Post("/c/bread/practice/new", form); res.Status != http.StatusOK || !strings.Contains(res.Body, "<strong>cold</strong>") {
			t.Fatalf("preview = %d, want the rendered body\n%s", res.Status, res.Body)
		}
		form.Set("action", "publish")
		if res = mia.Post("/c/bread/practice/new", form); res.Status != http.StatusSeeOther {
			t.Fatalf("publish = %d\n%s", res.Status, res.Body)
		}
		entry := res.Location
		if res = e.Visitor().Get(entry); res.Status != http.StatusOK || !strings.Contains(res.Body, "Proofing in a cold kitchen") {
			t.Fatalf("visitor reads %s = %d", entry, res.Status)
		}
		// Sam improves it, Mia reads the diff and reverts.
		edit := url.Values{"kind": {"lesson"}, "title": {"Proofing in a cold kitchen"}, "summary": {"Dough rises slowly below 20°C."},
			"body": {"## The situation\n\nThe kitchen was **freezing**."}, "base_revision": {"1"}, "note": {"warmer words"}, "action": {"save"}}
		if res = sam.Post(entry+"/edit", edit); res.Status != http.StatusSeeOther {
			t.Fatalf("improve = %d\n%s", res.Status, res.Body)
		}
		if res = mia.Get(entry + "/diff?from=1&to=2"); res.Status != http.StatusOK || !strings.Contains(res.Body, "<del>cold</del>") || !strings.Contains(res.Body, "<ins>freezing</ins>") {
			t.Fatalf("diff = %d\n%s", res.Status, res.Body)
		}
		// A stale edit (from revision 1) is a conflict that keeps the text.
		edit.Set("body", "My own words")
		if res = mia.Post(entry+"/edit", edit); res.Status != http.StatusConflict || !strings.Contains(res.Body, "My own words") {
			t.Fatalf("conflicting edit = %d, want 409 keeping the text\n%s", res.Status, res.Body)
		}
		if res = mia.Post(entry+"/revert", url.Values{"revision": {"1"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("revert = %d", res.Status)
		}
		if res = mia.Get(entry + "/history"); !strings.Contains(res.Body, "Reverted to revision 1") {
			t.Fatalf("history lacks the revert\n%s", res.Body)
		}
		sam.Post(entry+"/comments", url.Values{"body": {"Try the *oven light* trick."}})
		sam.Post(entry+"/maturity", url.Values{"maturity": {"endorsed"}})
		sam.Post("/c/bread/collections/start-here", url.Values{"entry": {strings.TrimPrefix(entry, "/c/bread/practice/")}})
		res = e.As("admin").Get(entry)
		for _, want := range []string{"<em>oven light</em>", "Endorsed"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("entry page lacks %q", want)
			}
		}
		if res = e.Visitor().Get("/c/bread/practice"); !strings.Contains(res.Body, "Start here") || !strings.Contains(res.Body, "Proofing in a cold kitchen") {
			t.Errorf("library lacks Start here with the entry\n%s", res.Body)
		}
		var views int
		if err := d.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM revisions WHERE subject_type = 'entry'").Scan(&views); err != nil || views != 3 {
			t.Errorf("revisions = %d (%v), want 3", views, err)
		}
	})
}
