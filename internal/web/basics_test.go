package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestHealthzAndNotFound(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		v := e.Visitor()
		res := v.Get("/healthz")
		if res.Status != http.StatusOK || strings.TrimSpace(res.Body) != "ok" {
			t.Errorf("healthz: %d %q", res.Status, res.Body)
		}

		admin := e.As("admin")
		for _, p := range []string{"/no/such/page", "/c/no-such-community", "/c/no-such-community/members"} {
			res := admin.Get(p)
			if res.Status != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", p, res.Status)
			}
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Errorf("GET %s: Content-Type %q", p, res.Header.Get("Content-Type"))
			}
			contains(t, "404 page", res.Body, "<h1>Not found</h1>", `<a href="/">Go to the home page</a>`, "Skip to content")
		}
		wantStatus(t, "a missing static file", v.Get("/static/nothing.css"), http.StatusNotFound)
		wantStatus(t, "POST to a page that only reads", v.Post("/communities", nil), http.StatusNotFound)

		for _, p := range []string{"/api/", "/api/v1/nothing", "/api/v2/communities", "/api/v1/communities/no-such/members"} {
			wantProblem(t, "GET "+p, v.Get(p), http.StatusNotFound)
		}
		p := wantProblem(t, "POST /api/v1/communities", v.Post("/api/v1/communities", nil), http.StatusNotFound)
		if p.Title != "Not Found" || p.Detail == "" {
			t.Errorf("problem %+v", p)
		}
	})
}

// Whatever people type is shown as text, never run as markup.
func TestEscaping(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		sam := e.As("sam")
		evil := `<script>alert(1)</script>`
		res := sam.Post("/communities/new", form("name", evil, "slug", "xss", "purpose", "Purpose "+evil, "key_questions", evil,
			"tags", "safe", "visibility", "public", "join_policy", "open"))
		wantRedirect(t, "start", res, "/c/xss")
		res = sam.Post("/account/profile", form("name", "Sam "+evil, "title", `"><img src=x onerror=alert(2)>`,
			"bio", `<img src=x onerror=alert(3)> and <b>bold</b>`, "department", "0"))
		wantRedirect(t, "profile", res, "/account")

		pages := map[string]*apptest.Client{"/c/xss": sam, "/c/xss/charter": sam, "/c/xss/members": sam, "/c/xss/settings": sam,
			"/communities": sam, "/": sam, "/people": sam, "/people/sam": sam, "/account": sam}
		for p, c := range pages {
			body := c.Get(p).Body
			lacks(t, p, body, "<script>alert(1)", "<img src=x", "<b>bold</b>")
		}
		contains(t, "/c/xss", sam.Get("/c/xss").Body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		contains(t, "visitor home", e.Visitor().Get("/").Body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		profile := sam.Get("/people/sam").Body
		contains(t, "/people/sam", profile, "Sam &lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(3)&gt;",
			"&lt;b&gt;bold&lt;/b&gt;", "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;")
		// The JSON API escapes too, for any client that pastes it into HTML.
		api := e.Visitor().Get("/api/v1/communities/xss").Body
		lacks(t, "API", api, "<script>")
		contains(t, "API", api, `\u003cscript\u003ealert(1)\u003c/script\u003e`)
	})
}
