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

// ppEntry publishes an entry as c and returns its path.
func ppEntry(t *testing.T, c *apptest.Client, slug, title string) string {
	t.Helper()
	res := c.Post("/c/"+slug+"/practice/new", url.Values{"kind": {"practice"}, "title": {title}, "summary": {"How we do it."},
		"body": {"The original text."}, "action": {"publish"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("publish %q in %s: %d\n%s", title, slug, res.Status, res.Body)
	}
	return res.Location
}

// ppRevisions counts the revisions of every entry.
func ppRevisions(t *testing.T, d *db.DB) int {
	return count(t, d, "SELECT COUNT(*) FROM revisions WHERE subject_type = 'entry'")
}

// TestPracticePagesPermissions: a private library is 404 to outsiders and
// visitors, page by page; writing and improving in a public one sends a
// visitor to sign in; a member who may not improve an entry gets 403, and
// changes nothing by posting anyway.
func TestPracticePagesPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "open", community.Public, community.Open)
		e.Community(e.Actor("sam"), "secret", community.Private, community.Invite)
		mia, max := e.Person("mia"), e.Person("max")
		e.Person("out")
		for _, slug := range []string{"open", "secret"} {
			e.SetMembership(slug, mia, community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, max, community.RoleMember, community.ActiveMember)
		}
		miaC, maxC, outC, visitor := e.As("mia"), e.As("max"), e.As("out"), e.Visitor()
		secret := ppEntry(t, miaC, "secret", "Secret recipe")
		open := ppEntry(t, miaC, "open", "Open recipe")
		if res := e.As("sam").Post("/c/open/settings/practice", url.Values{"practice_writers": {"members"},
			"practice_editors": {"authors"}, "comments_default": {"open"}, "stale_after_days": {"365"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("practice settings: %d\n%s", res.Status, res.Body)
		}

		// A private library: nothing of it exists for those outside.
		for who, c := range map[string]*apptest.Client{"outsider": outC, "visitor": visitor} {
			for _, path := range []string{"/c/secret/practice", "/c/secret/practice/new", secret, secret + "/history",
				secret + "/diff?from=1&to=1", secret + "/edit", "/c/secret/practice?stale=1"} {
				res := c.Get(path)
				if res.Status != http.StatusNotFound || strings.Contains(res.Body, "Secret recipe") {
					t.Errorf("%s GET %s: %d, want 404 without the entry", who, path, res.Status)
				}
			}
			for _, path := range []string{secret + "/edit", secret + "/comments", secret + "/helpful", secret + "/verify", secret + "/revert"} {
				res := c.Post(path, url.Values{"body": {"Let me in."}, "title": {"Mine now"}, "summary": {"x"}, "kind": {"story"},
					"base_revision": {"1"}, "revision": {"1"}, "action": {"save"}})
				if res.Status == http.StatusOK || (res.Status == http.StatusSeeOther && !strings.HasPrefix(res.Location, "/signin")) {
					t.Errorf("%s POST %s: %d to %q, want it refused", who, path, res.Status, res.Location)
				}
			}
		}
		for _, path := range []string{"/c/secret/practice", secret, secret + "/history", secret + "/diff?from=1&to=1", secret + "/edit"} {
			if res := maxC.Get(path); res.Status != http.StatusOK {
				t.Errorf("member GET %s: %d, want 200", path, res.Status)
			}
		}

		// A public library: read by all; writing and improving need signing in.
		for _, path := range []string{"/c/open/practice", open, open + "/history", open + "/diff?from=1&to=1"} {
			if res := visitor.Get(path); res.Status != http.StatusOK {
				t.Errorf("visitor GET %s: %d, want 200", path, res.Status)
			}
		}
		wantSignin(t, "visitor GET new", visitor.Get("/c/open/practice/new"), "/c/open/practice/new")
		wantSignin(t, "visitor GET edit", visitor.Get(open+"/edit"), open+"/edit")
		if res := visitor.Get("/c/open/practice/no-such-entry"); res.Status != http.StatusNotFound {
			t.Errorf("visitor GET a missing entry: %d, want 404", res.Status)
		}

		// Signed in but not allowed: 403.
		if res := outC.Get("/c/open/practice/new"); res.Status != http.StatusForbidden {
			t.Errorf("outsider GET new: %d, want 403", res.Status)
		}
		if res := outC.Get(open + "/edit"); res.Status != http.StatusForbidden {
			t.Errorf("outsider GET edit: %d, want 403", res.Status)
		}
		if res := maxC.Get(open + "/edit"); res.Status != http.StatusForbidden {
			t.Errorf("member (not an author, editors=authors) GET edit: %d, want 403\n%s", res.Status, res.Body)
		}
		if res := miaC.Get(open + "/edit"); res.Status != http.StatusOK {
			t.Errorf("author GET edit: %d, want 200", res.Status)
		}
		before := ppRevisions(t, d)
		edit := url.Values{"kind": {"practice"}, "title": {"Open recipe"}, "summary": {"Changed."}, "body": {"Changed by max."},
			"base_revision": {"1"}, "action": {"save"}}
		if res := maxC.Post(open+"/edit", edit); res.Status != http.StatusForbidden {
			t.Errorf("member POST edit: %d, want 403", res.Status)
		}
		edit.Set("action", "preview")
		if res := maxC.Post(open+"/edit", edit); res.Status != http.StatusForbidden {
			t.Errorf("member POST edit preview: %d, want 403", res.Status)
		}
		if res := maxC.Post(open+"/revert", url.Values{"revision": {"1"}}); res.Status != http.StatusSeeOther {
			t.Errorf("member POST revert: %d, want 303 back with the reason", res.Status)
		}
		if n := ppRevisions(t, d); n != before {
			t.Errorf("revisions %d, want %d: a refused edit saved something", n, before)
		}
		if got := text(t, d, "SELECT body FROM entries WHERE slug = 'open-recipe'"); got != "The original text." {
			t.Errorf("body = %q after refused edits", got)
		}

		// A preview is part of writing: the same people may use it.
		preview := url.Values{"kind": {"story"}, "title": {"Just looking"}, "summary": {"x"}, "body": {"**bold**"}, "action": {"preview"}}
		for who, c := range map[string]*apptest.Client{"visitor": visitor, "outsider": outC} {
			if res := c.Post("/c/open/practice/new", preview); res.Status == http.StatusOK {
				t.Errorf("%s POST preview in a library they may not write to: 200", who)
			}
			if res := c.Post("/c/secret/practice/new", preview); res.Status != http.StatusNotFound {
				t.Errorf("%s POST preview in a private library: %d, want 404", who, res.Status)
			}
			invalid := url.Values{"kind": {"story"}, "title": {"x"}, "action": {"publish"}}
			if res := c.Post("/c/open/practice/new", invalid); res.Status == http.StatusUnprocessableEntity || res.Status == http.StatusOK {
				t.Errorf("%s POST an invalid entry in a library they may not write to: %d, want a refusal, not the form", who, res.Status)
			}
		}
		if res := maxC.Post("/c/open/practice/new", preview); res.Status != http.StatusOK || !strings.Contains(res.Body, "<strong>bold</strong>") {
			t.Errorf("member POST preview: %d, want 200 with the rendered text", res.Status)
		}
	})
}

