package web_test

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/markup"
	"hearth/internal/practice"
)

// entryForm is the form of a new entry with body.
func entryForm(title, body, action string) url.Values {
	return url.Values{"kind": {"practice"}, "title": {title}, "summary": {"What a reader finds."}, "body": {body}, "action": {action}}
}

// TestPreviewObeysTheBodyLimit: previewing a body over the limit a save has
// shows the body's error and renders nothing, on the new and the edit form.
func TestPreviewObeysTheBodyLimit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam := e.As("sam")
		tooLong := strings.Repeat(">", practice.MaxBody+1)
		const msg = "The text is too long: keep it under 100,000 characters, or split it into several entries."

		res := sam.Post("/c/bread/practice/new", entryForm("Long", tooLong, "preview"))
		wantStatus(t, "preview of a body over the limit", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "body", msg)
		lacks(t, "preview of a body over the limit", res.Body, `id="preview-h"`, "<blockquote>")

		res = sam.Post("/c/bread/practice/new", entryForm("Long", tooLong[1:], "preview"))
		wantStatus(t, "preview of a body at the limit", res, http.StatusOK)
		contains(t, "preview of a body at the limit", res.Body, `id="preview-h"`, "<blockquote>")

		res = sam.Post("/c/bread/practice/new", entryForm("Short", "Some **text**.", "publish"))
		wantStatus(t, "publish", res, http.StatusSeeOther)
		edit := entryForm("Short", tooLong, "preview")
		edit.Set("base_revision", "1")
		res = sam.Post(res.Location+"/edit", edit)
		wantStatus(t, "edit preview of a body over the limit", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "body", msg)
		lacks(t, "edit preview of a body over the limit", res.Body, `id="preview-h"`)
	})
}

// TestPagesShowStoredHTML: the entry's page, its comments and the feed show
// the HTML stored when the entry and the comment were saved.
func TestPagesShowStoredHTML(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam := e.As("sam")
		res := sam.Post("/c/bread/practice/new", entryForm("Stored", "The *Markdown*.", "publish"))
		wantStatus(t, "publish", res, http.StatusSeeOther)
		entry := res.Location
		wantStatus(t, "comment", sam.Post(entry+"/comments", url.Values{"body": {"A *comment*."}}), http.StatusSeeOther)
		contains(t, "entry page", sam.Get(entry).Body, "<p>The <em>Markdown</em>.</p>", "<p>A <em>comment</em>.</p>")

		if _, err := d.ExecContext(t.Context(), "UPDATE entries SET body_html = '<p>stored entry</p>'"); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(t.Context(), "UPDATE posts SET body_html = '<p>stored comment</p>'"); err != nil {
			t.Fatal(err)
		}
		page := e.Visitor().Get(entry).Body
		contains(t, "entry page", page, "<p>stored entry</p>", "<p>stored comment</p>")
		lacks(t, "entry page", page, "<em>Markdown</em>", "<em>comment</em>")
		_, feed := readFeed(t, e, "/c/bread/feed.atom")
		contains(t, "feed", feed, "&lt;p&gt;stored entry&lt;/p&gt;")
	})
}

// TestPathologicalBodiesSaveAndLoad: entries whose 100 KB bodies come from
// the pathological corpus, and comments of 10,000 ">", save, and their
// pages and the feed load. (How long they take is TestWorstRender's.)
func TestPathologicalBodiesSaveAndLoad(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam := e.As("sam")
		for _, name := range []string{"quotes", "brackets-empty-links", "emphasis-star-underscore", "strikethrough-run", "table-padded"} {
			body, err := os.ReadFile("../markup/testdata/pathological/" + name + ".md")
			if err != nil {
				t.Fatal(err)
			}
			res := sam.Post("/c/bread/practice/new", entryForm("Corpus "+name, string(body), "publish"))
			wantStatus(t, "publish "+name, res, http.StatusSeeOther)
			entry := res.Location
			wantStatus(t, "comment on "+name, sam.Post(entry+"/comments", url.Values{"body": {strings.Repeat(">", practice.MaxComment)}}), http.StatusSeeOther)
			res = e.Visitor().Get(entry)
			wantStatus(t, "page of "+name, res, http.StatusOK)
			contains(t, "page of "+name, res.Body, "Corpus "+name)
			if name == "quotes" && strings.Count(res.Body, "<blockquote>") != 2*markup.MaxNesting { // the body and the comment
				t.Errorf("page of %s: %d block quotes, want %d", name, strings.Count(res.Body, "<blockquote>"), 2*markup.MaxNesting)
			}
		}
		readFeed(t, e, "/c/bread/feed.atom")
	})
}
