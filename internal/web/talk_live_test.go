package web_test

import (
	"html"
	"net/http"
	"regexp"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

var liveRe = regexp.MustCompile(`hx-get="([^"]+/live\?after=\d+)"`)

// liveURL is the address a thread page (or a live fragment) polls.
func liveURL(t *testing.T, body string) string {
	t.Helper()
	m := liveRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no live poller in:\n%s", body)
	}
	return html.UnescapeString(m[1])
}

// An open thread page polls for what was written after it was shown: the
// fragment holds the new replies and answers (read from the database, so
// written through any instance) and polls on from the newest; with nothing
// new it is 204. Without script, "Show new replies" leads to the same
// posts. A private community's thread answers outsiders 404.
func TestThreadShowsNewRepliesWithoutReload(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Community(steward, "bakers", community.Public, community.Open)
		e.Community(steward, "vault", community.Private, community.Invite)
		e.SetMembership("bakers", e.Person("ada"), community.RoleMember, community.ActiveMember)
		sam, ada := e.As("sam"), e.As("ada")
		thread := talkAsk(t, sam, "bakers", "Best flour for baguettes?", "Asking for a bakery.")
		wantStatus(t, "first answer", ada.Post(thread+"/posts", form("kind", "answer", "body", "French T65.")), http.StatusSeeOther)

		page := e.Visitor().Get(thread)
		contains(t, "the no-script link", page.Body, "Show new replies")
		live := liveURL(t, page.Body)
		wantStatus(t, "nothing new yet", e.Visitor().Get(live), http.StatusNoContent)

		wantStatus(t, "a reply", sam.Post(thread+"/posts", form("kind", "reply", "body", "Which mill sells T65?")), http.StatusSeeOther)
		wantStatus(t, "an answer", ada.Post(thread+"/posts", form("kind", "answer", "body", "Or a **strong** bread flour.")), http.StatusSeeOther)
		res := e.Visitor().Get(live)
		wantStatus(t, "the new posts", res, http.StatusOK)
		contains(t, "the fragment", res.Body, "Which mill sells T65?", "<strong>strong</strong>", "New answer")
		lacks(t, "the fragment holds only what is new", res.Body, "French T65.", "<html")
		next := liveURL(t, res.Body)
		if next == live {
			t.Fatalf("the poller did not move on: %s", next)
		}
		wantStatus(t, "nothing newer", e.Visitor().Get(next), http.StatusNoContent)

		noScript := regexp.MustCompile(`href="([^"]+\?after=\d+#replies-h)"`).FindStringSubmatch(page.Body)
		if noScript == nil {
			t.Fatal("no Show new replies link")
		}
		contains(t, "the no-script page", e.Visitor().Get(html.UnescapeString(noScript[1])).Body, "Which mill sells T65?")

		secret := talkAsk(t, sam, "vault", "Vault question", "Hidden.")
		wantStatus(t, "an outsider polling a private thread", ada.Get(secret+"/live?after=0"), http.StatusNotFound)
	})
}
