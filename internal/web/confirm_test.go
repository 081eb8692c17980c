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

// TestDestructiveActionsAskFirst: disabling a person, removing a member,
// archiving a community and deleting a comment are quiet links to a page
// that says what will happen and changes nothing; only its form acts.
// Outsiders of a private community get 404.
func TestDestructiveActionsAskFirst(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "quiet", community.Private, community.Invite)
		mia := e.Person("mia")
		e.Person("out")
		e.SetMembership("quiet", mia, community.RoleMember, community.ActiveMember)
		sam, miaC, out, admin := e.As("sam"), e.As("mia"), e.As("out"), e.As("admin")
		entry := ppEntry(t, miaC, "quiet", "Kept notes")
		wantStatus(t, "comment", miaC.Post(entry+"/comments", url.Values{"body": {"A thought worth keeping."}}), http.StatusSeeOther)
		commentID := text(t, d, "SELECT CAST(MAX(id) AS TEXT) FROM posts")

		cases := []struct {
			name, list, path, heading, effect, back string
			who                                     *apptest.Client
			done                                    func() bool
		}{
			{"delete a comment", entry, entry + "/comments/" + commentID + "/delete", "Delete your comment on", "A thought worth keeping.",
				entry, miaC, func() bool { return count(t, d, "SELECT COUNT(*) FROM posts WHERE deleted_at IS NOT NULL") == 1 }},
			{"remove a member", "/c/quiet/members", "/c/quiet/members/mia/remove", "Remove Mia Tester from", "What they wrote stays",
				"/c/quiet/members", sam, func() bool { return membership(t, d, "quiet", "mia") == "" }},
			{"archive", "/c/quiet/settings", "/c/quiet/archive", "Archive ", "Everything stays readable",
				"/c/quiet", sam, func() bool { return text(t, d, "SELECT status FROM communities WHERE slug = 'quiet'") == "archived" }},
			{"disable a person", "/admin/people", "/admin/people/out/disable", "Disable Out Tester?", "signed out everywhere",
				"/admin/people", admin, func() bool {
					return count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'out' AND disabled_at IS NOT NULL") == 1
				}},
		}
		for _, c := range cases {
			list := c.who.Get(c.list).Body
			contains(t, c.name+": list links to the confirmation", list, `href="`+c.path+`"`)
			lacks(t, c.name+": list acts at once", list, `action="`+c.path+`"`)

			page := c.who.Get(c.path)
			wantStatus(t, c.name+": confirmation", page, http.StatusOK)
			contains(t, c.name+": confirmation", page.Body, "<h1", c.heading, c.effect, `<form method="post" action="`+c.path+`"`, `class="danger"`)
			if strings.Count(page.Body, "<h1") != 1 {
				t.Errorf("%s: the confirmation has %d h1", c.name, strings.Count(page.Body, "<h1"))
			}
			if c.done() {
				t.Fatalf("%s: the confirmation page acted", c.name)
			}
			if c.who != admin { // outsiders: the community is private
				wantStatus(t, c.name+": outsider", out.Get(c.path), http.StatusNotFound)
			}
			wantRedirect(t, c.name+": confirmed", c.who.Post(c.path, nil), c.back)
			if !c.done() {
				t.Errorf("%s: confirming did nothing", c.name)
			}
		}
	})
}

// TestConfirmationsRefuseThoseWhoMayNotAct: a member cannot reach the page
// to remove another or archive, nor another's comment; an administrator
// cannot be asked to disable themselves.
func TestConfirmationsRefuseThoseWhoMayNotAct(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "open", community.Public, community.Open)
		mia, max := e.Person("mia"), e.Person("max")
		e.SetMembership("open", mia, community.RoleMember, community.ActiveMember)
		e.SetMembership("open", max, community.RoleMember, community.ActiveMember)
		miaC, maxC := e.As("mia"), e.As("max")
		entry := ppEntry(t, miaC, "open", "Open notes")
		wantStatus(t, "comment", miaC.Post(entry+"/comments", url.Values{"body": {"Mine."}}), http.StatusSeeOther)
		id := text(t, d, "SELECT CAST(MAX(id) AS TEXT) FROM posts")
		for path, want := range map[string]int{
			"/c/open/members/mia/remove":          http.StatusForbidden,
			"/c/open/archive":                     http.StatusForbidden,
			entry + "/comments/" + id + "/delete": http.StatusForbidden,
			entry + "/comments/999999/delete":     http.StatusNotFound,
			"/admin/people/mia/disable":           http.StatusNotFound,
		} {
			wantStatus(t, "max GET "+path, maxC.Get(path), want)
		}
		wantStatus(t, "self-disable", e.As("admin").Get("/admin/people/admin/disable"), http.StatusNotFound)
	})
}
