package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestCommentsOpenAndClose: closed comments refuse new ones; only the
// entry's authors and the stewards open and close them; the community's
// default applies to new entries.
func TestCommentsOpenAndClose(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		e := w.write(t, "talk", "Open to questions", false)
		if !w.get(t, w.actors["member"], "talk", e.Slug).CommentsOpen {
			t.Fatal("a new entry's comments are closed; the community default is open")
		}
		for _, role := range []string{"member", "moderator", "nonmember"} {
			pwWant(t, role+" closes comments", w.svc.SetCommentsOpen(w.ctx, w.actors[role], "talk", e.Slug, false), "forbidden")
		}
		pwWant(t, "visitor closes comments", w.svc.SetCommentsOpen(w.ctx, w.actors["visitor"], "talk", e.Slug, false), "forbidden")
		pwWant(t, "author closes comments", w.svc.SetCommentsOpen(w.ctx, w.actors["author"], "talk", e.Slug, false), "ok")
		ev := w.get(t, w.actors["member"], "talk", e.Slug)
		if ev.CommentsOpen || ev.CanComment() {
			t.Errorf("after closing: CommentsOpen %v, CanComment %v", ev.CommentsOpen, ev.CanComment())
		}
		for _, role := range []string{"member", "author", "steward"} {
			_, err := w.svc.AddComment(w.ctx, w.actors[role], "talk", e.Slug, "Can I still say something?")
			pwWant(t, role+" comments on a closed entry", err, "forbidden")
		}
		if n := w.count(t, "SELECT COUNT(*) FROM comments"); n != 0 {
			t.Errorf("%d comments saved on a closed entry", n)
		}
		pwWant(t, "steward reopens comments", w.svc.SetCommentsOpen(w.ctx, w.actors["steward"], "talk", e.Slug, true), "ok")
		_, err := w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, "Thank you for reopening.")
		pwWant(t, "member comments after reopening", err, "ok")

		// A community whose default is closed starts new entries closed.
		w.settings(t, "talk", "members", "members", "closed", 365)
		quiet := w.write(t, "talk", "Read only", false)
		if w.get(t, w.actors["member"], "talk", quiet.Slug).CommentsOpen {
			t.Error("with the default closed, a new entry's comments are open")
		}
		_, err = w.svc.AddComment(w.ctx, w.actors["member"], "talk", quiet.Slug, "Hello?")
		pwWant(t, "member comments where the default is closed", err, "forbidden")
	})
}

// TestCommentAuthorshipAndModeration: only a comment's author edits or
// deletes it; moderators (and stewards) hide it; a hidden comment's text is
// seen by moderators and its author only.
func TestCommentAuthorshipAndModeration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		e := w.write(t, "talk", "Questions welcome", false)
		id, err := w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, "My **first** thought.")
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.AddComment(w.ctx, w.actors["member"], "talk", e.Slug, "   ")
		pwWant(t, "an empty comment", err, "invalid")

		for _, role := range []string{"author", "moderator", "steward", "admin"} {
			pwWant(t, role+" edits another's comment", w.svc.EditComment(w.ctx, w.actors[role], "talk", e.Slug, id, "Rewritten."), "forbidden")
			pwWant(t, role+" deletes another's comment", w.svc.DeleteComment(w.ctx, w.actors[role], "talk", e.Slug, id), "forbidden")
		}
		pwWant(t, "its author edits it", w.svc.EditComment(w.ctx, w.actors["member"], "talk", e.Slug, id, "My second thought."), "ok")

		for _, role := range []string{"member", "author", "nonmember", "admin"} {
			pwWant(t, role+" hides a comment", w.svc.SetCommentHidden(w.ctx, w.actors[role], "talk", e.Slug, id, true), "forbidden")
		}
		pwWant(t, "moderator hides it", w.svc.SetCommentHidden(w.ctx, w.actors["moderator"], "talk", e.Slug, id, true), "ok")

		for role, sees := range map[string]bool{"member": true, "moderator": true, "steward": true,
			"author": false, "nonmember": false, "visitor": false, "admin": false} {
			ev := w.get(t, w.actors[role], "talk", e.Slug)
			page, err := w.svc.Comments(w.ctx, ev, practice.CommentsAt{})
			cs := page.Comments
			if err != nil || len(cs) != 1 {
				t.Fatalf("%s: comments = %v (%v), want one", role, cs, err)
			}
			if !cs[0].Hidden {
				t.Errorf("%s: the comment is not marked hidden", role)
			}
			if got := cs[0].Body == "My second thought."; got != sees {
				t.Errorf("%s sees the hidden text = %v (body %q), want %v", role, got, cs[0].Body, sees)
			}
			if !sees && (cs[0].Body != "" || cs[0].HTML != "") {
				t.Errorf("%s: body %q, HTML %q, want both empty", role, cs[0].Body, cs[0].HTML)
			}
			if sees && cs[0].HTML != "<p>My second thought.</p>\n" {
				t.Errorf("%s: HTML %q, want the edited text rendered", role, cs[0].HTML)
			}
		}

		pwWant(t, "steward shows it again", w.svc.SetCommentHidden(w.ctx, w.actors["steward"], "talk", e.Slug, id, false), "ok")
		page, _ := w.svc.Comments(w.ctx, w.get(t, w.actors["visitor"], "talk", e.Slug), practice.CommentsAt{})
		if cs := page.Comments; len(cs) != 1 || cs[0].Hidden || cs[0].Body != "My second thought." {
			t.Errorf("after showing again, a visitor sees %+v", page.Comments)
		}

		pwWant(t, "its author deletes it", w.svc.DeleteComment(w.ctx, w.actors["member"], "talk", e.Slug, id), "ok")
		if n := w.count(t, "SELECT COUNT(*) FROM comments"); n != 0 {
			t.Errorf("%d comments after deleting the only one", n)
		}
		pwWant(t, "editing a deleted comment", w.svc.EditComment(w.ctx, w.actors["member"], "talk", e.Slug, id, "Back?"), "not found")
	})
}

// TestCommentsOnDrafts: nobody comments on a draft, and those who may not
// see it get NotFound.
func TestCommentsOnDrafts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "talk", community.Public)
		draft := w.write(t, "talk", "Half written", true)
		_, err := w.svc.AddComment(w.ctx, w.actors["author"], "talk", draft.Slug, "Note to self.")
		pwWant(t, "author comments on a draft", err, "forbidden")
		_, err = w.svc.AddComment(w.ctx, w.actors["member"], "talk", draft.Slug, "Hello?")
		pwWant(t, "member comments on another's draft", err, "not found")
		if ev := w.get(t, w.actors["steward"], "talk", draft.Slug); ev.CanComment() || ev.Maturity != practice.Draft {
			t.Errorf("steward: CanComment %v on a %s entry", ev.CanComment(), ev.Maturity)
		}
	})
}
