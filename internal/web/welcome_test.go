package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestOneWelcomeAfterSignUp: a person who signs up through an invitation
// lands on a home that greets them once ("Welcome", not "Welcome back", and
// no second welcome in a message above it, nor the confirm-your-address
// notice); a later visit says "Welcome back".
func TestOneWelcomeAfterSignUp(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		if res := e.As("admin").Post("/admin/people/invite", url.Values{"email": {"nia@example.org"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("invite: %d", res.Status)
		}
		var body string
		if err := d.QueryRowContext(t.Context(), "SELECT body FROM mail_outbox WHERE to_addr = 'nia@example.org'").Scan(&body); err != nil {
			t.Fatal(err)
		}
		_, raw, _ := strings.Cut(body, "invite=")
		raw = strings.Fields(raw)[0]
		c := e.Visitor()
		res := c.Post("/signup", url.Values{"name": {"Nia Newcomer"}, "handle": {"nia"}, "email": {"nia@example.org"}, "password": {apptest.Password}, "invite": {raw}})
		if res.Status != http.StatusSeeOther || res.Location != "/" {
			t.Fatalf("sign up: %d %s", res.Status, res.Location)
		}
		home := c.Get("/").Body
		if n := strings.Count(home, "Welcome"); n != 1 || !strings.Contains(home, "Welcome, Nia Newcomer") {
			t.Errorf("the first home says Welcome %d times, want once (Welcome, not Welcome back)", n)
		}
		for _, no := range []string{`class="flash"`, "Please confirm your e-mail", "Welcome back"} {
			if strings.Contains(home, no) {
				t.Errorf("the first home shows %q", no)
			}
		}
		// The same visit: still a first one.
		if again := c.Get("/").Body; strings.Contains(again, "Welcome back") {
			t.Error("a second look within the visit says Welcome back")
		}
		if _, err := d.ExecContext(t.Context(), "UPDATE home_visits SET current_at = $1", db.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if later := c.Get("/").Body; !strings.Contains(later, "Welcome back, Nia Newcomer") {
			t.Error("a later visit does not say Welcome back")
		}
	})
}
