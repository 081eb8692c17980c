package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The instance settings that change journeys: sign-up by invitation only,
// and communities that need an administrator's approval.

func TestInvitationOnlySignup(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		admin := e.As("admin")
		wantRedirect(t, "invitation only", admin.Post("/admin/settings", form("name", "Test Institution", "signup", "invite")), "/admin")

		v := e.Visitor()
		page := v.Get("/signup")
		wantStatus(t, "sign-up page", page, http.StatusOK)
		contains(t, "sign-up page", page.Body, "Sign-up on Test Institution is by invitation.")
		lacks(t, "sign-up page", page.Body, `action="/signup"`)
		people := count(t, d, "SELECT COUNT(*) FROM people")
		res := v.Post("/signup", form("name", "Nia Newcomer", "handle", "nia", "email", "nia@example.org", "password", apptest.Password))
		wantStatus(t, "uninvited sign-up", res, http.StatusForbidden)
		contains(t, "uninvited sign-up", res.Body, "Sign-up here is by invitation only.")
		if n := count(t, d, "SELECT COUNT(*) FROM people"); n != people {
			t.Fatal("an uninvited sign-up made an account")
		}

		wantRedirect(t, "admin invites", admin.Post("/admin/people/invite", form("email", "nia@example.org")), "/admin/people")
		invite := invitation(t, d, "nia@example.org")
		link := "/signup?invite=" + invite
		page = v.Get(link)
		wantStatus(t, "invited sign-up page", page, http.StatusOK)
		inputValue(t, page.Body, "email", "nia@example.org")
		contains(t, "invited sign-up page", page.Body, `<input type="hidden" name="invite" value="`+invite+`">`)

		res = v.Post("/signup", form("invite", invite, "name", "Nia Newcomer", "handle", "nia", "email", "other@example.org", "password", apptest.Password))
		wantStatus(t, "another address", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "email", "Use the address the invitation was sent to: nia@example.org.")
		contains(t, "another address", res.Body, `name="invite" value="`+invite+`"`)

		mail := count(t, d, "SELECT COUNT(*) FROM mail_outbox")
		res = v.Post("/signup", form("invite", invite, "name", "Nia Newcomer", "handle", "nia", "email", "nia@example.org", "password", apptest.Password))
		wantRedirect(t, "invited sign-up", res, "/")
		home := v.Get("/")
		contains(t, "home", home.Body, "Nia Newcomer</h1>")
		lacks(t, "home", home.Body, "Please confirm your e-mail address") // the invitation proved it
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox"); n != mail {
			t.Error("an invited sign-up sent a confirmation link")
		}

		res = e.Visitor().Post("/signup", form("invite", invite, "name", "Nia Again", "handle", "nia2", "email", "nia@example.org", "password", apptest.Password))
		wantStatus(t, "used invitation", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "email", "This invitation is no longer valid. Ask for a new one.")
	})
}

// A steward invites someone without an account by e-mail; the link works on
// an invitation-only instance, and signing up through it makes a member.
func TestStewardInvitesByEmail(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "quiet-room", community.Private, community.Invite)
		wantRedirect(t, "invitation only", e.As("admin").Post("/admin/settings", form("name", "Test Institution", "signup", "invite")), "/admin")
		sam := e.As("sam")
		wantRedirect(t, "invite", sam.Post("/c/quiet-room/members/invite", form("who", "zoe@example.org")), "/c/quiet-room/members")

		zoe := e.Visitor()
		res := zoe.Post("/signup", form("invite", invitation(t, d, "zoe@example.org"), "name", "Zoe Newcomer", "handle", "zoe",
			"email", "zoe@example.org", "password", apptest.Password))
		// Signing up through the invitation is accepting it: a member at once, taken to the community.
		wantRedirect(t, "sign up", res, "/c/quiet-room")
		wantStatus(t, "the member sees the community", zoe.Get("/c/quiet-room"), http.StatusOK)
		if strings.Contains(zoe.Get("/").Body, `id="inv-h"`) {
			t.Error("the home still offers an invitation to accept")
		}
		if got := membership(t, d, "quiet-room", "zoe"); got != "member/active" {
			t.Errorf("zoe is %q", got)
		}
		wantStatus(t, "member sees the members", zoe.Get("/c/quiet-room/members"), http.StatusOK)
	})
}

var invitePattern = regexp.MustCompile(`https?://\S+/signup\?invite=([A-Za-z0-9_-]+)`)

// invitation returns the token of the newest invitation mailed to address
// (apptest's MailLink looks for token= links only).
func invitation(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	body := text(t, d, "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", address)
	m := invitePattern.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no invitation link in the mail to %s:\n%s", address, body)
	}
	return m[1]
}

func TestCommunityApproval(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		e.Person("olga")
		admin, sam, olga := e.As("admin"), e.As("sam"), e.As("olga")
		wantRedirect(t, "require approval", admin.Post("/admin/settings",
			form("name", "Test Institution", "signup", "open", "approval_required", "on")), "/admin")

		contains(t, "new community form", sam.Get("/communities/new").Body, "an administrator approves new communities", "Propose the community")
		for _, slug := range []string{"kilns", "glazes"} {
			res := sam.Post("/communities/new", form("name", "Pottery "+slug, "slug", slug, "purpose", "We fire "+slug+".",
				"visibility", "public", "join_policy", "open"))
			wantRedirect(t, "propose "+slug, res, "/c/"+slug)
		}
		page := sam.Get("/c/kilns")
		wantStatus(t, "proposer", page, http.StatusOK)
		contains(t, "proposer", page.Body, "This community is a proposal waiting for an administrator's approval.",
			"Your proposal is with the administrators.")
		for _, c := range []*apptest.Client{olga, e.Visitor()} {
			wantStatus(t, "others before approval", c.Get("/c/kilns"), http.StatusNotFound)
			lacks(t, "directory before approval", c.Get("/communities").Body, "kilns", "glazes")
			wantProblem(t, "API before approval", c.Get("/api/v1/communities/kilns"), http.StatusNotFound)
		}
		wantStatus(t, "join a proposal", olga.Post("/c/kilns/join", nil), http.StatusNotFound)

		list := admin.Get("/admin/proposals")
		contains(t, "proposals", list.Body, `<a href="/c/kilns">Pottery kilns</a>`, `<a href="/c/glazes">Pottery glazes</a>`)
		wantRedirect(t, "approve", admin.Post("/admin/proposals/kilns/approve", nil), "/admin/proposals")
		wantRedirect(t, "decline", admin.Post("/admin/proposals/glazes/decline", nil), "/admin/proposals")
		lacks(t, "proposals after", admin.Get("/admin/proposals").Body, "Pottery kilns", "Pottery glazes")

		wantStatus(t, "others after approval", olga.Get("/c/kilns"), http.StatusOK)
		wantStatus(t, "visitor after approval", e.Visitor().Get("/c/kilns"), http.StatusOK)
		contains(t, "directory after approval", olga.Get("/communities").Body, `href="/c/kilns"`)
		wantStatus(t, "declined to others", olga.Get("/c/glazes"), http.StatusNotFound)
		wantStatus(t, "declined to the proposer", sam.Get("/c/glazes"), http.StatusOK)
		// Administrators start communities at once.
		res := admin.Post("/communities/new", form("name", "Admins", "slug", "admins", "purpose", "We administer.",
			"visibility", "public", "join_policy", "open"))
		wantRedirect(t, "admin starts", res, "/c/admins")
		wantStatus(t, "admin's community", olga.Get("/c/admins"), http.StatusOK)
	})
}
