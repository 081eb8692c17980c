package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// TestQuoteAPassage: a member selects a sentence of a reply and presses
// its "Quote": the reply form starts with that sentence alone, quoted and
// attributed; pressed with nothing selected, it quotes the whole reply.
func TestQuoteAPassage(t *testing.T) {
	ctx := testContext(t)
	b := newBrowser(t, ctx)
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	sam := newPerson(env, "sam", "Sam Reyes")
	env.Community(sam, "bakers", community.Public, community.Open)
	env.SetMembership("bakers", newPerson(env, "mara", "Mara Lind"), community.RoleMember, community.ActiveMember)
	res := env.As("sam").Post("/c/bakers/talk/new", url.Values{"kind": {"discussion"}, "title": {"Rye or spelt?"}, "body": {"Which flour first?"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("start: %d", res.Status)
	}
	thread := strings.SplitN(res.Location, "?", 2)[0]
	if res := env.As("sam").Post(thread+"/posts", url.Values{"kind": {"reply"}, "body": {"Start with rye. It forgives mistakes."}}); res.Status != http.StatusSeeOther {
		t.Fatalf("reply: %d", res.Status)
	}

	mara := b.person("Mara (member)")
	mara.signIn(base, "mara", "Mara Lind")
	mara.open(base + thread)
	// Select "It forgives mistakes." in the reply, as a person would with the mouse.
	eval[bool](mara, `(() => {
		const p = document.querySelector("ol.comment-list .prose p");
		const text = p.firstChild, at = text.textContent.indexOf("It forgives");
		const r = document.createRange();
		r.setStart(text, at); r.setEnd(text, text.textContent.length);
		const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
		return true; })()`)
	mara.follow(link("Quote this reply"))
	got := eval[string](mara, `document.getElementById("f-body").value`)
	if !strings.HasPrefix(got, "@sam [wrote](") || !strings.HasSuffix(got, "):\n> It forgives mistakes.\n\n") {
		mara.fatalf("the reply form starts with %q, want the selected sentence alone, quoted", got)
	}
	mara.open(base + thread)
	mara.follow(link("Quote this reply"))
	if got := eval[string](mara, `document.getElementById("f-body").value`); !strings.HasSuffix(got, "> Start with rye. It forgives mistakes.\n\n") {
		mara.fatalf("with nothing selected, the reply form starts with %q, want the whole reply", got)
	}
}
