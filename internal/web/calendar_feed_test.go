package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A person's calendar address is shown once when made; calendar programs
// read it without a session and find the gatherings the person hosts or
// answered going or maybe, not the others, and none of a private community
// they left; a new address turns the old one off, and so does turning off.
func TestPersonalCalendarFeed(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		ann := e.Person("ann")
		e.Community(stew, "bread", community.Public, community.Open)
		e.Community(stew, "secret", community.Private, community.Invite)
		e.SetMembership("bread", ann, community.RoleMember, community.ActiveMember)
		e.SetMembership("secret", ann, community.RoleMember, community.ActiveMember)
		s, a := e.As("stew"), e.As("ann")
		going, _ := scheduleOne(t, d, s, "bread", "Sourdough night", 3)
		maybe, _ := scheduleOne(t, d, s, "secret", "Secret supper", 4)
		scheduleOne(t, d, s, "bread", "Unanswered tasting", 5)
		declined, _ := scheduleOne(t, d, s, "bread", "Declined picnic", 6)
		for o, answer := range map[string]string{going: "going", maybe: "maybe", declined: "no"} {
			if r := a.Post(o+"/rsvp", form("answer", answer)); r.Status != http.StatusSeeOther {
				t.Fatalf("answer %s: %d", answer, r.Status)
			}
		}

		if r := e.Visitor().Get("/account/calendar"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/signin") {
			t.Fatalf("a visitor's calendar page: %d %s", r.Status, r.Location)
		}
		if r := e.Visitor().Post("/account/calendar", nil); r.Status == http.StatusOK {
			t.Fatal("a visitor made a calendar address")
		}
		page := a.Get("/account/calendar")
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "You have no calendar address yet.") {
			t.Fatalf("calendar page: %d\n%s", page.Status, page.Body)
		}
		addressOf := func(r apptest.Response) string {
			t.Helper()
			m := regexp.MustCompile(`value="(http://[^"]+/calendar-feed/[^"]+)"`).FindStringSubmatch(r.Body)
			if r.Status != http.StatusOK || m == nil {
				t.Fatalf("no address shown: %d\n%s", r.Status, r.Body)
			}
			return strings.TrimPrefix(m[1], e.Server.URL)
		}
		first := addressOf(a.Post("/account/calendar", nil))
		if again := a.Get("/account/calendar"); strings.Contains(again.Body, first) || !strings.Contains(again.Body, "Make a new address") {
			t.Error("the address is shown again after it was made, or the page does not offer a new one")
		}

		events := func(path string) []string {
			t.Helper()
			r := e.Visitor().Get(path)
			if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/calendar") {
				t.Fatalf("feed %s: %d %s", path, r.Status, r.Header.Get("Content-Type"))
			}
			cal, err := goical.NewDecoder(strings.NewReader(r.Body)).Decode()
			if err != nil {
				t.Fatalf("the feed does not parse: %v\n%s", err, r.Body)
			}
			var titles []string
			for _, ev := range cal.Events() {
				if p := ev.Props.Get(goical.PropSummary); p != nil {
					titles = append(titles, p.Value)
				}
				if ev.Props.Get(goical.PropUID) == nil || ev.Props.Get(goical.PropDateTimeStamp) == nil {
					t.Errorf("an event without UID or DTSTAMP:\n%s", r.Body)
				}
			}
			return titles
		}
		got := strings.Join(events(first), " | ")
		if !strings.Contains(got, "Sourdough night") || !strings.Contains(got, "Secret supper") ||
			strings.Contains(got, "Unanswered tasting") || strings.Contains(got, "Declined picnic") {
			t.Errorf("ann's feed holds %q", got)
		}
		// Leaving the private community takes its gatherings out.
		if _, err := d.ExecContext(t.Context(), `DELETE FROM memberships WHERE person_id = $1
			AND community_id = (SELECT id FROM communities WHERE slug = 'secret')`, ann.PersonID); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(events(first), " | "); strings.Contains(got, "Secret supper") || !strings.Contains(got, "Sourdough night") {
			t.Errorf("after leaving the private community the feed holds %q", got)
		}
		// The host's feed holds what they host.
		if got := strings.Join(events(addressOf(s.Post("/account/calendar", nil))), " | "); !strings.Contains(got, "Unanswered tasting") {
			t.Errorf("the host's feed holds %q", got)
		}

		second := addressOf(a.Post("/account/calendar", nil))
		if r := e.Visitor().Get(first); r.Status != http.StatusNotFound {
			t.Errorf("the replaced address answers %d", r.Status)
		}
		events(second)
		if r := a.Get("/account/calendar/stop"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Turn it off") {
			t.Fatalf("confirm turning off: %d", r.Status)
		}
		if r := a.Post("/account/calendar/stop", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("turn off: %d", r.Status)
		}
		for _, path := range []string{second, "/calendar-feed/nonsense", "/calendar-feed/" + strings.Repeat("x", 300)} {
			if r := e.Visitor().Get(path); r.Status != http.StatusNotFound {
				t.Errorf("%s answers %d", path, r.Status)
			}
		}
	})
}
