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

// crossSite posts form to path as a page on another site would make a
// signed-in browser do.
func crossSite(t *testing.T, e *apptest.Env, c *apptest.Client, path string, f url.Values, headers map[string]string) apptest.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.Server.URL+path, strings.NewReader(f.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return c.Do(req)
}

// Every state-changing route refuses a cross-site request with 403 and
// changes nothing, whether the browser says so with Sec-Fetch-Site or only
// with an Origin of another host.
func TestCrossSitePostsRefused(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		e.Person("olga")
		olga, admin := e.As("olga"), e.As("admin")
		settings := func() string { return text(t, d, "SELECT value FROM settings WHERE key = 'name'") }
		sessions := func() int { return count(t, d, "SELECT COUNT(*) FROM sessions") }
		name, n := settings(), sessions()

		for what, headers := range map[string]map[string]string{
			"Sec-Fetch-Site": {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
			"Origin only":    {"Origin": "https://evil.example"},
		} {
			cases := []struct {
				c    *apptest.Client
				path string
				form url.Values
			}{
				{e.Visitor(), "/signin", form("email", "sam@example.org", "password", apptest.Password)},
				{olga, "/c/bread/join", nil},
				{admin, "/admin/settings", form("name", "Hijacked", "signup", "invite", "approval_required", "on")},
				{olga, "/account/signout-everywhere", nil},
			}
			for _, tc := range cases {
				res := crossSite(t, e, tc.c, tc.path, tc.form, headers)
				if res.Status != http.StatusForbidden {
					t.Errorf("%s POST %s = %d, want 403", what, tc.path, res.Status)
				}
				if c := cookie(res, "hearth_session"); c != nil {
					t.Errorf("%s POST %s set the session cookie", what, tc.path)
				}
			}
		}
		if got := settings(); got != name {
			t.Errorf("a cross-site post renamed the instance to %q", got)
		}
		if got := membership(t, d, "bread", "olga"); got != "" {
			t.Errorf("a cross-site post made olga %q", got)
		}
		if got := sessions(); got != n {
			t.Errorf("cross-site posts changed the sessions: %d, was %d", got, n)
		}
		if signedOut(olga.Get("/").Body) {
			t.Error("a cross-site post signed olga out")
		}

		// The same posts from the site itself work.
		wantRedirect(t, "same-origin join", olga.Post("/c/bread/join", nil), "/c/bread")
		if got := membership(t, d, "bread", "olga"); got != "member/active" {
			t.Errorf("olga is %q after joining", got)
		}
		// A request from a browser or tool without Sec-Fetch-Site and Origin is
		// not cross-site: forms keep working for old browsers and curl.
		req, _ := http.NewRequest(http.MethodPost, e.Server.URL+"/signin",
			strings.NewReader(form("email", "sam@example.org", "password", apptest.Password).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if res := e.Visitor().Do(req); res.Status != http.StatusSeeOther {
			t.Errorf("a plain sign-in = %d, want 303", res.Status)
		}
	})
}
