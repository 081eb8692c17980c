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

// A steward schedules with a mistake (kept, the error beside its field),
// then properly; a member in New York sees both clocks; with one place the
// second member waits and is told their place; the first leaves and the
// second goes.
func TestGatheringFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("ann")
		e.Person("bob")
		e.Community(stew, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("ann"), community.RoleMember, community.ActiveMember)
		e.SetMembership("bread", e.Actor("bob"), community.RoleMember, community.ActiveMember)
		s, ann, bob := e.As("stew"), e.As("ann"), e.As("bob")
		day := time.Now().AddDate(0, 0, 9).Format(time.DateOnly)
		bad := s.Post("/c/bread/gatherings/new", form("title", "Sourdough <b>night</b>", "zone", "Europe/Paris", "date", day,
			"start_time", "18:00", "end_time", "20:00", "online_url", "http://insecure.example", "capacity", "1", "repeat", ""))
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "https://") ||
			!strings.Contains(bad.Body, `value="Sourdough &lt;b&gt;night&lt;/b&gt;"`) || !strings.Contains(bad.Body, `id="e-online_url"`) {
			t.Fatalf("bad form: %d\n%s", bad.Status, bad.Body)
		}
		res := s.Post("/c/bread/gatherings/new", form("title", "Sourdough night", "zone", "Europe/Paris", "date", day,
			"start_time", "18:00", "end_time", "20:00", "online_url", "https://meet.example.org/x", "capacity", "1", "repeat", ""))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("schedule: %d\n%s", res.Status, res.Body)
		}
		if r := ann.Post("/account/time-zone", form("time_zone", "America/New_York")); r.Status != http.StatusSeeOther {
			t.Fatalf("time zone: %d", r.Status)
		}
		if r := ann.Post("/account/time-zone", form("time_zone", "Mars/Base")); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Mars/Base") {
			t.Errorf("a bad zone: %d", r.Status)
		}
		page := ann.Get(res.Location)
		if !strings.Contains(page.Body, "18:00–20:00</time> Europe/Paris") || !strings.Contains(page.Body, "your time (America/New_York)") {
			t.Errorf("the page does not show both clocks:\n%s", page.Body)
		}
		var occ string
		if i := strings.Index(page.Body, `/o/`); i >= 0 {
			occ = page.Body[i : i+3+strings.IndexAny(page.Body[i+3:], `/"`)]
		}
		o := res.Location + occ
		if r := ann.Post(o+"/rsvp", form("answer", "going")); r.Status != http.StatusSeeOther {
			t.Fatalf("ann answers: %d", r.Status)
		}
		r := bob.Post(o+"/rsvp", form("answer", "going"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("bob answers: %d", r.Status)
		}
		if p := bob.Get(r.Location); !strings.Contains(p.Body, "number 1 on the waitlist") {
			t.Errorf("bob is not told his place:\n%s", p.Body)
		}
		ann.Post(o+"/rsvp", form("answer", "no"))
		if p := bob.Get(o); !strings.Contains(p.Body, "You are going.") {
			t.Errorf("bob was not promoted")
		}
		if p := e.Visitor().Get("/c/bread/gatherings"); !strings.Contains(p.Body, "Sourdough night") || !strings.Contains(p.Body, "1 going of 1 places") {
			t.Errorf("the list does not show it:\n%s", p.Body)
		}
	})
}
