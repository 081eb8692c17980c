package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestStoryTemplateFollowsTheKind checks, as with scripts off, that an
// untouched body follows the kind chosen after the form opened as a lesson,
// and that a body someone wrote in stays as typed.
func TestStoryTemplateFollowsTheKind(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, dbtest.SQLite(t))
	sam := e.Person("sam")
	e.Community(sam, "bread", community.Public, community.Open)
	lesson, _ := practice.InfoOf(practice.Lesson)
	story, _ := practice.InfoOf(practice.Story)
	c := e.As("sam")

	// Browsers send CRLF line ends.
	res := c.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Rye"}, "summary": {"A story."},
		"body": {strings.ReplaceAll(lesson.Template, "\n", "\r\n")}, "action": {"preview"}})
	wantStatus(t, "preview", res, http.StatusOK)
	if got := bodyField(t, res.Body); got != story.Template {
		t.Errorf("the previewed form's Text holds %q, want the story's template %q", got, story.Template)
	}

	written := lesson.Template + "We baked at altitude."
	res = c.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Rye"}, "summary": {"A story."},
		"body": {written}, "action": {"preview"}})
	if got := bodyField(t, res.Body); got != written {
		t.Errorf("a written body became %q, want it as typed", got)
	}

	// With scripts on, the radios carry each kind's template for kind-template.js.
	res = c.Get("/c/bread/practice/new")
	contains(t, "new form", res.Body, `data-template=`, `<script src="/static/kind-template.js" defer></script>`)
}

var bodyArea = regexp.MustCompile(`(?s)<textarea id="f-body"[^>]*>(.*?)</textarea>`)

// bodyField returns the text in the entry form's Text field.
func bodyField(t *testing.T, page string) string {
	t.Helper()
	m := bodyArea.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no Text field in the page:\n%s", page)
	}
	return html.UnescapeString(m[1])
}
