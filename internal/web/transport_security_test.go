package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// httpsEnv runs Hearth with an https base URL naming the test server's own
// host and port, so that a browser's Origin differs from it in scheme only.
func httpsEnv(t *testing.T, d *db.DB) *apptest.Env {
	t.Helper()
	var host string
	e := bareEnv(t, d, func(c *config.Config) {
		host = c.Addr
		c.BaseURL = "https://" + c.Addr
	})
	a := auth.NewService(d, auth.Options{BaseURL: "https://" + host})
	if _, err := a.CreateAdmin(t.Context(), "Secure College", auth.NewAccount{Name: "Ada Admin", Handle: "admin",
		Email: "admin@example.org", Password: apptest.Password}); err != nil {
		t.Fatal(err)
	}
	return e
}

// With an https base URL every response tells browsers to stay on https;
// with an http one, none does (a browser ignores it there anyway, and an
// operator testing on http must not pin a host to https by mistake).
func TestHSTSOnlyWithHTTPSBaseURL(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	e := httpsEnv(t, d)
	v := e.Visitor()
	for what, res := range map[string]apptest.Response{
		"page":       v.Get("/signin"),
		"404":        v.Get("/no/such/page"),
		"static":     v.Get("/static/style.css"),
		"cross-site": crossSite(t, e, v, "/signin", nil, map[string]string{"Sec-Fetch-Site": "cross-site"}),
	} {
		if got := res.Header.Get("Strict-Transport-Security"); got != "max-age=63072000; includeSubDomains" {
			t.Errorf("%s over an https base URL: Strict-Transport-Security %q", what, got)
		}
	}
	plain := apptest.New(t, dbtest.SQLite(t))
	if got := plain.Visitor().Get("/").Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("http base URL: Strict-Transport-Security %q, want none", got)
	}
}

// net/http's cross-origin check compares the Origin's host with Host, not
// its scheme: on an https site, a post from a page on http://the-same-host
// (which an attacker on the network can serve) is refused too, and changes
// nothing; the same post from the https page works.
func TestHTTPOriginRefusedOnHTTPSSite(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	e := httpsEnv(t, d)
	host := strings.TrimPrefix(e.Server.URL, "http://")
	signin := form("email", "admin@example.org", "password", apptest.Password)
	sessions := func() int { return count(t, d, "SELECT COUNT(*) FROM sessions") }

	for _, origin := range []string{"http://" + host, "HTTP://" + host, "null"} {
		before := sessions()
		res := crossSite(t, e, e.Visitor(), "/signin", signin, map[string]string{"Origin": origin})
		wantStatus(t, "sign-in from "+origin, res, http.StatusForbidden)
		if cookie(res, "__Host-hearth_session") != nil || sessions() != before {
			t.Errorf("sign-in from %s started a session", origin)
		}
	}
	res := crossSite(t, e, e.Visitor(), "/signin", signin, map[string]string{"Origin": "https://" + host})
	wantStatus(t, "sign-in from the https page", res, http.StatusSeeOther)
	if cookie(res, "__Host-hearth_session") == nil {
		t.Error("sign-in from the https page set no session cookie")
	}
	// A browser that sends Sec-Fetch-Site has judged the origin, scheme
	// included, and net/http follows it: an http page is cross-site.
	res = crossSite(t, e, e.Visitor(), "/signin", signin, map[string]string{"Origin": "http://" + host, "Sec-Fetch-Site": "cross-site"})
	wantStatus(t, "sign-in from the http page of a modern browser", res, http.StatusForbidden)
	// A client that is no browser page sends no Origin: still accepted.
	res = crossSite(t, e, e.Visitor(), "/signin", signin, nil)
	wantStatus(t, "sign-in without Origin", res, http.StatusSeeOther)

	// On an http site, its own http Origin is of course accepted.
	plain := apptest.New(t, dbtest.SQLite(t))
	res = crossSite(t, plain, plain.Visitor(), "/signin", signin, map[string]string{"Origin": plain.Server.URL})
	wantStatus(t, "sign-in on an http site", res, http.StatusSeeOther)
}
