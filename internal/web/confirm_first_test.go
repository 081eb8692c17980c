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

// TestStartCommunityConfirmFirst: a signed-in person whose address is not
// confirmed (signing in needs it today, so only an account from before that
// rule is in this state) is told before the form; what they submit anyway
// comes back typed; "send the confirmation again" carries the draft, and the
// link brings them back to the form holding it.
func TestStartCommunityConfirmFirst(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("old")
		c := e.As("old")
		if _, err := d.ExecContext(t.Context(), "UPDATE people SET email_verified_at = NULL WHERE handle = 'old'"); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2100 * time.Millisecond) // the session cache trusts what it read for two seconds

		page := c.Get("/communities/new").Body
		notice, form := strings.Index(page, "Confirm your e-mail address first"), strings.Index(page, `action="/communities/new"`)
		if notice < 0 || form < 0 || notice > form || !strings.Contains(page, "Send the confirmation again") {
			t.Fatalf("the notice is not above the form (notice at %d, form at %d)", notice, form)
		}
		if strings.Count(page, "confirm your e-mail address") > 0 {
			t.Error("the layout's own notice shows too")
		}
		draft := url.Values{"name": {"Lathe Friends"}, "purpose": {"We turn wood & talk about it."}, "visibility": {"public"}, "join_policy": {"open"}}
		res := c.Post("/communities/new", draft)
		if res.Status != http.StatusForbidden || !strings.Contains(res.Body, `value="Lathe Friends"`) || !strings.Contains(res.Body, "We turn wood &amp; talk about it.") ||
			!strings.Contains(res.Body, "keeping this draft") {
			t.Fatalf("submitting anyway: %d, the draft is not kept", res.Status)
		}
		resend := url.Values{"next": {"/communities/new"}}
		for k, v := range draft {
			resend[k] = v
		}
		if res := c.Post("/verify/resend", resend); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/communities/new?") {
			t.Fatalf("send again: %d %s", res.Status, res.Location)
		}
		res = c.Get(e.MailLink("old@example.org"))
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/communities/new?") {
			t.Fatalf("the confirmation link: %d %s, want back to the form", res.Status, res.Location)
		}
		time.Sleep(2100 * time.Millisecond)
		page = c.Get(res.Location).Body
		if !strings.Contains(page, `value="Lathe Friends"`) || !strings.Contains(page, "We turn wood &amp; talk about it.") || strings.Contains(page, "Confirm your e-mail address first") {
			t.Error("back on the form after confirming, the draft is gone or the notice stays")
		}
		if res := c.Post("/communities/new", draft); res.Status != http.StatusSeeOther {
			t.Errorf("start after confirming: %d", res.Status)
		}
	})
}
