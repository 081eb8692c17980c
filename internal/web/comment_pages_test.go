package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

var (
	olderLink = regexp.MustCompile(`<a href="([^"]*)" rel="prev">← Older comments</a>`)
	newerLink = regexp.MustCompile(`<a href="([^"]*)" rel="next">Newer comments →</a>`)
	noteShown = regexp.MustCompile(`Note n(\d{3})\.`)
)

// commentsPage is what an entry page shows of its comments.
type commentsPage struct {
	notes        []int // the numbers of the notes shown, in order
	older, newer string
}

func readComments(t *testing.T, c *apptest.Client, path string) commentsPage {
	t.Helper()
	res := c.Get(path)
	if res.Status != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.Status)
	}
	var p commentsPage
	for _, m := range noteShown.FindAllStringSubmatch(res.Body, -1) {
		n, _ := strconv.Atoi(m[1])
		p.notes = append(p.notes, n)
	}
	if m := olderLink.FindStringSubmatch(res.Body); m != nil {
		p.older = html.UnescapeString(m[1])
	}
	if m := newerLink.FindStringSubmatch(res.Body); m != nil {
		p.newer = html.UnescapeString(m[1])
	}
	if !strings.Contains(res.Body, ">Comments (121)<") {
		t.Errorf("GET %s: the heading does not count every comment", path)
	}
	return p
}

// wantNotes fails unless p shows notes from to last, in order.
func (p commentsPage) wantNotes(t *testing.T, what string, from, last int) {
	t.Helper()
	if len(p.notes) != last-from+1 || p.notes[0] != from || p.notes[len(p.notes)-1] != last {
		t.Errorf("%s shows notes %v, want %d to %d", what, p.notes, from, last)
	}
}

// TestCommentPages: an entry's page shows its newest comments, a page of
// them at a time, with links to older and newer pages that work without
// JavaScript; a link to a comment (after posting or editing it, or from
// search) opens the page that holds it.
func TestCommentPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam, visitor := e.As("sam"), e.Visitor()
		res := sam.Post("/c/bread/practice/new", entryForm("Talkative", "Say something.", "publish"))
		wantStatus(t, "publish", res, http.StatusSeeOther)
		entry := res.Location
		const total = 2*practice.CommentPageSize + 21 // pages of 50: 1-21, 22-71, 72-121
		ids := map[int]string{}
		for i := 1; i <= total; i++ {
			res := sam.Post(entry+"/comments", url.Values{"body": {fmt.Sprintf("Note n%03d.", i)}})
			wantStatus(t, "comment", res, http.StatusSeeOther)
			id := res.Location[strings.LastIndex(res.Location, "#comment-")+len("#comment-"):]
			if res.Location != entry+"?comment="+id+"#comment-"+id {
				t.Fatalf("posting redirects to %s, want the comment's permalink", res.Location)
			}
			ids[i] = id
		}

		newest := readComments(t, visitor, entry)
		newest.wantNotes(t, "the entry page", 72, 121)
		if newest.newer != "" || newest.older != entry+"?before="+ids[72]+"#comments-h" {
			t.Errorf("the entry page links older %q, newer %q", newest.older, newest.newer)
		}
		middle := readComments(t, visitor, newest.older)
		middle.wantNotes(t, "the older page", 22, 71)
		first := readComments(t, visitor, middle.older)
		first.wantNotes(t, "the oldest page", 1, 21)
		if first.older != "" || first.newer == "" {
			t.Errorf("the oldest page links older %q, newer %q", first.older, first.newer)
		}
		readComments(t, visitor, first.newer).wantNotes(t, "the page after the oldest", 22, 71)
		readComments(t, visitor, middle.newer).wantNotes(t, "the page after the middle one", 72, 121)

		// A comment's permalink opens a page that holds it.
		around := readComments(t, visitor, entry+"?comment="+ids[5])
		around.wantNotes(t, "the permalink of note 5", 5, 54)
		if around.older == "" || around.newer == "" {
			t.Errorf("the permalink of note 5 links older %q, newer %q", around.older, around.newer)
		}
		readComments(t, visitor, entry+"?comment="+ids[100]).wantNotes(t, "the permalink of note 100", 72, 121)
		res = sam.Post(entry+"/comments/"+ids[3]+"/edit", url.Values{"body": {"Note n003. Edited."}})
		if res.Location != entry+"?comment="+ids[3]+"#comment-"+ids[3] {
			t.Errorf("editing redirects to %s, want the comment's permalink", res.Location)
		}
		page := visitor.Get(res.Location)
		contains(t, "the edited comment's page", page.Body, `id="comment-`+ids[3]+`"`, "Edited.")

		// Odd cursors show the newest page.
		for _, q := range []string{"?before=nonsense", "?after=-4", "?comment=999999999", "?before=" + ids[1] + "&after=" + ids[2]} {
			if res := visitor.Get(entry + q); res.Status != http.StatusOK {
				t.Errorf("GET %s = %d", q, res.Status)
			}
		}
		readComments(t, visitor, entry+"?comment=999999999").wantNotes(t, "the permalink of a comment that does not exist", 72, 121)
	})
}
