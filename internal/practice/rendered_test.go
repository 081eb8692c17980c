package practice_test

import (
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// TestSavesStoreRenderedMarkdown: creating, improving and reverting an entry
// and writing or editing a comment store the body's HTML and text with the
// markup version, so that nothing renders them again on read.
func TestSavesStoreRenderedMarkdown(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		stored := func(table string, id int64) (html, text string, version int) {
			t.Helper()
			if err := d.QueryRowContext(w.ctx, "SELECT body_html, body_text, render_version FROM "+table+" WHERE id = $1", id).
				Scan(&html, &text, &version); err != nil {
				t.Fatal(err)
			}
			return html, text, version
		}
		want := func(what, table string, id int64, html, text string) {
			t.Helper()
			gotHTML, gotText, v := stored(table, id)
			if gotHTML != html || gotText != text || v != markup.Version {
				t.Errorf("%s: stored %q, %q, version %d; want %q, %q, version %d", what, gotHTML, gotText, v, html, text, markup.Version)
			}
		}
		e := w.writeAs(t, w.actors["author"], "talk", practice.Input{Title: "Stored", Body: "First *draft*.", Publish: true})
		want("created", "entries", e.ID, "<p>First <em>draft</em>.</p>\n", "First draft.")
		if e.HTML != "<p>First <em>draft</em>.</p>\n" {
			t.Errorf("Create returned HTML %q", e.HTML)
		}
		_, err := w.svc.Update(w.ctx, w.actors["author"], "talk", e.Slug, practice.Input{Kind: e.Kind, Title: e.Title, Summary: e.Summary,
			Body: "Second **take**.", BaseRevision: 1})
		pwWant(t, "update", err, "ok")
		want("improved", "entries", e.ID, "<p>Second <strong>take</strong>.</p>\n", "Second take.")
		_, err = w.svc.Revert(w.ctx, w.actors["author"], "talk", e.Slug, 1)
		pwWant(t, "revert", err, "ok")
		want("reverted", "entries", e.ID, "<p>First <em>draft</em>.</p>\n", "First draft.")

		id, err := w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, "A `code` word.")
		pwWant(t, "comment", err, "ok")
		want("commented", "comments", id, "<p>A <code>code</code> word.</p>\n", "A code word.")
		pwWant(t, "edit comment", w.svc.EditComment(w.ctx, w.actors["member"], "talk", e.Slug, id, "An ~~old~~ word."), "ok")
		want("comment edited", "comments", id, "<p>An <del>old</del> word.</p>\n", "An old word.")
	})
}

// TestReadsShowStoredHTML: the entry, its comments and the feed show the
// HTML stored with the row, not a rendering of the Markdown made on read;
// only a row stored by an earlier markup version is rendered (until
// RenderMissing catches up).
func TestReadsShowStoredHTML(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		e := w.writeAs(t, w.actors["author"], "talk", practice.Input{Title: "Marked", Body: "The Markdown.", Publish: true})
		id, err := w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, "The comment's Markdown.")
		pwWant(t, "comment", err, "ok")
		w.exec(t, "UPDATE entries SET body_html = '<p>stored entry</p>' WHERE id = $1", e.ID)
		w.exec(t, "UPDATE comments SET body_html = '<p>stored comment</p>' WHERE id = $1", id)

		ev := w.get(t, w.actors["visitor"], "talk", e.Slug)
		if ev.HTML != "<p>stored entry</p>" {
			t.Errorf("Get: HTML %q, want the stored one", ev.HTML)
		}
		page, err := w.svc.Comments(w.ctx, ev, practice.CommentsAt{})
		if err != nil || len(page.Comments) != 1 || page.Comments[0].HTML != "<p>stored comment</p>" {
			t.Errorf("Comments = %+v (%v), want the stored HTML", page.Comments, err)
		}
		_, feed, err := w.svc.Feed(w.ctx, "talk")
		if err != nil || len(feed) != 1 || feed[0].HTML != "<p>stored entry</p>" {
			t.Errorf("Feed = %+v (%v), want the stored HTML", feed, err)
		}

		// A row an earlier version rendered is rendered on read.
		w.exec(t, "UPDATE entries SET render_version = $1 WHERE id = $2", markup.Version-1, e.ID)
		if ev := w.get(t, w.actors["visitor"], "talk", e.Slug); ev.HTML != "<p>The Markdown.</p>\n" {
			t.Errorf("Get of a row of an earlier version: HTML %q, want the Markdown rendered", ev.HTML)
		}
	})
}

