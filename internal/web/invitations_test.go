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

// TestInvitationRoutesPermissions: every new route of invitations, for a
// visitor, an outsider, a member, a steward and an administrator of a
// private community: outsiders are told it does not exist.
func TestInvitationRoutesPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		e.SetMembership("hidden", e.Person("mem"), community.RoleMember, community.ActiveMember)
		e.Person("out")
		if res := e.As("stew").Post("/c/hidden/members/invite", url.Values{"who": {"new@example.org"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("invite: %d\n%s", res.Status, res.Body)
		}
		_, list, err := e.Communities.Invitations(t.Context(), stew, "hidden")
		if err != nil || len(list) != 1 {
			t.Fatalf("invitations: %v %v", list, err)
		}
		l, err := e.Communities.CreateInviteLink(t.Context(), stew, "hidden", 7, 0)
		if err != nil {
			t.Fatal(err)
		}
		key, link := list[0].Key, "/c/hidden/invitation-links/"+itoa64(l.ID)+"/revoke"
		clients := map[string]*apptest.Client{"visitor": e.Visitor(), "outsider": e.As("out"), "member": e.As("mem"), "admin": e.As("admin")}
		for who, c := range clients {
			for _, tc := range []struct {
				method, path string
			}{
				{"POST", "/c/hidden/members/invite"},
				{"POST", "/c/hidden/invitations/" + key + "/resend"},
				{"GET", "/c/hidden/invitations/" + key + "/revoke"},
				{"POST", "/c/hidden/invitations/" + key + "/revoke"},
				{"POST", "/c/hidden/invitation-links"},
				{"GET", link},
				{"POST", link},
			} {
				var res apptest.Response
				if tc.method == "GET" {
					res = c.Get(tc.path)
				} else {
					res = c.Post(tc.path, url.Values{"who": {"x@example.org"}, "days": {"7"}})
				}
				want := http.StatusNotFound
				if who == "member" {
					want = http.StatusForbidden
				}
				if who == "member" && tc.method == "POST" {
					// Refusals of a form without one come back as a message on the page.
					if res.Status != http.StatusSeeOther && res.Status != http.StatusForbidden {
						t.Errorf("%s %s %s: %d", who, tc.method, tc.path, res.Status)
					}
					continue
				}
				if who == "admin" && res.Status != http.StatusNotFound && res.Status != http.StatusForbidden && res.Status != http.StatusSeeOther {
					t.Errorf("%s %s %s: %d", who, tc.method, tc.path, res.Status)
				}
				if who != "admin" && res.Status != want {
					t.Errorf("%s %s %s: %d, want %d", who, tc.method, tc.path, res.Status, want)
				}
			}
		}
		_, list, _ = e.Communities.Invitations(t.Context(), stew, "hidden")
		links, _ := e.Communities.InviteLinks(t.Context(), stew, "hidden")
		if len(list) != 1 || len(links) != 1 {
			t.Errorf("after others tried: %d invitations, %d links, want 1 and 1", len(list), len(links))
		}
		// The steward: each route works.
		s := e.As("stew")
		if res := s.Get("/c/hidden/members"); res.Status != http.StatusOK || !strings.Contains(res.Body, "new@example.org") || !strings.Contains(res.Body, l.Path()) {
			t.Errorf("members page for the steward: %d, lacks the invitation or the link", res.Status)
		}
		if res := s.Get("/c/hidden/invitations/" + key + "/revoke"); res.Status != http.StatusOK || !strings.Contains(res.Body, "Withdraw the invitation of new@example.org?") {
			t.Errorf("confirm withdrawal: %d", res.Status)
		}
		if res := s.Post("/c/hidden/invitations/"+key+"/revoke", nil); res.Status != http.StatusSeeOther {
			t.Errorf("withdraw: %d", res.Status)
		}
		if res := s.Get(link); res.Status != http.StatusOK {
			t.Errorf("confirm link withdrawal: %d", res.Status)
		}
		if res := s.Post(link, nil); res.Status != http.StatusSeeOther {
			t.Errorf("withdraw the link: %d", res.Status)
		}
		if res := e.Visitor().Get(l.Path()); res.Status != http.StatusNotFound {
			t.Errorf("a withdrawn link: %d, want 404", res.Status)
		}
	})
}

// TestInviteFormKeepsFailures: the home's form answers each failure next to
// the field, keeps only what failed, and sends the rest; the link form
// says what is wrong with its fields.
func TestInviteFormKeepsFailures(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("stew"), "weave", community.Public, community.Open)
		s := e.As("stew")
		res := s.Post("/c/weave/members/invite", url.Values{"from": {"home"}, "who": {"ok@example.org, @ghost\nbad@"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.Status)
		}
		for _, want := range []string{`id="e-who"`, "2 people were not invited", "<strong>@ghost</strong>: Nobody has the handle @ghost", "<strong>bad@</strong>: Not an e-mail address",
			"Invitation sent to ok@example.org.", `aria-invalid="true"`, ">@ghost\nbad@</textarea>", "What we are about"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("the home after the form lacks %q", want)
				if i := strings.Index(res.Body, "<textarea"); i > 0 {
					t.Log(res.Body[i : i+400])
				}
			}
		}
		res = s.Post("/c/weave/invitation-links", url.Values{"days": {"3"}, "max_uses": {"0"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="e-days"`) || !strings.Contains(res.Body, `id="e-max_uses"`) {
			t.Errorf("a bad link form: %d", res.Status)
		}
		// Without JavaScript, from another site: refused.
		req, _ := http.NewRequest("POST", e.Server.URL+"/c/weave/invitation-links", strings.NewReader("days=7"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if res := s.Do(req); res.Status != http.StatusForbidden {
			t.Errorf("a cross-site link creation: %d, want 403", res.Status)
		}
	})
}

// TestJoinThroughLinkPage: a visitor holding a link sees the community and
// is sent to sign in and back; once signed in, one press makes a member.
func TestJoinThroughLinkPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		l, err := e.Communities.CreateInviteLink(t.Context(), stew, "hidden", 7, 1)
		if err != nil {
			t.Fatal(err)
		}
		res := e.Visitor().Get(l.Path())
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Stew Tester, a steward, invites you") || !strings.Contains(res.Body, "/signup?next=%2fjoin%2f"+l.Token) {
			i := strings.Index(res.Body, "<h1")
			t.Fatalf("the link's page for a visitor: %d\n%s", res.Status, res.Body[i:])
		}
		if res := e.Visitor().Post(l.Path(), nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/signin?next=") {
			t.Errorf("a visitor joining: %d %s", res.Status, res.Location)
		}
		e.Person("ann")
		ann := e.As("ann")
		if res := ann.Post(l.Path(), nil); res.Status != http.StatusSeeOther || res.Location != "/c/hidden" {
			t.Fatalf("join by link: %d %s", res.Status, res.Location)
		}
		if res := ann.Get("/c/hidden"); !strings.Contains(res.Body, "You are a member of this community.") {
			t.Error("ann is not a member after joining by link")
		}
		e.Person("bob")
		if res := e.As("bob").Get(l.Path()); res.Status != http.StatusNotFound || !strings.Contains(res.Body, "does not work any more") {
			t.Errorf("a used-up link: %d", res.Status)
		}
	})
}
