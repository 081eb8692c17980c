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

// A visitor on an entry whose comments are closed is not invited to sign in
// "to join the conversation" (issue 9, friction 14); on an open one they are.
func TestVisitorIsNotInvitedToAClosedConversation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam := e.As("sam")
		res := sam.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Rye"}, "summary": {"It rose."}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.Status)
		}
		entry := strings.SplitN(res.Location, "?", 2)[0]
		if page := e.Visitor().Get(entry).Body; !strings.Contains(page, "join the conversation") {
			t.Fatal("an open entry does not invite a visitor to join the conversation")
		}
		if res := sam.Post(entry+"/comments/open", url.Values{"open": {"no"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("close comments: %d", res.Status)
		}
		page := e.Visitor().Get(entry).Body
		if strings.Contains(page, "join the conversation") {
			t.Fatal("a closed entry invites a visitor to join the conversation")
		}
		if !strings.Contains(page, "Comments are closed") {
			t.Fatal("the closed entry does not say its comments are closed")
		}
	})
}