// TestRenderMissing: rows stored without HTML (before migration 0006, or by
// SQL) are rendered, stored and re-indexed; a second run finds nothing to
// do, and rows of the current version are left alone.
func TestRenderMissing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		old := w.writeAs(t, w.actors["author"], "talk", practice.Input{Title: "Old entry", Body: "Written before.", Publish: true})
		cur := w.writeAs(t, w.actors["author"], "talk", practice.Input{Title: "Current entry", Body: "Written now.", Publish: true})
		cid, err := w.svc.AddComment(w.ctx, w.actors["member"], "talk", old.Slug, "An old comment.")
		pwWant(t, "comment", err, "ok")
		// As an older Hearth left them: Markdown only (changed since it was indexed).
		w.exec(t, "UPDATE entries SET body = 'Now about **quinces**.', body_html = '', body_text = '', render_version = 0 WHERE id = $1", old.ID)
		w.exec(t, "UPDATE comments SET body = 'About *medlars*.', body_html = '', body_text = '', render_version = 0 WHERE id = $1", cid)
		w.exec(t, "UPDATE entries SET body_html = '<p>kept</p>' WHERE id = $1", cur.ID)

		n, err := practice.RenderMissing(w.ctx, d, markup.New())
		if err != nil || n != 2 {
			t.Fatalf("RenderMissing = %d, %v; want 2 rows", n, err)
		}
		for _, c := range []struct{ table, html, text string }{
			{"entries", "<p>Now about <strong>quinces</strong>.</p>\n", "Now about quinces."},
			{"comments", "<p>About <em>medlars</em>.</p>\n", "About medlars."},
		} {
			var html, text string
			var v int
			id := old.ID
			if c.table == "comments" {
				id = cid
			}
			if err := d.QueryRowContext(w.ctx, "SELECT body_html, body_text, render_version FROM "+c.table+" WHERE id = $1", id).Scan(&html, &text, &v); err != nil {
				t.Fatal(err)
			}
			if html != c.html || text != c.text || v != markup.Version {
				t.Errorf("%s: %q, %q, version %d after RenderMissing", c.table, html, text, v)
			}
		}
		if got := w.get(t, w.actors["visitor"], "talk", cur.Slug).HTML; got != "<p>kept</p>" {
			t.Errorf("a row of the current version was rendered again: %q", got)
		}
		for _, word := range []string{"quinces", "medlars"} {
			res, err := search.Search(w.ctx, d, w.actors["visitor"], search.Query{Text: word})
			if err != nil || len(res.Hits) != 1 {
				t.Errorf("search %q = %+v (%v): the rendered row is not re-indexed", word, res.Hits, err)
			}
		}
		if n, err := practice.RenderMissing(w.ctx, d, markup.New()); err != nil || n != 0 {
			t.Errorf("second RenderMissing = %d, %v; want nothing to do", n, err)
		}
	})
}

// TestPreviewObeysTheBodyLimit: a preview renders what a save would store,
// and refuses, as a save does, a body over MaxBody characters.
func TestPreviewObeysTheBodyLimit(t *testing.T) {
	w := pwNew(t, dbtest.SQLite(t))
	html, err := w.svc.Preview("**" + strings.Repeat("é", practice.MaxBody-4) + "**\r\n\r\n")
	if err != nil || !strings.HasPrefix(string(html), "<p><strong>é") {
		t.Errorf("Preview of MaxBody characters = %.40q…, %v; want it rendered", html, err)
	}
	_, err = w.svc.Preview(strings.Repeat(">", practice.MaxBody+1))
	if errs.KindOf(err) != errs.Invalid || errs.FieldsOf(err)["body"] == "" {
		t.Errorf("Preview of MaxBody+1 characters: %v, want a body field error", err)
	}
}

// TestCommentLengthLimit: a comment of MaxComment characters is posted; one
// longer is refused with a field error and changes nothing, new or edited.
func TestCommentLengthLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		e := w.write(t, "talk", "Long comments", false)
		longest := strings.Repeat("é", practice.MaxComment) // two bytes each: the limit counts characters
		id, err := w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, longest)
		pwWant(t, "a comment of MaxComment characters", err, "ok")
		_, err = w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, longest+"x")
		pwWant(t, "a comment of MaxComment+1 characters", err, "invalid")
		if msg := errs.FieldsOf(err)["body"]; msg != "Keep a comment to 10,000 characters." {
			t.Errorf("field error %q", msg)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM comments"); n != 1 {
			t.Errorf("%d comments, want only the first", n)
		}
		err = w.svc.EditComment(w.ctx, w.actors["member"], "talk", e.Slug, id, strings.Repeat(">", practice.MaxComment+1))
		pwWant(t, "an edit to MaxComment+1 characters", err, "invalid")
		if n := w.count(t, "SELECT COUNT(*) FROM comments WHERE body = $1", longest); n != 1 {
			t.Error("a refused edit changed the comment")
		}
	})
}
