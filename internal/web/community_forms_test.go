package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The community forms: starting one, its settings, and inviting someone.
// Each mistake comes back with 422, the message at its field, what was
// typed, and no change.

func TestNewCommunityFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		c := e.As("sam")
		communities := count(t, d, "SELECT COUNT(*) FROM communities")

		res := c.Post("/communities/new", form("name", "Sourdough Circle", "slug", "", "purpose", "  ", "scope", "Starters and levain",
			"visibility", "private", "join_policy", "request"))
		wantStatus(t, "missing purpose", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "purpose", "Say in a sentence or two why this community exists.")
		fieldValid(t, res.Body, "name")
		inputValue(t, res.Body, "name", "Sourdough Circle")
		textareaValue(t, res.Body, "scope", "Starters and levain")
		contains(t, "missing purpose", res.Body, `value="private" checked`, `value="request" checked`)

		res = c.Post("/communities/new", form("name", "Sourdough Circle", "slug", "Not A Slug!", "purpose", "We bake.",
			"visibility", "public", "join_policy", "open"))
		wantStatus(t, "bad slug", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "slug", "The web address is lower-case letters, digits and dashes (up to 48).")
		inputValue(t, res.Body, "slug", "Not A Slug!")
		textareaValue(t, res.Body, "purpose", "We bake.")

		res = c.Post("/communities/new", form("name", "Bread Two", "slug", "bread", "purpose", "We bake more.",
			"visibility", "public", "join_policy", "open"))
		wantStatus(t, "duplicate slug", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "slug", "Another community uses this web address. Choose another.")
		inputValue(t, res.Body, "name", "Bread Two")
		inputValue(t, res.Body, "slug", "bread")

		res = c.Post("/communities/new", form("name", "Bread Two", "slug", "new", "purpose", "We bake more.",
			"visibility", "secret", "join_policy", "open"))
		wantStatus(t, "reserved slug and bad visibility", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "slug", "This web address is reserved. Choose another.")
		contains(t, "bad visibility", res.Body, `<p class="error">Choose who can see the community.</p>`)

		if n := count(t, d, "SELECT COUNT(*) FROM communities"); n != communities {
			t.Errorf("bad forms made %d communities", n-communities)
		}
		if got := text(t, d, "SELECT name FROM communities WHERE slug = 'bread'"); got != "Community bread" {
			t.Errorf("the duplicate touched bread: %q", got)
		}
	})
}

func TestCommunitySettingsFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		c := e.As("sam")
		before := snapshot(t, d, "bread")

		res := c.Post("/c/bread/settings", form("name", "", "purpose", "A purpose I typed.", "tags", "a, b, c, d, e, f, g, h, i, j, k",
			"visibility", "institution", "join_policy", "invite"))
		wantStatus(t, "empty name, too many tags", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "name", "Give the community a name.")
		fieldError(t, res.Body, "tags", "Use at most 10 tags.")
		contains(t, "settings errors", res.Body, "Please correct the highlighted fields.", `value="institution" checked`, `value="invite" checked`)
		textareaValue(t, res.Body, "purpose", "A purpose I typed.")
		inputValue(t, res.Body, "tags", "a, b, c, d, e, f, g, h, i, j, k")
		if after := snapshot(t, d, "bread"); after != before {
			t.Errorf("a bad charter changed the community:\nbefore %s\nafter  %s", before, after)
		}
		// The page still belongs to its community (header, tabs) after the error.
		contains(t, "settings errors", res.Body, `<h1 class="community-name"><a href="/c/bread">Community bread</a></h1>`)
	})
}

func TestInviteFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Private, community.Invite)
		c := e.As("sam")
		before := snapshot(t, d, "bread")

		// Each name that fails is shown on its own line under the field, and kept in it.
		var last apptest.Response
		post := func(who string) {
			t.Helper()
			last = c.Post("/c/bread/members/invite", form("who", who))
			wantStatus(t, who, last, http.StatusUnprocessableEntity)
		}
		lineError := func(what, text, msg string) {
			t.Helper()
			fieldError(t, last.Body, "who", "1 person was not invited: see why below, correct and send again.")
			contains(t, what, last.Body, "<li><strong>"+html.EscapeString(text)+"</strong>: "+html.EscapeString(msg)+"</li>")
			contains(t, what, last.Body, `aria-describedby="h-who e-who e-who-lines">`+html.EscapeString(text)+"</textarea>")
		}
		post("@nobody")
		lineError("unknown handle", "@nobody", "Nobody has the handle @nobody. Check the spelling, or invite them by e-mail.")
		contains(t, "unknown handle", last.Body, `<a href="/people/sam">Sam Tester</a>`) // the members are listed still
		post("not an address@")
		lineError("bad address", "not an address@", "Not an e-mail address: write it as name@example.org or Name <name@example.org>.")
		post("sam")
		lineError("a member already", "sam", "@sam is a member already, or has asked or been invited to join.")
		post(" ")
		fieldError(t, last.Body, "who", "Enter a handle (such as @ada) or an e-mail address.")

		if after := snapshot(t, d, "bread"); after != before {
			t.Errorf("refused invitations changed the community:\nbefore %s\nafter  %s", before, after)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM tokens WHERE purpose = 'invite'"); n != 0 {
			t.Errorf("refused invitations made %d tokens", n)
		}
		if strings.Contains(last.Body, "Invitation sent") {
			t.Error("a refused invitation says it was sent")
		}
	})
}
