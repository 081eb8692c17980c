package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// guestLink is the path of the newest guest link mailed to address.
func guestLink(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	body := text(t, d, "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", address)
	m := regexp.MustCompile(`/guest/[A-Za-z0-9_-]+`).FindString(body)
	if m == "" {
		t.Fatalf("no guest link in the mail to %s:\n%s", address, body)
	}
	return m
}

// A steward opens a public community's gathering (two places) to visitors.
// A visitor's mistake comes back next to the field with what they typed; a
// sign-up mails a link, and the place counts only once confirmed there; the
// hosts see the guest's name; when the places are gone, the next guest is
// told so; a guest who gives the place back makes way for the member who
// waits.
func TestGuestsSignUpConfirmAndGiveBack(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		e.Person("olga")
		e.Person("pia")
		sam, olga, pia, visitor := e.As("sam"), e.As("olga"), e.As("pia"), e.Visitor()
		for _, c := range []*apptest.Client{olga, pia} {
			c.Post("/c/bread/join", nil)
		}
		day := time.Now().AddDate(0, 0, 5).Format(time.DateOnly)
		res := sam.Post("/c/bread/gatherings/new", form("title", "Open bake", "zone", "Europe/Paris", "date", day,
			"start_time", "18:00", "end_time", "20:00", "place", "Kitchen", "capacity", "2", "repeat", ""))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("schedule: %d %s", res.Status, res.Body)
		}
		gurl := res.Location
		occ := count(t, d, "SELECT MIN(o.id) FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id WHERE g.title = 'Open bake'")
		page := fmt.Sprintf("%s/o/%d", gurl, occ)
		going := func() int { return count(t, d, "SELECT going FROM gathering_occurrences WHERE id = $1", occ) }

		lacks(t, "closed to visitors", visitor.Get(page).Body, "Sign up to come")
		visitor.Post(page+"/guests", form("name", "Vera", "email", "vera@example.org"))
		olga.Post(gurl+"/guests-open", form("open", "yes"))
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_guests"); n != 0 {
			t.Fatalf("%d guests signed up while closed", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gatherings WHERE guests_open"); n != 0 {
			t.Fatal("a member who does not manage the gathering opened it")
		}
		wantRedirect(t, "open", sam.Post(gurl+"/guests-open", form("open", "yes")), gurl)

		body := visitor.Get(page).Body
		contains(t, "open to visitors", body, "Sign up to come", `<label for="f-email">`, `autocomplete="email"`)
		res = visitor.Post(page+"/guests", form("name", "Vera Visitor", "email", "vera at example"))
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad address: %d", res.Status)
		}
		contains(t, "bad address", res.Body, `id="e-email"`, `value="Vera Visitor"`, `value="vera at example"`)

		res = visitor.Post(page+"/guests", form("name", "Vera Visitor", "email", "Vera@Example.org"))
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Check your e-mail") {
			t.Fatalf("sign-up: %d %s", res.Status, res.Body)
		}
		if going() != 0 {
			t.Fatal("an unconfirmed sign-up took a place")
		}
		link := guestLink(t, d, "vera@example.org")
		res = visitor.Get(link)
		contains(t, "guest page", res.Body, "Not confirmed yet", "Confirm my place", "Open bake")
		if res.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("the guest page leaks its token by referrer: %q", res.Header.Get("Referrer-Policy"))
		}
		res = visitor.Post(link+"/confirm", nil)
		contains(t, "confirmed", res.Body, "Your place is confirmed", "Give my place back")
		if going() != 1 {
			t.Fatalf("%d going after the guest confirmed, want 1", going())
		}
		contains(t, "hosts see guests", sam.Get(page).Body, "Guests (visitors with a confirmed place)", "Vera Visitor")
		lacks(t, "members do not see guests' names", olga.Get(page).Body, "Vera Visitor")

		olga.Post(page+"/rsvp", form("answer", "going"))
		pia.Post(page+"/rsvp", form("answer", "going"))
		if going() != 2 || count(t, d, "SELECT waiting FROM gathering_occurrences WHERE id = $1", occ) != 1 {
			t.Fatal("olga should have the last place and pia wait")
		}
		visitor.Post(page+"/guests", form("name", "Walt", "email", "walt@example.org"))
		res = visitor.Post(guestLink(t, d, "walt@example.org")+"/confirm", nil)
		if res.Status != http.StatusConflict || !strings.Contains(res.Body, "every place is taken") {
			t.Fatalf("a guest past the capacity: %d %s", res.Status, res.Body)
		}

		// A new link replaces the old one; giving the place back promotes pia.
		visitor.Post(page+"/guests", form("name", "Vera Visitor", "email", "vera@example.org"))
		if r := visitor.Get(link); r.Status != http.StatusNotFound {
			t.Errorf("the replaced link still works: %d", r.Status)
		}
		link = guestLink(t, d, "vera@example.org")
		contains(t, "given back", visitor.Post(link+"/cancel", nil).Body, "Your place is given back")
		if a := text(t, d, `SELECT r.answer FROM gathering_rsvps r JOIN people p ON p.id = r.person_id WHERE p.handle = 'pia'`); a != "going" {
			t.Errorf("pia is %q after the guest gave the place back, want going", a)
		}
		if going() != 2 {
			t.Errorf("%d going, want 2", going())
		}
		if r := visitor.Get("/guest/not-a-token"); r.Status != http.StatusNotFound {
			t.Errorf("an unknown link: %d", r.Status)
		}
	})
}
