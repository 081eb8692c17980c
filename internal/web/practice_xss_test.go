package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/markup/xsstest"
)

// pxGroups packs the payloads into groups whose text, joined by spaces,
// fits an entry title: every payload is in exactly one group.
func pxGroups(payloads []string, max int) [][]string {
	var groups [][]string
	var cur []string
	size := 0
	for _, p := range payloads {
		if len(cur) > 0 && size+1+len(p) > max {
			groups, cur, size = append(groups, cur), nil, 0
		}
		if len(cur) > 0 {
			size++
		}
		cur, size = append(cur, p), size+len(p)
	}
	return append(groups, cur)
}

// pxFind returns the first element of the page with this id, or nil.
func pxFind(t *testing.T, page, id string) *html.Node {
	t.Helper()
	return pxFindAttr(t, page, "id", id)
}

// pxFindAttr returns the first element of the page whose attribute key has
// the value val, or nil.
func pxFindAttr(t *testing.T, page, key, val string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == key && a.Val == val && found == nil {
				found = n
			}
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// pxText is the text content of n.
func pxText(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(pxText(c))
	}
	return b.String()
}

func pxAttr(n *html.Node, key string) string {
	if n != nil {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val
			}
		}
	}
	return ""
}

// pxPage checks a response's status and that nothing in the page is active
// markup.
func pxPage(t *testing.T, what string, res apptest.Response, status int) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, res.Status, status, res.Body)
	}
	if problems := xsstest.InspectPage(res.Body); len(problems) > 0 {
		t.Errorf("%s:", what)
		xsstest.AssertPageInert(t, res.Body)
	}
}

// pxKeeps checks that the form in page holds what was typed, as text.
func pxKeeps(t *testing.T, what, page string, f url.Values) {
	t.Helper()
	if got := pxAttr(pxFind(t, page, "f-title"), "value"); got != f.Get("title") {
		t.Errorf("%s: the title field holds %q, want %q", what, got, f.Get("title"))
	}
	for _, name := range []string{"summary", "body"} {
		if got := pxText(pxFind(t, page, "f-"+name)); got != f.Get(name) {
			t.Errorf("%s: the %s field holds %q, want %q", what, name, got, f.Get(name))
		}
	}
}

// TestPracticeMarkupSafety sends every payload of the XSS corpus through
// entry titles, summaries, sources, bodies and comments, the preview, the
// forms re-rendered after a validation error or an edit conflict, and reads
// every page that shows them back (entry, library, history, diff): none may
// reach a page as active markup, and each must reach it as text.
func TestPracticeMarkupSafety(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "xss", community.Public, community.Open)
		e.SetMembership("xss", e.Person("mia"), community.RoleMember, community.ActiveMember)
		mia, sam, visitor := e.As("mia"), e.As("sam"), e.Visitor()

		groups := pxGroups(xsstest.Payloads, 150)
		seen := 0
		for i, g := range groups {
			seen += len(g)
			next := groups[(i+1)%len(groups)]
			what := "payloads " + strconv.Itoa(seen-len(g)+1) + "-" + strconv.Itoa(seen)
			title := strings.Join(g, " ")
			body := strings.Join(g, "\n\n")
			f := url.Values{"kind": {"story"}, "title": {title}, "summary": {title}, "body": {body}, "source": {title}, "tags": {"xss"}}

			f.Set("action", "preview")
			res := mia.Post("/c/xss/practice/new", f)
			pxPage(t, what+": preview", res, http.StatusOK)
			if pxFind(t, res.Body, "preview-h") == nil {
				t.Errorf("%s: the preview is missing", what)
			}
			pxKeeps(t, what+": preview", res.Body, f)

			f.Set("action", "publish")
			f.Set("review_by", "soon")
			res = mia.Post("/c/xss/practice/new", f)
			pxPage(t, what+": new entry with an error", res, http.StatusUnprocessableEntity)
			pxKeeps(t, what+": new entry with an error", res.Body, f)

			f.Del("review_by")
			res = mia.Post("/c/xss/practice/new", f)
			if res.Status != http.StatusSeeOther {
				t.Fatalf("%s: publish = %d\n%s", what, res.Status, res.Body)
			}
			entry := strings.SplitN(res.Location, "#", 2)[0]
			if res = mia.Post(entry+"/comments", url.Values{"body": {body}}); res.Status != http.StatusSeeOther {
				t.Fatalf("%s: comment = %d\n%s", what, res.Status, res.Body)
			}

			res = mia.Get(entry + "/edit")
			pxPage(t, what+": edit form", res, http.StatusOK)
			saved := url.Values{"title": {strings.Join(strings.Fields(title), " ")}, "summary": {strings.TrimSpace(title)}, "body": {body}}
			pxKeeps(t, what+": edit form", res.Body, saved)

			edit := url.Values{"kind": {"story"}, "title": {title}, "summary": {strings.Join(next, " ")}, "body": {strings.Join(next, "\n\n")},
				"source": {title}, "base_revision": {"1"}, "note": {title}, "review_by": {"soon"}, "action": {"save"}}
			res = mia.Post(entry+"/edit", edit)
			pxPage(t, what+": edit form with an error", res, http.StatusUnprocessableEntity)
			pxKeeps(t, what+": edit form with an error", res.Body, edit)
			edit.Set("action", "preview")
			pxPage(t, what+": edit preview", mia.Post(entry+"/edit", edit), http.StatusOK)
			edit.Del("review_by")
			edit.Set("action", "save")
			if res = sam.Post(entry+"/edit", edit); res.Status != http.StatusSeeOther {
				t.Fatalf("%s: improve = %d\n%s", what, res.Status, res.Body)
			}
			edit.Set("body", body+"\n\n"+strings.Join(next, "\n\n"))
			res = mia.Post(entry+"/edit", edit) // from revision 1 again
			pxPage(t, what+": edit conflict", res, http.StatusConflict)
			pxKeeps(t, what+": edit conflict", res.Body, edit)

			for who, c := range map[string]*apptest.Client{"author": mia, "steward": sam, "visitor": visitor} {
				res = c.Get(entry)
				pxPage(t, what+": entry page for the "+who, res, http.StatusOK)
				if got := pxText(pxFind(t, res.Body, "entry-h")); got != strings.Join(strings.Fields(title), " ") {
					t.Errorf("%s: the %s sees the title %q", what, who, got)
				}
			}
			pxPage(t, what+": history", visitor.Get(entry+"/history"), http.StatusOK)
			pxPage(t, what+": diff", visitor.Get(entry+"/diff?from=1&to=2"), http.StatusOK)
			pxPage(t, what+": diff backwards", visitor.Get(entry+"/diff?from=2&to=1"), http.StatusOK)
		}
		if seen != len(xsstest.Payloads) || len(xsstest.Payloads) < 60 {
			t.Fatalf("tested %d payloads of %d; the issue asks for at least 60", seen, len(xsstest.Payloads))
		}

		// The library lists every entry's title and summary, a page at a time.
		pages := 0
		for path := "/c/xss/practice"; path != ""; pages++ {
			res := visitor.Get(path)
			pxPage(t, "library "+path, res, http.StatusOK)
			path = ""
			if next := pxFindAttr(t, res.Body, "rel", "next"); next != nil {
				path = pxAttr(next, "href")
			}
			if pages > len(groups) {
				t.Fatal("the library pages never end")
			}
		}
		if want := (len(groups) + 19) / 20; pages != want {
			t.Errorf("read %d library pages, want %d", pages, want)
		}
		pxPage(t, "library by tag", visitor.Get("/c/xss/practice?tag=xss&kind=story"), http.StatusOK)
	})
}
