package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestTalkModerationFlow walks a moderator through the forms without
// script: pin (the log says so), close as a duplicate (a mistake shown next
// to the field with what was typed, then a confirmation), reopen, move (a
// confirmation, then the old address redirects), and a member's watch,
// quote and reply history.
func TestTalkModerationFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("mem")
		e.Community(stew, "bread", community.Public, community.Open)
		e.Community(stew, "cheese", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("mem"), community.RoleMember, community.ActiveMember)
		mod, mem := e.As("stew"), e.As("mem")
		start := func(title string) string {
			t.Helper()
			res := mem.Post("/c/bread/talk/new", form("kind", "discussion", "title", title, "body", "Let us talk about "+title+"."))
			wantStatus(t, "start", res, http.StatusSeeOther)
			return strings.SplitN(res.Location, "?", 2)[0]
		}
		original, thread := start("Rye starters"), start("Rye starter")

		wantStatus(t, "pin", mod.Post(thread+"/pin", form()), http.StatusSeeOther)
		contains(t, "talk list", mem.Get("/c/bread/talk").Body, "Pinned")
		contains(t, "thread", mem.Get(thread).Body, "pinned this", "/watch")
		lacks(t, "thread for a member", mem.Get(thread).Body, "Moderate")
		contains(t, "thread for a moderator", mod.Get(thread).Body, "<summary>Moderate</summary>")

		res := mod.Get(thread + "/close?original=%3Cb%3Enonsense")
		wantStatus(t, "close with nonsense", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "original", "That is not the address or the number of a conversation.")
		inputValue(t, res.Body, "original", "<b>nonsense")
		res = mod.Get(thread + "/close?original=" + original)
		wantStatus(t, "confirm close", res, http.StatusOK)
		contains(t, "confirm close", res.Body, "as a duplicate of “Rye starters”?", `name="original" value="`)
		var originalID int64
		fmt.Sscan(strings.TrimPrefix(original, "/c/bread/talk/"), &originalID)
		wantRedirect(t, "close", mod.Post(thread+"/close", form("original", fmt.Sprint(originalID))), thread)
		body := mem.Get(thread).Body
		contains(t, "closed thread", body, `Closed as a duplicate of <a href="`+original+`">Rye starters</a>`, "closed this as a duplicate")
		lacks(t, "closed thread", body, `action="`+thread+`/posts"`)
		wantRedirect(t, "reopen", mod.Post(thread+"/reopen", form()), thread)
		contains(t, "reopened thread", mem.Get(thread).Body, `action="`+thread+`/posts"`, "reopened this")

		// A reply, quoted, edited and its history.
		wantStatus(t, "reply", mem.Post(thread+"/posts", form("kind", "reply", "body", "Feed it <daily>.")), http.StatusSeeOther)
		reply := count(t, d, "SELECT MAX(id) FROM posts")
		res = mod.Get(fmt.Sprintf("%s?quote=%d", thread, reply))
		textareaValue(t, res.Body, "body", fmt.Sprintf("@mem [wrote](%s?post=%d#post-%d):\n> Feed it <daily>.\n\n", thread, reply, reply))
		wantStatus(t, "edit", mem.Post(fmt.Sprintf("%s/posts/%d/edit", thread, reply), form("body", "Feed it twice daily.")), http.StatusSeeOther)
		history := fmt.Sprintf("%s/posts/%d/history", thread, reply)
		contains(t, "edited marker", mem.Get(thread).Body, `href="`+history+`">edited`)
		contains(t, "history", mem.Get(history).Body, "Version 2", "Version 1", "<ins>twice </ins>", "Feed it &lt;daily&gt;.")

		// Watching: the member mutes, then watches again.
		wantRedirect(t, "mute", mem.Post(thread+"/watch", form("state", "muted")), thread)
		contains(t, "muted", mem.Get(thread).Body, "You muted this conversation")

		// Move: a confirmation, then the old address leads to the new one.
		res = mod.Get(thread + "/move")
		contains(t, "move form", res.Body, `value="cheese"`)
		res = mod.Get(thread + "/move?to=nowhere")
		wantStatus(t, "move nowhere", res, http.StatusUnprocessableEntity)
		contains(t, "move nowhere", res.Body, "There is no such community.")
		res = mod.Get(thread + "/move?to=cheese")
		contains(t, "confirm move", res.Body, "to Community cheese?", `name="to" value="cheese"`)
		moved := strings.Replace(thread, "/c/bread/", "/c/cheese/", 1)
		wantRedirect(t, "move", mod.Post(thread+"/move", form("to", "cheese")), moved)
		res = mem.Get(thread + "?post=1")
		if res.Status != http.StatusMovedPermanently || res.Location != moved+"?post=1" {
			t.Errorf("old address: %d to %q, want 301 to %s", res.Status, res.Location, moved)
		}
		contains(t, "moved thread", mem.Get(moved).Body, "moved this here from Community bread", "Feed it twice daily.")
		// A page left open before the move keeps polling: its poller follows.
		res = mem.Get(thread + "/live?after=0")
		if res.Status != http.StatusMovedPermanently || res.Location != moved+"/live?after=0" {
			t.Errorf("old live address: %d to %q, want 301 to %s/live", res.Status, res.Location, moved)
		}
		// Someone who may not read the new community finds nothing at the old address.
		exec(t, d, "UPDATE communities SET visibility = 'private' WHERE slug = 'cheese'")
		if res := mem.Get(thread); res.Status != http.StatusNotFound {
			t.Errorf("old address of a thread moved where the reader may not read: %d, want 404", res.Status)
		}
		lacks(t, "bread's talk", mem.Get("/c/bread/talk").Body, "Rye starter<")
	})
}

