package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/ratelimit"
)

// talkAsk asks a question in slug as c (past any similar ones) and returns
// the thread's path.
func talkAsk(t *testing.T, c *apptest.Client, slug, title, body string) string {
	t.Helper()
	res := c.Post("/c/"+slug+"/talk/new", form("kind", "question", "title", title, "body", body, "tags", "bread, crumb", "ask", "anyway"))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("ask %q: %d\n%s", title, res.Status, res.Body)
	}
	return strings.SplitN(res.Location, "?", 2)[0]
}

// A form with a mistake comes back with 422, the error next to its field,
// and everything typed kept; nothing is saved.
func TestTalkFormsKeepWhatWasTyped(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		sam := e.As("sam")
		res := sam.Post("/c/bakers/talk/new", form("kind", "question", "title", "  ", "body", "My starter smells of <acetone>.", "tags", "starter"))
		wantStatus(t, "untitled question", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "title", "Give it a title.")
		contains(t, "the refused form", res.Body, "My starter smells of &lt;acetone&gt;.", `value="starter"`)
		if n := count(t, d, "SELECT COUNT(*) FROM threads"); n != 0 {
			t.Fatalf("%d threads saved from a refused form", n)
		}
		thread := talkAsk(t, sam, "bakers", "Why acetone?", "It smells.")
		res = sam.Post(thread+"/posts", form("kind", "answer", "body", "   "))
		wantStatus(t, "empty answer", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "body", "Write something first.")
		if n := count(t, d, "SELECT COUNT(*) FROM posts"); n != 0 {
			t.Fatalf("%d posts saved from a refused form", n)
		}
	})
}

// The asker hears of each answer; the answerer of its acceptance; the
// mentioned of the question. The accepted answer is shown first.
func TestTalkAnswersAndAcceptanceNotify(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		for _, h := range []string{"ada", "bea"} {
			e.SetMembership("bakers", e.Person(h), community.RoleMember, community.ActiveMember)
		}
		sam, ada, bea := e.As("sam"), e.As("ada"), e.As("bea")
		run := func() {
			t.Helper()
			if _, err := e.Worker.RunDue(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		told := func(handle, verb, reason string) int {
			t.Helper()
			return count(t, d, `SELECT COUNT(*) FROM notifications n JOIN activities a ON a.id = n.activity_id JOIN people p ON p.id = n.person_id
				WHERE p.handle = $1 AND a.verb = $2 AND n.reason = $3 AND a.subject_kind = 'thread'`, handle, verb, reason)
		}
		thread := talkAsk(t, ada, "bakers", "Rye or wheat?", "Which flour for a first loaf, @bea?")
		run()
		if told("bea", "question.asked", "mention") != 1 {
			t.Error("the mentioned member was not told of the question")
		}
		wantStatus(t, "first answer", bea.Post(thread+"/posts", form("kind", "answer", "body", "Wheat: it forgives.")), http.StatusSeeOther)
		wantStatus(t, "second answer", sam.Post(thread+"/posts", form("kind", "answer", "body", "Rye, for flavour.")), http.StatusSeeOther)
		run()
		if n := told("ada", "answer.added", "author"); n != 2 {
			t.Errorf("the asker was told of %d answers, want 2", n)
		}
		beas := int64(count(t, d, "SELECT p.id FROM posts p JOIN people a ON a.id = p.author_id WHERE a.handle = 'bea'"))
		wantStatus(t, "accept", ada.Post(thread+"/posts/"+itoa64(beas)+"/accept", form()), http.StatusSeeOther)
		run()
		if told("bea", "answer.accepted", "author") != 1 {
			t.Error("the answerer was not told of the acceptance")
		}
		page := e.Visitor().Get(thread).Body
		if a, b := strings.Index(page, "Wheat: it forgives."), strings.Index(page, "Rye, for flavour."); a < 0 || b < 0 || a > b {
			t.Errorf("the accepted answer is not shown first")
		}
		contains(t, "the thread", page, "Accepted answer")
		if body := sam.Get("/c/bakers/talk?unanswered=1").Body; strings.Contains(body, "Rye or wheat?") {
			t.Error("an answered question is listed as unanswered")
		}
		if body := sam.Get("/c/bakers").Body; !strings.Contains(body, `href="/c/bakers/talk"`) {
			t.Error("the community header has no Talk tab")
		}
	})
}

// Replies and new threads count under the comment limit: past it, 429 and
// nothing saved.
func TestTalkRepliesCountUnderTheCommentLimit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(10*time.Minute, 2, ratelimit.Comment))
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		sam := e.As("sam")
		thread := talkAsk(t, sam, "bakers", "Crumb?", "Open or tight?")
		wantStatus(t, "first reply", sam.Post(thread+"/posts", form("kind", "reply", "body", "Open.")), http.StatusSeeOther)
		wantTooMany(t, "second reply", sam.Post(thread+"/posts", form("kind", "reply", "body", "Very open.")), 10*time.Minute)
		if n := count(t, d, "SELECT COUNT(*) FROM posts"); n != 1 {
			t.Errorf("%d replies, want 1", n)
		}
	})
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
