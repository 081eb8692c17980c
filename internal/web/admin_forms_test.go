package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The administration forms: mistakes come back with 422 at their field and
// change nothing.

func TestDepartmentFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		c := e.As("admin")
		wantRedirect(t, "add Nursing", c.Post("/admin/departments", form("name", "Nursing")), "/admin/departments")

		res := c.Post("/admin/departments", form("name", "   "))
		wantStatus(t, "empty name", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "name", "Name the department (letters or digits).")

		res = c.Post("/admin/departments", form("name", "nursing "))
		wantStatus(t, "duplicate", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "name", "There is a department with this name already.")
		inputValue(t, res.Body, "name", "nursing ")
		contains(t, "duplicate", res.Body, `value="Nursing"`) // the list is still shown

		if n := count(t, d, "SELECT COUNT(*) FROM departments"); n != 1 {
			t.Errorf("%d departments, want 1", n)
		}
	})
}

func TestInstanceSettingsFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		c := e.As("admin")
		settings := func() string {
			return text(t, d, `SELECT COALESCE(MAX(CASE WHEN key = 'name' THEN value END), '') || '|' ||
				COALESCE(MAX(CASE WHEN key = 'signup' THEN value END), '') || '|' ||
				COALESCE(MAX(CASE WHEN key = 'approval_required' THEN value END), '') FROM settings`)
		}
		before := settings()

		res := c.Post("/admin/settings", form("name", "", "signup", "everyone", "approval_required", "on"))
		wantStatus(t, "empty name, bad sign-up", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "name", "Give the instance a name, such as your institution's.")
		contains(t, "bad sign-up", res.Body, `<p class="error">Choose open sign-up or invitation only.</p>`,
			`name="approval_required" checked`)

		long := strings.Repeat("x", 101)
		res = c.Post("/admin/settings", form("name", long, "signup", "invite"))
		wantStatus(t, "long name", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "name", "Keep the name to 100 characters.")
		inputValue(t, res.Body, "name", long)
		contains(t, "long name", res.Body, `value="invite" checked`)

		if after := settings(); after != before {
			t.Errorf("bad settings were saved: %q, was %q", after, before)
		}
		contains(t, "header", c.Get("/").Body, "Test Institution")
	})
}

func TestAdminInviteFormErrors(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		c := e.As("admin")
		res := c.Post("/admin/people/invite", form("email", "sam@example.org"))
		wantStatus(t, "existing account", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "email", "Someone with this address has an account already.")
		inputValue(t, res.Body, "email", "sam@example.org")

		res = c.Post("/admin/people/invite", form("email", "sam@"))
		wantStatus(t, "bad address", res, http.StatusUnprocessableEntity)
		fieldError(t, res.Body, "email", "Enter an e-mail address such as name@example.org.")
		if n := count(t, d, "SELECT COUNT(*) FROM tokens WHERE purpose = 'invite'"); n != 0 {
			t.Errorf("refused invitations made %d tokens", n)
		}
	})
}
