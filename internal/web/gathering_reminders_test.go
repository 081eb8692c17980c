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

// Reminders go, in-app and by e-mail, to those going or maybe, at the time
// each chose (a day, an hour, never); a date moved later reminds at its new
// time and not the old; a cancelled date reminds nobody.
func TestGatheringReminders(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		for _, h := range []string{"ann", "bob", "cat", "dan"} {
			e.Person(h)
		}
		e.Community(stew, "bread", community.Public, community.Open)
		for _, h := range []string{"ann", "bob", "cat", "dan"} {
			e.SetMembership("bread", e.Actor(h), community.RoleMember, community.ActiveMember)
		}
		s := e.As("stew")
		if r := e.As("bob").Post("/account/notifications", form("email", "immediate", "reminder", "hour")); r.Status != http.StatusSeeOther {
			t.Fatalf("bob's choice: %d", r.Status)
		}
		if r := e.As("cat").Post("/account/notifications", form("email", "immediate", "reminder", "none")); r.Status != http.StatusSeeOther {
			t.Fatalf("cat's choice: %d", r.Status)
		}
		if p := e.As("bob").Get("/account/notifications"); !strings.Contains(p.Body, `value="hour" checked`) {
			t.Errorf("the choices page does not show bob's reminder choice")
		}
		if r := e.As("cat").Post("/account/notifications", form("email", "immediate", "reminder", "soon")); r.Status == http.StatusSeeOther {
			t.Errorf("a bad reminder choice was accepted")
		}
		o, occ := scheduleOne(t, d, s, "bread", "Sourdough night", 3)
		for h, answer := range map[string]string{"ann": "going", "bob": "going", "cat": "maybe", "dan": "no"} {
			if r := e.As(h).Post(o+"/rsvp", form("answer", answer)); r.Status != http.StatusSeeOther {
				t.Fatalf("%s answers: %d", h, r.Status)
			}
		}
		start := func() time.Time {
			var at time.Time
			if err := d.QueryRowContext(t.Context(), `SELECT starts_at FROM gathering_occurrences WHERE id = $1`, occ).Scan(&at); err != nil {
				t.Fatal(err)
			}
			return at.UTC()
		}
		old := start()
		// The date moves a day later.
		day := old.In(mustZone(t, "Europe/Paris")).AddDate(0, 0, 1).Format(time.DateOnly)
		if r := s.Post(o+"/edit", form("scope", "this", "title", "Sourdough night", "date", day, "start_time", "18:00", "end_time", "20:00",
			"place", "Kitchen")); r.Status != http.StatusSeeOther {
			t.Fatalf("move: %d\n%s", r.Status, r.Body)
		}
		moved := start()
		reminded := func(h string) int {
			return count(t, d, `SELECT COUNT(*) FROM notifications n JOIN activities a ON a.id = n.activity_id JOIN people p ON p.id = n.person_id
				WHERE a.verb = 'gathering.reminder' AND p.handle = $1`, h)
		}
		mailed := func(h string) int {
			return count(t, d, `SELECT COUNT(*) FROM mail_outbox m JOIN people p ON p.email = m.to_addr WHERE p.handle = $1 AND m.body LIKE '%It starts %'`, h)
		}
		runAt := func(at time.Time) {
			t.Helper()
			e.Worker.Jobs.SetClock(func() time.Time { return at })
			if _, err := e.Worker.RunDue(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		runAt(old.Add(-23 * time.Hour))
		if reminded("ann") != 0 {
			t.Errorf("ann was reminded at the old time")
		}
		runAt(moved.Add(-23 * time.Hour))
		if reminded("ann") != 1 || reminded("bob") != 0 || reminded("cat") != 0 || reminded("dan") != 0 {
			t.Errorf("a day before: ann %d, bob %d, cat %d, dan %d reminders; want 1, 0, 0, 0", reminded("ann"), reminded("bob"), reminded("cat"), reminded("dan"))
		}
		runAt(moved.Add(-50 * time.Minute))
		if reminded("ann") != 1 || reminded("bob") != 1 || reminded("cat") != 0 {
			t.Errorf("an hour before: ann %d, bob %d, cat %d; want 1, 1, 0", reminded("ann"), reminded("bob"), reminded("cat"))
		}
		if mailed("ann") == 0 || mailed("bob") == 0 || mailed("cat") != 0 {
			t.Errorf("e-mails: ann %d, bob %d, cat %d", mailed("ann"), mailed("bob"), mailed("cat"))
		}
		if p := e.As("ann").Get("/notifications"); !strings.Contains(p.Body, "Sourdough night") {
			t.Errorf("ann's notifications do not show the reminder")
		}

		// A cancelled date reminds nobody.
		o2, _ := scheduleOne(t, d, s, "bread", "Rye morning", 5)
		e.As("ann").Post(o2+"/rsvp", form("answer", "going"))
		if r := s.Post(o2[:strings.Index(o2, "/o/")]+"/cancel", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("cancel: %d", r.Status)
		}
		runAt(time.Now().AddDate(0, 0, 5))
		if n := count(t, d, `SELECT COUNT(*) FROM activities WHERE verb = 'gathering.reminder' AND title = 'Rye morning'`); n != 0 {
			t.Errorf("a cancelled date reminded (%d)", n)
		}
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
