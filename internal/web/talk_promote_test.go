package web_test

import (
	"net/http"
	"regexp"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A steward turns an answer into a lesson, pre-filled from it; the entry
// says where it came from and the thread shows "This became a lesson in the
// library". The answer's author may promote it too; another member may not,
// and is refused without anything made or linked.
func TestPromoteAnswerIntoLessonLinksBothWays(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Community(steward, "bakers", community.Public, community.Open)
		for _, h := range []string{"ada", "bea"} {
			e.SetMembership("bakers", e.Person(h), community.RoleMember, community.ActiveMember)
		}
		sam, ada, bea := e.As("sam"), e.As("ada"), e.As("bea")
		thread := talkAsk(t, ada, "bakers", "Why is my crust pale?", "It stays pale.")
		res := bea.Post(thread+"/posts", form("kind", "answer", "body", "Bake with steam, then **vent** it."))
		wantStatus(t, "answer", res, http.StatusSeeOther)
		post := regexp.MustCompile(`post=(\d+)`).FindStringSubmatch(res.Location)[1]
		newURL := "/c/bakers/practice/new?from_thread=" + thread[len("/c/bakers/talk/"):] + "&from_post=" + post

		res = sam.Get(thread)
		contains(t, "the steward's promote link", res.Body, "Turn this into an entry in the library")
		lacks(t, "the thread not yet promoted", res.Body, "This became")
		res = ada.Get(newURL)
		wantStatus(t, "the asker may not promote bea's answer", res, http.StatusForbidden)
		res = bea.Get(newURL)
		wantStatus(t, "the answer's author may", res, http.StatusOK)
		res = sam.Get(newURL)
		wantStatus(t, "the steward may", res, http.StatusOK)
		contains(t, "the pre-filled form", res.Body, `value="Why is my crust pale?"`, "&gt; Bake with steam, then **vent** it.",
			`name="from_post" value="`+post+`"`, `value="lesson" checked`, "An answer by Bea Tester")

		refused := form("kind", "lesson", "title", "Steam for colour", "summary", "Steam, then vent.", "body", "Steam.",
			"action", "publish", "from_thread", thread[len("/c/bakers/talk/"):], "from_post", post)
		wantStatus(t, "a member promoting another's answer", ada.Post("/c/bakers/practice/new", refused), http.StatusForbidden)
		if n := count(t, d, "SELECT COUNT(*) FROM entries") + count(t, d, "SELECT COUNT(*) FROM links"); n != 0 {
			t.Fatalf("a refused promotion left %d entries and links", n)
		}
		res = sam.Post("/c/bakers/practice/new", refused)
		wantStatus(t, "the steward promotes", res, http.StatusSeeOther)
		if n := count(t, d, "SELECT COUNT(*) FROM links WHERE from_kind = 'post' AND from_id = $1 AND to_kind = 'entry' AND kind = 'became'", post); n != 1 {
			t.Fatalf("%d links from the answer", n)
		}
		entry := res.Location
		contains(t, "the entry's provenance", sam.Get(entry).Body, `href="`+thread+`?post=`+post+`#post-`+post+`"`, "answer by Bea Tester</a> in", "Why is my crust pale?")
		res = e.Visitor().Get(thread)
		contains(t, "the thread's note", res.Body, "This became a lesson in the library", `href="`+entry+`"`)
	})
}

// A thread itself may be promoted by the person who started it.
func TestPromoteThreadByItsAuthor(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		e.SetMembership("bakers", e.Person("ada"), community.RoleMember, community.ActiveMember)
		ada := e.As("ada")
		thread := talkAsk(t, ada, "bakers", "Rye starters compared", "Three starters, three weeks.")
		id := thread[len("/c/bakers/talk/"):]
		contains(t, "the author's link", ada.Get(thread).Body, "Turn this question into an entry in the library")
		res := ada.Post("/c/bakers/practice/new", form("kind", "story", "title", "Three rye starters", "summary", "What we saw.",
			"body", "Three starters, three weeks.", "action", "publish", "from_thread", id))
		wantStatus(t, "promote the thread", res, http.StatusSeeOther)
		contains(t, "the entry's provenance", ada.Get(res.Location).Body, `The question “<a href="`+thread+`">Rye starters compared</a>”`)
		contains(t, "the thread's note", ada.Get(thread).Body, "This became an entry in the library")
	})
}
