package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A guest with a confirmed place hears by e-mail what members who answered
// going hear in Hearth: the day before, that the gathering is near; that
// their date moved, and when to; that it is cancelled. A guest who never
// confirmed hears nothing.
func TestGuestsHearOfChangesCancellationsAndTheDayBefore(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam, visitor := e.As("sam"), e.Visitor()
		page, occ := scheduleOne(t, d, sam, "bread", "Open bake", 4)
		gurl := page[:strings.Index(page, "/o/")]
		wantRedirect(t, "open", sam.Post(gurl+"/guests-open", form("open", "yes")), gurl)
		signUp := func(name, address string) {
			t.Helper()
			if res := visitor.Post(page+"/guests", form("name", name, "email", address)); res.Status != http.StatusOK {
				t.Fatalf("%s signs up: %d", name, res.Status)
			}
		}
		signUp("Vera", "vera@example.org")
		if res := visitor.Post(guestLink(t, d, "vera@example.org")+"/confirm", nil); res.Status != http.StatusOK && res.Status != http.StatusSeeOther {
			t.Fatalf("confirm: %d", res.Status)
		}
		signUp("Paul", "paul@example.org") // never confirms
		mails := func(address, subject string) []string {
			t.Helper()
			rows, err := d.QueryContext(t.Context(), "SELECT body FROM mail_outbox WHERE to_addr = $1 AND subject LIKE $2 ORDER BY id", address, subject+"%")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var b string
				rows.Scan(&b)
				out = append(out, b)
			}
			return out
		}
		start := func() time.Time {
			var at time.Time
			if err := d.QueryRowContext(t.Context(), "SELECT starts_at FROM gathering_occurrences WHERE id = $1", occ).Scan(&at); err != nil {
				t.Fatal(err)
			}
			return at.UTC()
		}

		// The date moves a day later, to 19:00 in another kitchen.
		day := start().In(mustZone(t, "Europe/Paris")).AddDate(0, 0, 1).Format(time.DateOnly)
		if r := sam.Post(page+"/edit", form("scope", "this", "title", "Open bake", "date", day, "start_time", "19:00", "end_time", "21:00",
			"place", "The new kitchen")); r.Status != http.StatusSeeOther {
			t.Fatalf("move: %d\n%s", r.Status, r.Body)
		}
		moved := mails("vera@example.org", "Changed: Open bake")
		if len(moved) != 1 || !strings.Contains(moved[0], "19:00") || !strings.Contains(moved[0], "The new kitchen") ||
			!strings.Contains(moved[0], "Hello Vera") {
			t.Fatalf("the guest's news of the move: %q", moved)
		}
		if n := len(mails("paul@example.org", "Changed")); n != 0 {
			t.Errorf("a guest who never confirmed heard of the move")
		}

		// The day before, the guest is reminded.
		e.Worker.Jobs.SetClock(func() time.Time { return start().Add(-23 * time.Hour) })
		if _, err := e.Worker.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		if got := mails("vera@example.org", "Tomorrow: Open bake"); len(got) != 1 || !strings.Contains(got[0], "tomorrow") {
			t.Errorf("the guest's reminder: %q", got)
		}
		if n := len(mails("paul@example.org", "Tomorrow")); n != 0 {
			t.Errorf("a guest who never confirmed was reminded")
		}

		// The gathering is cancelled.
		if r := sam.Post(gurl+"/cancel", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("cancel: %d", r.Status)
		}
		if got := mails("vera@example.org", "Cancelled: Open bake"); len(got) != 1 || !strings.Contains(got[0], "cancelled") {
			t.Errorf("the guest's news of the cancellation: %q", got)
		}
	})
}
