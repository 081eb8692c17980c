package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Account journeys end to end over HTTP, following the links in the mail.

func TestSignupAndVerify(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		c := e.Visitor()
		res := c.Post("/signup", form("name", "Nia Newcomer", "handle", "nia", "email", "Nia@Example.org", "password", apptest.Password))
		wantStatus(t, "sign up", res, http.StatusOK)
		contains(t, "sign up", res.Body, "Check your e-mail", "We sent a message to nia@example.org.")
		if !signedOut(c.Get("/").Body) {
			t.Error("sign-up signed the visitor in before the address is confirmed")
		}
		wantStatus(t, "sign in before confirming", c.Post("/signin", form("email", "nia@example.org", "password", apptest.Password)),
			http.StatusUnprocessableEntity)

		link := e.MailLink("nia@example.org")
		wantRedirect(t, "verify", c.Get(link), "/signin")
		contains(t, "sign-in page after verifying", c.Get("/signin").Body, "your e-mail address is confirmed")
		wantRedirect(t, "sign in", c.Post("/signin", form("email", "nia@example.org", "password", apptest.Password)), "/")
		contains(t, "home", c.Get("/").Body, "Nia Newcomer</h1>")
		lacks(t, "home", c.Get("/").Body, "Please confirm your e-mail address")
		account := c.Get("/account")
		contains(t, "account after", account.Body, `<span class="badge quiet">Confirmed</span>`)
		lacks(t, "account after", account.Body, "Not confirmed")
		if n := count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'nia' AND email_verified_at IS NOT NULL"); n != 1 {
			t.Error("the address is not verified")
		}
		// A link works once.
		res = c.Get(link)
		wantStatus(t, "second verify", res, http.StatusUnprocessableEntity)
		contains(t, "second verify", res.Body, "This link is invalid or has expired.")
	})
}

func TestPasswordResetFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		old := e.As("sam")
		v := e.Visitor()

		res := v.Post("/reset", form("email", "sam@example.org"))
		wantStatus(t, "ask for a reset", res, http.StatusOK)
		contains(t, "ask for a reset", res.Body, "Check your inbox")
		// An unknown address answers the same and sends nothing.
		mail := count(t, d, "SELECT COUNT(*) FROM mail_outbox")
		res = v.Post("/reset", form("email", "nobody@example.org"))
		wantStatus(t, "unknown address", res, http.StatusOK)
		contains(t, "unknown address", res.Body, "Check your inbox")
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox"); n != mail {
			t.Error("a reset for an unknown address sent mail")
		}

		link := e.MailLink("sam@example.org")
		page := v.Get(link)
		wantStatus(t, "reset form", page, http.StatusOK)
		contains(t, "reset form", page.Body, "Choose a new password")
		token := link[len("/reset/confirm?token="):]

		res = v.Post("/reset/confirm", form("token", token, "password", "tiny-pw"))
		wantStatus(t, "short password", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "password", "Use at least 8 characters.")

		newPassword := "a completely new passphrase"
		wantRedirect(t, "reset", v.Post("/reset/confirm", form("token", token, "password", newPassword)), "/signin")

		if !signedOut(old.Get("/").Body) {
			t.Error("the session from before the reset still works")
		}
		wantSignin(t, "old session", old.Get("/account"), "/account")
		res = e.Visitor().Post("/signin", form("email", "sam@example.org", "password", apptest.Password))
		wantStatus(t, "old password", res, http.StatusUnprocessableEntity)
		c := e.Visitor()
		wantRedirect(t, "new password", c.Post("/signin", form("email", "sam@example.org", "password", newPassword)), "/")
		contains(t, "signed in", c.Get("/").Body, "Sam Tester</h1>")

		res = v.Post("/reset/confirm", form("token", token, "password", "yet another passphrase"))
		wantStatus(t, "the link again", res, http.StatusUnprocessableEntity)
		contains(t, "the link again", res.Body, "This link is invalid or has expired.")
	})
}

func TestChangeEmailFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		c := e.As("sam")
		res := c.Post("/account/email", form("email", "sam.baker@example.org", "current_password", apptest.Password))
		wantRedirect(t, "ask to change", res, "/account")
		contains(t, "before the link", c.Get("/account").Body, "<strong>sam@example.org</strong>")

		wantRedirect(t, "confirm", c.Get(e.MailLink("sam.baker@example.org")), "/account")
		contains(t, "after the link", c.Get("/account").Body, "<strong>sam.baker@example.org</strong>", "Your e-mail address is changed.")
		wantStatus(t, "old address", e.Visitor().Post("/signin", form("email", "sam@example.org", "password", apptest.Password)),
			http.StatusUnprocessableEntity)
		wantRedirect(t, "new address", e.Visitor().Post("/signin", form("email", "sam.baker@example.org", "password", apptest.Password)), "/")
	})
}