// TestModerationTellsOnlyTheAuthor: a thread's watchers do not hear of a
// pin or a lock; the author of a thread closed as a duplicate or moved, and
// of a reply hidden, does; the moderator does not start watching.
func TestModerationTellsOnlyTheAuthor(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("ask")
		e.Person("fan")
		e.Community(stew, "bread", community.Public, community.Open)
		e.Community(stew, "cheese", community.Public, community.Open)
		for _, h := range []string{"ask", "fan"} {
			e.SetMembership("bread", e.Actor(h), community.RoleMember, community.ActiveMember)
		}
		ask, fan, mod := e.As("ask"), e.As("fan"), e.As("stew")
		res := ask.Post("/c/bread/talk/new", form("kind", "discussion", "title", "Rye or spelt?", "body", "Which?"))
		wantStatus(t, "start", res, http.StatusSeeOther)
		thread := strings.SplitN(res.Location, "?", 2)[0]
		res = ask.Post("/c/bread/talk/new", form("kind", "discussion", "title", "Rye or spelt, again?", "body", "Which one?"))
		copy := strings.SplitN(res.Location, "?", 2)[0]
		wantStatus(t, "watch", fan.Post(copy+"/watch", form("state", "watching")), http.StatusSeeOther)
		runJobs := func() {
			t.Helper()
			if _, err := e.Worker.RunDue(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		runJobs()
		told := func(handle, verb string) int {
			return count(t, d, `SELECT COUNT(*) FROM notifications n JOIN activities a ON a.id = n.activity_id JOIN people p ON p.id = n.person_id
				WHERE p.handle = $1 AND a.verb = $2`, handle, verb)
		}
		wantStatus(t, "pin", mod.Post(copy+"/pin", form()), http.StatusSeeOther)
		wantStatus(t, "lock", mod.Post(copy+"/lock", form()), http.StatusSeeOther)
		wantStatus(t, "unlock", mod.Post(copy+"/lock", form("locked", "no")), http.StatusSeeOther)
		wantStatus(t, "close", mod.Post(copy+"/close", form("original", thread)), http.StatusSeeOther)
		wantStatus(t, "move", mod.Post(thread+"/move", form("to", "cheese")), http.StatusSeeOther)
		runJobs()
		for _, tc := range []struct {
			handle, verb string
			want         int
		}{
			{"fan", "thread.pinned", 0}, {"fan", "thread.locked", 0}, {"fan", "thread.closed", 0}, {"ask", "thread.pinned", 0},
			{"ask", "thread.closed", 1}, {"ask", "thread.moved", 1}, {"stew", "thread.closed", 0},
		} {
			if n := told(tc.handle, tc.verb); n != tc.want {
				t.Errorf("%s told of %s %d times, want %d", tc.handle, tc.verb, n, tc.want)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM subscriptions s JOIN people p ON p.id = s.person_id WHERE p.handle = 'stew' AND s.subject_kind = 'thread'`); n != 0 {
			t.Errorf("the moderator watches %d threads after moderating them", n)
		}
		// Moderation is not news: the community's feed does not show it.
		lacks(t, "the community's home", fan.Get("/c/bread").Body, "pinned", "closed as a duplicate")
	})
}
