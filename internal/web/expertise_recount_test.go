package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestAcceptedAnswerCountsAfterTheRecount: an accepted answer shows on the
// answerer's profile at once (to those who may read it) and in /experts
// once a recount has run (the one it asked for, a little later, or the
// nightly one).
func TestAcceptedAnswerCountsAfterTheRecount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		e.Community(e.Actor("sam"), "backroom", community.Private, community.Invite)
		for _, h := range []string{"ada", "bea"} {
			e.SetMembership("bakers", e.Person(h), community.RoleMember, community.ActiveMember)
			e.SetMembership("backroom", e.Actor(h), community.RoleMember, community.ActiveMember)
		}
		e.Person("olga")
		ada, bea := e.As("ada"), e.As("bea")
		for _, slug := range []string{"bakers", "backroom"} {
			thread := talkAsk(t, ada, slug, "Rye or wheat in "+slug+"?", "Which flour for a first loaf?")
			wantStatus(t, "answer", bea.Post(thread+"/posts", form("kind", "answer", "body", "Wheat: it forgives.")), http.StatusSeeOther)
			post := count(t, d, `SELECT p.id FROM posts p JOIN threads t ON t.id = p.subject_id JOIN communities c ON c.id = t.community_id
				WHERE p.subject_kind = 'thread' AND c.slug = $1`, slug)
			wantStatus(t, "accept", ada.Post(thread+"/posts/"+itoa64(int64(post))+"/accept", form()), http.StatusSeeOther)
		}
		runAt := func(at time.Time) {
			t.Helper()
			e.Worker.Jobs.SetClock(func() time.Time { return at })
			if _, err := e.Worker.RunDue(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		olga := e.As("olga")
		if body := olga.Get("/experts?topic=bread").Body; strings.Contains(body, `href="/people/bea"`) {
			t.Error("the answer counts before any recount ran")
		}
		body := olga.Get("/people/bea").Body
		if !strings.Contains(body, "Rye or wheat in bakers?") || strings.Contains(body, "Rye or wheat in backroom?") {
			t.Errorf("bea's answers to olga (who may read bakers only):\n%s", body)
		}
		if body := ada.Get("/people/bea").Body; !strings.Contains(body, "Rye or wheat in backroom?") {
			t.Error("ada, a member of backroom, does not see bea's answer there")
		}
		runAt(time.Now().Add(5 * time.Minute))
		body = olga.Get("/experts?topic=bread").Body
		if !strings.Contains(body, `href="/people/bea"`) || !strings.Contains(body, "1 accepted answer<") {
			t.Errorf("after the recount, /experts?topic=bread does not list bea with 1 accepted answer (the private one does not count):\n%s", body)
		}
	})
}
