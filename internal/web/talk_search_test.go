package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// /search finds a question and its answer, each shown as such and linked
// to the thread; the private community's talk stays hidden from outsiders.
func TestSearchShowsThreadsAndAnswers(t *testing.T) {
	t.Parallel()
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

// Before asking: a question whose title matches a question or an entry of
// the community is held back; they are shown, with everything typed kept
// and "Ask anyway", which then asks it. A title matching nothing is asked
// at once; a private community's matches are never shown to others.
func TestAskingShowsSimilarFirstThenAsksAnyway(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("sam")
		e.Community(steward, "bakers", community.Public, community.Open)
		e.Community(steward, "vault", community.Private, community.Invite)
		e.SetMembership("bakers", e.Person("ada"), community.RoleMember, community.ActiveMember)
		sam, ada := e.As("sam"), e.As("ada")
		old := talkAsk(t, sam, "bakers", "How long should a levain ferment?", "Mine peaks fast.")
		talkAsk(t, sam, "vault", "Levain secrets of the vault", "Hidden.")
		res := sam.Post("/c/bakers/practice/new", url.Values{"kind": {"lesson"}, "title": {"Feeding a levain in summer"},
			"summary": {"Cooler water."}, "body": {"Use cold water for the levain."}, "action": {"publish"}})
		wantStatus(t, "entry", res, http.StatusSeeOther)

		typed := form("kind", "question", "title", "Levain ferment too fast", "body", "It doubles in <two> hours.", "tags", "levain")
		res = ada.Post("/c/bakers/talk/new", typed)
		wantStatus(t, "a question with similar ones", res, http.StatusOK)
		contains(t, "the suggestions", res.Body, `href="`+old+`"`, "Lesson learned in the library", "Ask anyway",
			`name="ask" value="anyway"`, "It doubles in &lt;two&gt; hours.", `value="levain"`)
		lacks(t, "the private community's question", res.Body, "vault")
		if n := count(t, d, "SELECT COUNT(*) FROM threads WHERE community_id = (SELECT id FROM communities WHERE slug = 'bakers')"); n != 1 {
			t.Fatalf("%d threads after the suggestions, want the question held back", n)
		}
		typed.Set("ask", "anyway")
		wantStatus(t, "ask anyway", ada.Post("/c/bakers/talk/new", typed), http.StatusSeeOther)

		res = ada.Post("/c/bakers/talk/new", form("kind", "question", "title", "Which oven thermometer?", "body", "For a Dutch oven."))
		wantStatus(t, "a question like no other", res, http.StatusSeeOther)
		if n := count(t, d, "SELECT COUNT(*) FROM threads WHERE author_id = (SELECT id FROM people WHERE handle = 'ada')"); n != 2 {
			t.Fatalf("ada has %d questions, want 2", n)
		}

		// While typing (htmx), the same suggestions come from the form's page.
		res = ada.Get("/c/bakers/talk/new?kind=question&title=levain")
		contains(t, "live suggestions", res.Body, `id="similar"`, `href="`+old+`"`)
		lacks(t, "live suggestions hold nothing back", res.Body, "Ask anyway")
	})
}
