package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Who reads the institution's page: a visitor is sent to sign in; a member
// and a steward get 404 and no link; a sponsor and an administrator read it,
// linked from their menu.
func TestInstitutionPermissionMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		e := w.e
		w.exec(t, "UPDATE people SET is_sponsor = TRUE WHERE id = $1", e.Person("spo").PersonID)
		w.recountAll(t)
		link := `<a href="/institution">The institution</a>`
		for _, c := range []struct {
			who    string
			client *apptest.Client
			status int
			link   bool
		}{
			{"visitor", e.Visitor(), http.StatusSeeOther, false},
			{"member", e.As("mia"), http.StatusNotFound, false},
			{"steward", e.As("sam"), http.StatusNotFound, false},
			{"sponsor", e.As("spo"), http.StatusOK, true},
			{"administrator", e.As("ada"), http.StatusOK, true},
		} {
			for _, p := range []string{"/institution", "/institution/communities.csv", "/institution/value.csv"} {
				if r := c.client.Get(p); r.Status != c.status {
					t.Errorf("%s GET %s: %d, want %d", c.who, p, r.Status, c.status)
				}
			}
			home := c.client.Get("/communities").Body
			if c.link {
				contains(t, c.who+"'s menu", home, link)
			} else {
				lacks(t, c.who+"'s menu", home, link)
			}
		}
		contains(t, "the sponsor's page", e.As("spo").Get("/institution").Body, `<th scope="row">Active communities</th><td>1</td>`)
		// A sponsor administers nothing.
		spo := e.As("spo")
		for _, p := range []string{"/admin", "/admin/people", "/c/bread/health"} {
			if r := spo.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("sponsor GET %s: %d, want 404", p, r.Status)
			}
		}
	})
}

// An administrator makes someone a sponsor on the people page and takes it
// back; nobody else can, and a cross-site form cannot make an
// administrator's browser do it.
func TestGrantAndRevokeSponsor(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		e := w.e
		e.Person("spo")
		spo, ada := e.As("spo"), e.As("ada")
		sponsor := func() int { return count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'spo' AND is_sponsor") }

		contains(t, "the people page", ada.Get("/admin/people").Body, `action="/admin/people/spo/sponsor"`)
		for _, c := range []struct {
			who    string
			client *apptest.Client
			status int
		}{{"member", e.As("mia"), http.StatusNotFound}, {"steward", e.As("sam"), http.StatusNotFound}, {"themselves", spo, http.StatusNotFound},
			{"visitor", e.Visitor(), http.StatusUnauthorized}} {
			if r := c.client.Post("/admin/people/spo/sponsor", nil); r.Status != c.status {
				t.Errorf("%s grants: %d, want %d", c.who, r.Status, c.status)
			}
		}
		for what, headers := range map[string]map[string]string{
			"Sec-Fetch-Site": {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
			"Origin only":    {"Origin": "https://evil.example"},
		} {
			if r := crossSite(t, e, ada, "/admin/people/spo/sponsor", nil, headers); r.Status != http.StatusForbidden {
				t.Errorf("%s: a cross-site grant answered %d, want 403", what, r.Status)
			}
		}
		if sponsor() != 0 || spo.Get("/institution").Status != http.StatusNotFound {
			t.Fatal("a refused grant made spo a sponsor")
		}

		wantRedirect(t, "grant", ada.Post("/admin/people/spo/sponsor", nil), "/admin/people")
		if sponsor() != 1 {
			t.Fatal("the grant did not make spo a sponsor")
		}
		if r := spo.Get("/institution"); r.Status != http.StatusOK {
			t.Errorf("the new sponsor's open session gets %d", r.Status)
		}
		contains(t, "the people page", ada.Get("/admin/people").Body, `<span class="badge quiet">Sponsor</span>`,
			`action="/admin/people/spo/sponsor/revoke"`)
		if r := ada.Post("/admin/people/nobody/sponsor", nil); r.Status != http.StatusNotFound {
			t.Errorf("granting to nobody: %d, want 404", r.Status)
		}

		if r := e.As("mia").Post("/admin/people/spo/sponsor/revoke", nil); r.Status != http.StatusNotFound {
			t.Errorf("a member revokes: %d, want 404", r.Status)
		}
		if r := crossSite(t, e, ada, "/admin/people/spo/sponsor/revoke", nil, map[string]string{"Origin": "https://evil.example"}); r.Status != http.StatusForbidden {
			t.Errorf("a cross-site revocation answered %d, want 403", r.Status)
		}
		if sponsor() != 1 {
			t.Fatal("a refused revocation took the role back")
		}
		wantRedirect(t, "revoke", ada.Post("/admin/people/spo/sponsor/revoke", nil), "/admin/people")
		if sponsor() != 0 {
			t.Fatal("the revocation did not take the role back")
		}
		if r := spo.Get("/institution"); r.Status != http.StatusNotFound {
			t.Errorf("a former sponsor gets %d, want 404", r.Status)
		}
	})
}