func TestChangePasswordSignsOutOtherDevices(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		here, there := e.As("sam"), e.As("sam")
		res := here.Post("/account/password", form("current_password", apptest.Password, "new_password", "a completely new passphrase"))
		wantRedirect(t, "change password", res, "/account")
		wantStatus(t, "this device", here.Get("/account"), http.StatusOK)
		wantSignin(t, "other device", there.Get("/account"), "/account")
		wantRedirect(t, "new password", e.Visitor().Post("/signin", form("email", "sam@example.org", "password", "a completely new passphrase")), "/")
	})
}

func TestSignOutEverywhere(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		here, there := e.As("sam"), e.As("sam")
		contains(t, "two devices", here.Get("/account").Body, "You are signed in on ")
		wantRedirect(t, "sign out everywhere", here.Post("/account/signout-everywhere", nil), "/account")
		if !signedOut(there.Get("/").Body) {
			t.Error("the other device is still signed in")
		}
		page := here.Get("/account")
		wantStatus(t, "this device", page, http.StatusOK)
		contains(t, "this device", page.Body, "You are signed in on 1 device.")

		wantRedirect(t, "sign out", here.Post("/signout", nil), "/")
		if !signedOut(here.Get("/").Body) {
			t.Error("sign out left the session working")
		}
	})
}

func TestDisableAndEnable(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		e.Person("olga")
		sam, admin := e.As("sam"), e.As("admin")
		contains(t, "before", sam.Get("/").Body, "Sam Tester</h1>")

		wantRedirect(t, "disable", admin.Post("/admin/people/sam/disable", nil), "/admin/people")
		if !signedOut(sam.Get("/").Body) {
			t.Error("a disabled person is still signed in")
		}
		// The right password of a disabled account answers as a wrong one: the page tells nothing about the account.
		res := e.Visitor().Post("/signin", form("email", "sam@example.org", "password", apptest.Password))
		wrong := e.Visitor().Post("/signin", form("email", "sam@example.org", "password", "not the password"))
		wantStatus(t, "disabled sign-in", res, http.StatusUnprocessableEntity)
		contains(t, "disabled sign-in", res.Body, "That e-mail address and password do not match an account.")
		lacks(t, "disabled sign-in", res.Body, "disabled")
		if res.Body != wrong.Body {
			t.Error("a disabled account's right password and a wrong password answer differently")
		}
		contains(t, "admin list", admin.Get("/admin/people").Body, `<span class="badge quiet">Disabled</span>`)
		wantStatus(t, "administrators see a disabled profile", admin.Get("/people/sam"), http.StatusOK)
		wantStatus(t, "others do not", e.As("olga").Get("/people/sam"), http.StatusNotFound)

		// An administrator cannot disable their own account.
		wantRedirect(t, "disable self", admin.Post("/admin/people/admin/disable", nil), "/admin/people")
		if n := count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'admin' AND disabled_at IS NOT NULL"); n != 0 {
			t.Error("the administrator disabled themselves")
		}

		wantRedirect(t, "enable", admin.Post("/admin/people/sam/enable", nil), "/admin/people")
		c := e.Visitor()
		wantRedirect(t, "sign in again", c.Post("/signin", form("email", "sam@example.org", "password", apptest.Password)), "/")
		contains(t, "after", c.Get("/").Body, "Sam Tester</h1>")
	})
}

// Sign-in returns to the page that asked for it, and only to a page of this site.
func TestSigninReturnsToNext(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		v := e.Visitor()
		wantSignin(t, "account", v.Get("/account"), "/account")
		for next, want := range map[string]string{"/account": "/account", "//evil.example/x": "/", "https://evil.example/": "/", "/\\evil.example": "/",
			"/\t/evil.example": "/", "/\t\\evil.example": "/", "/\n/evil.example": "/", "/./\\evil.example": "/", "/%2F%2Fevil.example": "/"} {
			res := e.Visitor().Post("/signin", form("email", "admin@example.org", "password", apptest.Password, "next", next))
			wantRedirect(t, "sign in with next="+next, res, want)
		}
		// The same through the query string, decoded once by the server, for someone already signed in.
		admin := e.As("admin")
		for _, raw := range []string{"/%09/evil.example", "/%09%5Cevil.example", "%2F%2Fevil.example", "/%0D%0A/evil.example", "/.%2F%5Cevil.example"} {
			wantRedirect(t, "signed in, next="+raw, admin.Get("/signin?next="+raw), "/")
		}
		page := v.Get("/signin?next=/admin/people")
		inputValue := `<input type="hidden" name="next" value="/admin/people">`
		contains(t, "sign-in form", page.Body, inputValue)
	})
}
