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

// A thread's posts are rendered once and reused (internal/web
// talk_fragments.go): each reader still sees the post as it is now (edited,
// hidden, shown again, its author renamed, removed), and only the controls
// that reader may use, whoever loaded the page before.
func TestCachedRepliesFollowEditsModerationAndReaders(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		for _, h := range []string{"mem", "other"} {
			e.SetMembership("bread", e.Person(h), community.RoleMember, community.ActiveMember)
		}
		mod, mem, other, visitor := e.As("stew"), e.As("mem"), e.As("other"), e.Visitor()
		res := mem.Post("/c/bread/talk/new", form("kind", "discussion", "title", "Rye", "body", "Let us talk about rye."))
		wantStatus(t, "start", res, http.StatusSeeOther)
		thread := strings.SplitN(res.Location, "?", 2)[0]
		wantStatus(t, "reply", mem.Post(thread+"/posts", form("kind", "reply", "body", "First **draft** <script>x()</script>")), http.StatusSeeOther)
		id := count(t, d, "SELECT MAX(id) FROM posts")
		post := fmt.Sprintf("%s/posts/%d", thread, id)
		edit, hide, quote := `action="`+post+`/edit"`, `action="`+post+`/hide"`, fmt.Sprintf(`?quote=%d#reply`, id)

		// Every reader in turn, twice: the second sees the fragment the
		// first rendered, with their own controls only.
		for range 2 {
			body := visitor.Get(thread).Body
			contains(t, "visitor", body, "First <strong>draft</strong>")
			lacks(t, "visitor", body, edit, hide, quote, "<script>x()")
			body = mem.Get(thread).Body
			contains(t, "author", body, "First <strong>draft</strong>", edit, quote)
			lacks(t, "author", body, hide)
			body = other.Get(thread).Body
			contains(t, "other member", body, quote)
			lacks(t, "other member", body, edit, hide)
			body = mod.Get(thread).Body
			contains(t, "moderator", body, hide, quote)
			lacks(t, "moderator", body, edit)
		}

		wantStatus(t, "edit", mem.Post(post+"/edit", form("body", "Second _version_")), http.StatusSeeOther)
		body := visitor.Get(thread).Body
		contains(t, "edited, visitor", body, "Second <em>version</em>", `href="`+post+`/history">edited`)
		lacks(t, "edited, visitor", body, "First <strong>draft</strong>")
		wantStatus(t, "edit again", mem.Post(post+"/edit", form("body", "Second _version_, again")), http.StatusSeeOther)
		contains(t, "edited again, visitor", visitor.Get(thread).Body, "Second <em>version</em>, again")

		wantStatus(t, "hide", mod.Post(post+"/hide", form()), http.StatusSeeOther)
		for name, c := range map[string]*apptest.Client{"visitor": visitor, "other member": other} {
			body := c.Get(thread).Body
			contains(t, "hidden, "+name, body, "This reply is hidden.", "Hidden by a moderator")
			lacks(t, "hidden, "+name, body, "Second <em>version</em>", quote, hide)
		}
		contains(t, "hidden, author", mem.Get(thread).Body, "Second <em>version</em>", "Hidden by a moderator")
		contains(t, "hidden, moderator", mod.Get(thread).Body, "Second <em>version</em>", "Show again")
		wantStatus(t, "show again", mod.Post(post+"/hide", form("hidden", "no")), http.StatusSeeOther)
		body = visitor.Get(thread).Body
		contains(t, "shown again", body, "Second <em>version</em>, again")
		lacks(t, "shown again", body, "This reply is hidden.", "Hidden by a moderator")

		exec(t, d, "UPDATE people SET name = 'Mia Renamed' WHERE handle = 'mem'")
		contains(t, "author renamed", visitor.Get(thread).Body, `<a href="/people/mem">Mia Renamed</a>`)

		wantStatus(t, "delete", mem.Post(post+"/delete", form()), http.StatusSeeOther)
		body = visitor.Get(thread).Body
		contains(t, "removed", body, "This was removed by its author")
		lacks(t, "removed", body, "Second <em>version</em>")
	})
}

// An answer's votes and acceptance are the reader's own: the member who
// voted sees "Withdraw my vote", nobody else does, though the answer's
// fragment is shared.
func TestCachedAnswersKeepEachReadersVote(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		for _, h := range []string{"asker", "voter", "other"} {
			e.SetMembership("bread", e.Person(h), community.RoleMember, community.ActiveMember)
		}
		thread := talkAsk(t, e.As("asker"), "bread", "Which rye?", "Dark or light?")
		wantStatus(t, "answer", e.As("stew").Post(thread+"/posts", form("kind", "answer", "body", "Dark, *always*.")), http.StatusSeeOther)
		id := count(t, d, "SELECT MAX(id) FROM posts")
		vote := fmt.Sprintf(`action="%s/posts/%d/vote"`, thread, id)
		accept := fmt.Sprintf(`action="%s/posts/%d/accept"`, thread, id)
		contains(t, "before the vote", e.As("other").Get(thread).Body, "Dark, <em>always</em>.", vote, "Vote up")
		wantStatus(t, "vote", e.As("voter").Post(fmt.Sprintf("%s/posts/%d/vote", thread, id), form("vote", "up")), http.StatusSeeOther)
		contains(t, "voter", e.As("voter").Get(thread).Body, "Withdraw my vote", "1 vote")
		body := e.As("other").Get(thread).Body
		contains(t, "other member", body, "Vote up", "1 vote")
		lacks(t, "other member", body, "Withdraw my vote", accept)
		body = e.Visitor().Get(thread).Body
		contains(t, "visitor", body, "Dark, <em>always</em>.", "1 vote")
		lacks(t, "visitor", body, vote, accept)
		contains(t, "asker", e.As("asker").Get(thread).Body, accept)
	})
}
