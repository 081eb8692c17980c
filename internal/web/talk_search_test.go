package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// /search finds a question and its answer, each shown as such and linked
// to the thread; the private community's talk stays hidden from outsiders.
func TestSearchShowsThreadsAndAnswers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Community(steward, "bakers", community.Public, community.Open)
		e.Community(steward, "vault", community.Private, community.Invite)
		sam := e.As("sam")
		thread := talkAsk(t, sam, "bakers", "Why does rye crumb stay gummy?", "My rye loaf is gummy.")
		wantStatus(t, "answer", sam.Post(thread+"/posts", form("kind", "answer", "body", "Rest the loaf a whole day before cutting.")), http.StatusSeeOther)
		talkAsk(t, sam, "vault", "Gummy secret", "Hidden gummy words.")

		res := e.Visitor().Get("/search?q=gummy")
		wantStatus(t, "search", res, http.StatusOK)
		contains(t, "a thread hit", res.Body, `href="`+thread+`"`, `<span class="badge">Question</span>`)
		lacks(t, "the private community's question", res.Body, "Gummy secret")
		res = e.Visitor().Get("/search?q=cutting&kind=reply")
		contains(t, "an answer hit", res.Body, "Answer to Why does rye crumb stay gummy?", thread+"?post=")
	})
}