// TestPracticeCrossSitePostsChangeNothing: a form posted from another site
// with the victim's cookies is refused, whatever it asks.
func TestPracticeCrossSitePostsChangeNothing(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "open", community.Public, community.Open)
		e.SetMembership("open", e.Person("mia"), community.RoleMember, community.ActiveMember)
		mia, sam := e.As("mia"), e.As("sam")
		entry := ppEntry(t, mia, "open", "Open recipe")
		before := []int{ppRevisions(t, d), count(t, d, "SELECT COUNT(*) FROM entries"), count(t, d, "SELECT COUNT(*) FROM posts")}

		crossSite := func(c *apptest.Client, path string, f url.Values) apptest.Response {
			t.Helper()
			req, err := http.NewRequest(http.MethodPost, e.Server.URL+path, strings.NewReader(f.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			req.Header.Set("Origin", "https://evil.example")
			return c.Do(req)
		}
		for _, p := range []struct {
			c    *apptest.Client
			path string
			form url.Values
		}{
			{mia, entry + "/edit", url.Values{"kind": {"practice"}, "title": {"Hijacked"}, "summary": {"x"}, "body": {"y"},
				"base_revision": {"1"}, "action": {"save"}}},
			{mia, "/c/open/practice/new", url.Values{"kind": {"story"}, "title": {"Planted"}, "summary": {"x"}, "action": {"publish"}}},
			{mia, entry + "/comments", url.Values{"body": {"Planted comment"}}},
			{mia, entry + "/maturity", url.Values{"maturity": {"draft"}}},
			{sam, entry + "/maturity", url.Values{"maturity": {"endorsed"}}},
			{sam, "/c/open/collections/start-here", url.Values{"entry": {strings.TrimPrefix(entry, "/c/open/practice/")}}},
		} {
			if res := crossSite(p.c, p.path, p.form); res.Status != http.StatusForbidden {
				t.Errorf("cross-site POST %s: %d, want 403", p.path, res.Status)
			}
		}
		after := []int{ppRevisions(t, d), count(t, d, "SELECT COUNT(*) FROM entries"), count(t, d, "SELECT COUNT(*) FROM posts")}
		for i := range before {
			if before[i] != after[i] {
				t.Errorf("counts (revisions, entries, comments) %v, were %v", after, before)
				break
			}
		}
		if got := text(t, d, "SELECT title || '/' || maturity FROM entries"); got != "Open recipe/published" {
			t.Errorf("entry %q after cross-site posts", got)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM collection_entries"); n != 0 {
			t.Errorf("%d entries collected by cross-site posts", n)
		}
		// The same edit from the site itself goes through.
		if res := mia.Post(entry+"/edit", url.Values{"kind": {"practice"}, "title": {"Open recipe"}, "summary": {"x"}, "body": {"y"},
			"base_revision": {"1"}, "action": {"save"}}); res.Status != http.StatusSeeOther {
			t.Errorf("same-origin edit: %d, want 303", res.Status)
		}
	})
}
