package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// First run: until /setup is done every page leads there; a bad form is
// shown again with its errors and creates nothing; afterwards /setup is gone.
func TestSetupForm(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := bareEnv(t, d, nil)
		v := e.Visitor()
		for _, p := range []string{"/", "/signin", "/communities", "/c/anything"} {
			wantRedirect(t, "GET "+p+" before set-up", v.Get(p), "/setup")
		}
		if res := v.Get("/healthz"); res.Status != http.StatusOK {
			t.Errorf("healthz before set-up = %d", res.Status)
		}
		wantStatus(t, "setup form", v.Get("/setup"), http.StatusOK)

		res := v.Post("/setup", form("instance_name", "", "name", "Ada Lovelace", "handle", "Ada Lovelace!",
			"email", "ada@", "password", "tiny-pw"))
		wantStatus(t, "bad setup", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "instance_name", "Name the instance, for example after your institution.")
		fieldError(t, res.Body, "handle", "A handle is 1 to 32 lower-case letters, digits or dashes, starting and ending with a letter or digit.")
		fieldError(t, res.Body, "email", "Enter an e-mail address such as name@example.org.")
		fieldError(t, res.Body, "password", "Use at least 8 characters.")
		fieldValid(t, res.Body, "name")
		inputValue(t, res.Body, "name", "Ada Lovelace")
		inputValue(t, res.Body, "handle", "Ada Lovelace!")
		inputValue(t, res.Body, "email", "ada@")
		lacks(t, "bad setup", res.Body, "tiny-pw") // a password is never sent back
		if n := count(t, d, "SELECT COUNT(*) FROM people"); n != 0 {
			t.Errorf("a bad setup created %d people", n)
		}
		wantRedirect(t, "still not set up", v.Get("/"), "/setup")

		res = v.Post("/setup", form("instance_name", "Northfield College", "name", "Ada Lovelace", "handle", "ada",
			"email", "ada@example.org", "password", apptest.Password))
		wantRedirect(t, "setup", res, "/admin/departments")
		if n := count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'ada' AND is_admin"); n != 1 {
			t.Errorf("setup made %d administrators", n)
		}
		page := v.Get("/admin/departments")
		wantStatus(t, "first administrator", page, http.StatusOK)
		contains(t, "first administrator", page.Body, "Northfield College", "Welcome! Your instance is ready.")

		wantRedirect(t, "setup after set-up", v.Get("/setup"), "/")
		res = e.Visitor().Post("/setup", form("instance_name", "Takeover", "name", "Eve", "handle", "eve",
			"email", "eve@example.org", "password", apptest.Password))
		wantStatus(t, "second setup", res, http.StatusConflict)
		contains(t, "second setup", res.Body, "This instance is set up already.")
		if n := count(t, d, "SELECT COUNT(*) FROM people"); n != 1 {
			t.Errorf("a second setup left %d people", n)
		}
	})
}

// An instance set up by apptest.New has no /setup any more.
func TestSetupGoneOnceDone(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		wantRedirect(t, "visitor GET /setup", e.Visitor().Get("/setup"), "/")
		wantRedirect(t, "admin GET /setup", e.As("admin").Get("/setup"), "/")
	})
}
