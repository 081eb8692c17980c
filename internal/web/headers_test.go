package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Security headers on every kind of response: a page, a 404, a static file,
// an API answer and a refused cross-site post.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		v := e.Visitor()
		responses := map[string]apptest.Response{
			"page":       v.Get("/"),
			"404":        v.Get("/no/such/page"),
			"static":     v.Get("/static/style.css"),
			"API":        v.Get("/api/v1/communities"),
			"API 404":    v.Get("/api/v1/nothing"),
			"signed in":  e.As("admin").Get("/admin"),
			"cross-site": crossSite(t, e, v, "/signin", nil, map[string]string{"Sec-Fetch-Site": "cross-site"}),
		}
		for what, res := range responses {
			h := res.Header
			csp := h.Get("Content-Security-Policy")
			directives := map[string]string{}
			for _, d := range strings.Split(csp, ";") {
				if f := strings.Fields(d); len(f) > 0 {
					directives[f[0]] = strings.Join(f[1:], " ")
				}
			}
			if src, ok := directives["script-src"]; !ok || strings.Contains(src, "unsafe-inline") || strings.Contains(src, "unsafe-eval") || src != "'self'" {
				t.Errorf("%s: script-src %q, want 'self' only (CSP %q)", what, src, csp)
			}
			if directives["frame-ancestors"] != "'none'" {
				t.Errorf("%s: frame-ancestors %q, want 'none'", what, directives["frame-ancestors"])
			}
			if strings.Contains(directives["style-src"], "unsafe-inline") {
				t.Errorf("%s: style-src allows inline styles", what)
			}
			if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options %q", what, got)
			}
			if got := h.Get("Referrer-Policy"); got == "" || got == "unsafe-url" || got == "no-referrer-when-downgrade" {
				t.Errorf("%s: Referrer-Policy %q", what, got)
			}
		}
		if res := responses["static"]; res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
			t.Errorf("style.css: %d %q", res.Status, res.Header.Get("Content-Type"))
		}
		if res := responses["page"]; res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("pages are cacheable: %q", res.Header.Get("Cache-Control"))
		}
		// No inline script anywhere: the CSP would block it.
		for _, what := range []string{"page", "404", "signed in"} {
			body := responses[what].Body
			for _, s := range strings.Split(body, "<script")[1:] {
				if !strings.Contains(s[:strings.Index(s, ">")], "src=") {
					t.Errorf("%s: an inline script: <script%s", what, s[:min(len(s), 80)])
				}
			}
		}
	})
}

// The session cookie is HttpOnly, SameSite=Lax and for the whole site; a new
// one is issued at each sign-in.
func TestSessionCookie(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		signin := func() *http.Cookie {
			res := e.Visitor().Post("/signin", form("email", "admin@example.org", "password", apptest.Password))
			wantStatus(t, "sign in", res, http.StatusSeeOther)
			c := cookie(res, "hearth_session")
			if c == nil {
				t.Fatalf("no hearth_session cookie in %v", res.Header["Set-Cookie"])
			}
			return c
		}
		c := signin()
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || c.Domain != "" {
			t.Errorf("session cookie over http: %s", c.String())
		}
		if len(c.Value) < 22 { // 128 bits in base64
			t.Errorf("session token %q is short", c.Value)
		}
		if c2 := signin(); c2.Value == c.Value {
			t.Error("two sign-ins share a session token")
		}
	})
}

// Served over TLS (an https base URL), the cookie is __Host- prefixed and Secure.
func TestSessionCookieOverTLS(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := bareEnv(t, d, func(c *config.Config) { c.BaseURL = "https://hearth.example" })
		a := auth.NewService(d, auth.Options{BaseURL: "https://hearth.example"})
		if _, err := a.CreateAdmin(t.Context(), "Secure College", auth.NewAccount{Name: "Ada Admin", Handle: "admin",
			Email: "admin@example.org", Password: apptest.Password}); err != nil {
			t.Fatal(err)
		}
		res := e.Visitor().Post("/signin", form("email", "admin@example.org", "password", apptest.Password))
		wantStatus(t, "sign in", res, http.StatusSeeOther)
		c := cookie(res, "__Host-hearth_session")
		if c == nil {
			t.Fatalf("no __Host-hearth_session cookie in %v", res.Header["Set-Cookie"])
		}
		if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" {
			t.Errorf("session cookie over TLS: %s", c.String())
		}
		if cookie(res, "hearth_session") != nil {
			t.Error("an unprefixed session cookie too")
		}
		// The cookie is read back under its prefixed name.
		req, _ := http.NewRequest(http.MethodGet, e.Server.URL+"/account", nil)
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		page := e.Visitor().Do(req)
		wantStatus(t, "account with the cookie", page, http.StatusOK)
		contains(t, "account with the cookie", page.Body, "Your account")
		// The flash cookie is Secure too.
		req, _ = http.NewRequest(http.MethodPost, e.Server.URL+"/signout", strings.NewReader(url.Values{}.Encode()))
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		out := e.Visitor().Do(req)
		if f := cookie(out, "hearth_flash"); f == nil || !f.Secure {
			t.Errorf("flash cookie over TLS: %v", f)
		}
	})
}
