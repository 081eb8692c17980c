package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"

	"hearth/internal/apptest"
)

// TestThreadShowsItsFirstStoryAndModeration: a thread's page looks up its
// value stories and moderation log only once the thread has one (flags kept
// by triggers, migration 0062); a thread read before it had either shows its
// first story and its first moderator's action at once, to a visitor, a
// member and a moderator, and still none on a thread without. A visitor's
// page runs 2 queries before, 4 after.
func TestThreadShowsItsFirstStoryAndModeration(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("mem")
		e.Community(stew, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("mem"), community.RoleMember, community.ActiveMember)
		mod, mem := e.As("stew"), e.As("mem")
		readers := map[string]*apptest.Client{"visitor": e.Visitor(), "member": mem, "moderator": mod}
		start := func(title string) string {
			t.Helper()
			res := mem.Post("/c/bread/talk/new", form("kind", "discussion", "title", title, "body", "About "+title+"."))
			wantStatus(t, "start", res, http.StatusSeeOther)
			return strings.SplitN(res.Location, "?", 2)[0]
		}
		thread, other := start("Rye starters"), start("Spelt")
		wantStatus(t, "reply", mem.Post(thread+"/posts", form("kind", "reply", "body", "Feed it daily.")), http.StatusSeeOther)
		reply := count(t, d, "SELECT MAX(id) FROM posts")
		for who, c := range readers {
			lacks(t, who+", before", c.Get(thread).Body, "Value stories that tell of it", `class="modlog`)
		}
		// A visitor's page of a discussion: its community and the thread,
		// its newest replies kept; no lookup of stories or log it never had.
		visitorQueries := func() int64 {
			t.Helper()
			readers["visitor"].Get(thread) // the first read at a version of its posts reads them
			before := d.QueryCount()
			wantStatus(t, "visitor", readers["visitor"].Get(thread), http.StatusOK)
			return d.QueryCount() - before
		}
		if n := visitorQueries(); n != 2 {
			t.Errorf("a visitor's page of a thread without stories or moderation ran %d queries, want 2", n)
		}

		story := tellStory(t, e, "mem", "bread", "Loaves for the ward", "public")
		wantStatus(t, "link the story", mem.Post(story, form("title", "Loaves for the ward", "audience", "public", "links", thread,
			"immediate_text", "I came to the bake-along.", "immediate_status", "realised")), http.StatusSeeOther)
		wantStatus(t, "hide", mod.Post(fmt.Sprintf("%s/posts/%d/hide", thread, reply), form("hidden", "yes")), http.StatusSeeOther)
		if n := visitorQueries(); n != 4 {
			t.Errorf("a visitor's page of a thread with a story and a moderator's action ran %d queries, want 4 (+ the story, + the log)", n)
		}
		for who, c := range readers {
			contains(t, who+", after", c.Get(thread).Body, `href="`+story+`">Loaves for the ward</a>`, `class="modlog`, "hid a reply")
			lacks(t, who+", another thread", c.Get(other).Body, "Value stories that tell of it", `class="modlog`)
		}
	})
}
