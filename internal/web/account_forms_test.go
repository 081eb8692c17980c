package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The account forms: each mistake comes back with status 422, its message
// next to its field, what was typed (but never a password), and no change.

func TestSignupFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		people, mail := count(t, d, "SELECT COUNT(*) FROM people"), count(t, d, "SELECT COUNT(*) FROM mail_outbox")
		v := e.Visitor()

		res := v.Post("/signup", form("name", "Nia Newcomer", "handle", "nia", "email", "nia@", "password", "tiny-pw"))
		wantStatus(t, "bad e-mail and password", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "email", "Enter an e-mail address such as name@example.org.")
		fieldError(t, res.Body, "password", "Use at least 8 characters.")
		fieldValid(t, res.Body, "name")
		fieldValid(t, res.Body, "handle")
		inputValue(t, res.Body, "name", "Nia Newcomer")
		inputValue(t, res.Body, "handle", "nia")
		inputValue(t, res.Body, "email", "nia@")
		lacks(t, "bad sign-up", res.Body, "tiny-pw")

		res = v.Post("/signup", form("name", "Nia Newcomer", "handle", "nia", "email", "nia@example.org", "password", "password"))
		wantStatus(t, "common password", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "password", "This password is among the most common ones attackers try first. Please choose another.")

		res = v.Post("/signup", form("name", "Another Admin", "handle", "admin", "email", "other@example.org", "password", apptest.Password))
		wantStatus(t, "taken handle", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "handle", "This handle is taken. Try another.")
		inputValue(t, res.Body, "handle", "admin")
		inputValue(t, res.Body, "email", "other@example.org")

		if n := count(t, d, "SELECT COUNT(*) FROM people"); n != people {
			t.Errorf("bad sign-ups made %d people", n-people)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox"); n != mail {
			t.Errorf("bad sign-ups queued %d mails", n-mail)
		}
		if !signedOut(v.Get("/").Body) {
			t.Error("a bad sign-up signed the visitor in")
		}
	})
}

func TestSigninFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		v := e.Visitor()
		generic := "That e-mail address and password do not match an account."

		wrong := v.Post("/signin", form("email", "sam@example.org", "password", "not the password"))
		unknown := v.Post("/signin", form("email", "nobody@example.org", "password", "not the password"))
		for what, res := range map[string]apptest.Response{"wrong password": wrong, "unknown account": unknown} {
			wantStatus(t, what, res, http.StatusUnprocessableEntity)
			contains(t, what, res.Body, `<div class="alert error-summary" role="alert" tabindex="-1" autofocus><p>`+generic+`</p>`)
			lacks(t, what, res.Body, "not the password", `aria-invalid="true"`)
			if c := cookie(res, "hearth_session"); c != nil && c.Value != "" {
				t.Errorf("%s set a session", what)
			}
		}
		inputValue(t, wrong.Body, "email", "sam@example.org")
		inputValue(t, unknown.Body, "email", "nobody@example.org")
		if strings.ReplaceAll(wrong.Body, "sam@example.org", "X") != strings.ReplaceAll(unknown.Body, "nobody@example.org", "X") {
			t.Error("a wrong password and an unknown account answer differently")
		}

		for i := 3; i <= 6; i++ {
			wantStatus(t, "failure", v.Post("/signin", form("email", "sam@example.org", "password", "still wrong")), http.StatusUnprocessableEntity)
		}
		// The 7th try within the minute is refused, even with the right password.
		res := v.Post("/signin", form("email", "sam@example.org", "password", apptest.Password))
		wantStatus(t, "7th try", res, http.StatusTooManyRequests)
		contains(t, "7th try", res.Body, "Too many attempts. Please wait a minute and try again.")
		if c := cookie(res, "hearth_session"); c != nil && c.Value != "" {
			t.Error("a throttled sign-in set a session")
		}
		if !signedOut(v.Get("/").Body) {
			t.Error("a throttled sign-in signed the visitor in")
		}
	})
}

func TestAccountFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		c := e.As("sam")
		profile := func() string {
			return text(t, d, "SELECT name || '|' || title || '|' || bio || '|' || COALESCE(department_id, 0) FROM people WHERE handle = 'sam'")
		}
		hash := func() string { return text(t, d, "SELECT password_hash FROM people WHERE handle = 'sam'") }
		before, pw := profile(), hash()

		page := c.Get("/account")
		wantStatus(t, "account", page, http.StatusOK)
		uniqueIDs(t, "account", page.Body)

		t.Run("profile", func(t *testing.T) {
			res := c.Post("/account/profile", form("name", " ", "title", "Head baker", "bio", "I bake <b>bread</b>.", "department", "0"))
			wantStatus(t, "empty name", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "name", "Tell us your name, as colleagues know you.")
			inputValue(t, res.Body, "title", "Head baker")
			textareaValue(t, res.Body, "bio", "I bake <b>bread</b>.")
			uniqueIDs(t, "profile errors", res.Body)

			res = c.Post("/account/profile", form("name", "Sam Baker", "department", "999999"))
			wantStatus(t, "unknown department", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "department", "Choose a department from the list.")
			inputValue(t, res.Body, "name", "Sam Baker")
			if after := profile(); after != before {
				t.Errorf("bad profiles changed it: %q", after)
			}
		})

		t.Run("password", func(t *testing.T) {
			res := c.Post("/account/password", form("current_password", "not my password", "new_password", "a brand new secret"))
			wantStatus(t, "wrong current password", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "current_password", "That is not your current password.")
			fieldValid(t, res.Body, "email-current_password") // the e-mail form's field is another control
			lacks(t, "wrong current password", res.Body, "not my password", "a brand new secret")

			res = c.Post("/account/password", form("current_password", apptest.Password, "new_password", "tiny-pw"))
			wantStatus(t, "short new password", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "new_password", "Use at least 8 characters.")
			if hash() != pw {
				t.Error("a refused change changed the password")
			}
		})

		t.Run("e-mail", func(t *testing.T) {
			mail := count(t, d, "SELECT COUNT(*) FROM mail_outbox")
			res := c.Post("/account/email", form("email", "sam.new@example.org", "current_password", "not my password"))
			wantStatus(t, "wrong current password", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "email-current_password", "That is not your current password.")
			fieldValid(t, res.Body, "current_password") // the password form's field is another control
			inputValue(t, res.Body, "email", "sam.new@example.org")

			res = c.Post("/account/email", form("email", "sam.new@", "current_password", apptest.Password))
			wantStatus(t, "bad address", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "email", "Enter an e-mail address such as name@example.org.")
			inputValue(t, res.Body, "email", "sam.new@")

			res = c.Post("/account/email", form("email", "sam@example.org", "current_password", apptest.Password))
			wantStatus(t, "her own address", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "email", "This is your address already.")

			if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox"); n != mail {
				t.Errorf("refused changes queued %d mails", n-mail)
			}
			// An address another account uses is answered as a free one (it
			// is not for Sam to learn who has an account); its owner is told.
			free := c.Post("/account/email", form("email", "nobody.yet@example.org", "current_password", apptest.Password))
			taken := c.Post("/account/email", form("email", "admin@example.org", "current_password", apptest.Password))
			if taken.Status != free.Status || taken.Location != free.Location {
				t.Errorf("a taken address is answered %d %s, a free one %d %s", taken.Status, taken.Location, free.Status, free.Location)
			}
			if got := text(t, d, "SELECT email FROM people WHERE handle = 'sam'"); got != "sam@example.org" {
				t.Errorf("e-mail changed to %q", got)
			}
			if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'admin@example.org' AND subject LIKE 'Someone tried to move%'"); n != 1 {
				t.Errorf("%d notices to the address's owner, want 1", n)
			}
		})

		t.Run("reset", func(t *testing.T) {
			res := e.Visitor().Post("/reset", form("email", "sam@"))
			wantStatus(t, "bad address", res, http.StatusUnprocessableEntity)
			fieldError(t, res.Body, "email", "Enter an e-mail address such as name@example.org.")
			inputValue(t, res.Body, "email", "sam@")
		})
	})
}

// Sign-up answers a known e-mail address with the same page as a new one:
// it does not tell who has an account. The known address's owner is told by
// e-mail instead; only the new address gets an account and a link.
func TestSignupAnswersKnownAndNewAddressesAlike(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		people := count(t, d, "SELECT COUNT(*) FROM people")
		known := e.Visitor().Post("/signup", form("name", "Sam Again", "handle", "sam2", "email", "SAM@example.org", "password", apptest.Password))
		fresh := e.Visitor().Post("/signup", form("name", "Nia Newcomer", "handle", "nia", "email", "nia@example.org", "password", apptest.Password))
		for what, res := range map[string]apptest.Response{"known address": known, "new address": fresh} {
			wantStatus(t, what, res, http.StatusOK)
			contains(t, what, res.Body, "Check your e-mail")
			lacks(t, what, res.Body, "exists already", `class="error"`)
			if c := cookie(res, "hearth_session"); c != nil && c.Value != "" {
				t.Errorf("%s: sign-up set a session", what)
			}
		}
		if strings.ReplaceAll(known.Body, "sam@example.org", "X") != strings.ReplaceAll(fresh.Body, "nia@example.org", "X") {
			t.Error("a known and a new address answer differently")
		}
		if n := count(t, d, "SELECT COUNT(*) FROM people"); n != people+1 {
			t.Errorf("%d accounts made, want 1 (for the new address)", n-people)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'sam@example.org' AND subject LIKE 'Someone tried to sign up%'"); n != 1 {
			t.Errorf("%d notes to the known address, want 1", n)
		}
		if link := e.MailLink("nia@example.org"); !strings.HasPrefix(link, "/verify?token=") {
			t.Errorf("the new address got %s, want a confirmation link", link)
		}
	})
}
