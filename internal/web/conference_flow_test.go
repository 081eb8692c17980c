package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A steward builds a programme (a refused form keeps what was typed, with
// each problem next to its field); a member builds their schedule and gets
// it as .ics; at the door the steward finds them by name and checks them
// in with one tap. What people typed is escaped everywhere.
func TestConferenceJourney(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("mem")
		e.Community(stew, "eng", community.Public, community.Open)
		e.SetMembership("eng", e.Actor("mem"), community.RoleMember, community.ActiveMember)
		st, mem := e.As("stew"), e.As("mem")
		start := time.Now().UTC().Add(2 * time.Hour).Truncate(time.Minute)
		res := st.Post("/c/eng/gatherings/new", conferenceForm("Bridges 2027", start))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("schedule: %d", res.Status)
		}
		g := res.Location
		if body := st.Get(g).Body; !strings.Contains(body, g+"/programme") {
			t.Error("the gathering's page does not link to its programme")
		}
		bad := sessionForm("", start.Add(-time.Hour), "room", "Hall <b>A</b>", "capacity", "many", "speakers", "@nobody")
		res = st.Post(g+"/sessions/new", bad)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("a bad session: %d", res.Status)
		}
		for _, want := range []string{"Give the session a title.", "the session must fit within it", "Give the number of places", `value="Hall &lt;b&gt;A&lt;/b&gt;"`, "@nobody"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_sessions"); n != 0 {
			t.Fatalf("%d sessions saved from a refused form", n)
		}
		res = st.Post(g+"/sessions/new", sessionForm("Cables <script>alert(1)</script>", start, "room", "Hall A", "track", "Steel",
			"capacity", "1", "speakers", "@mem\n<i>Ada</i>", "description", "Why *cables* sing. <script>alert(2)</script>"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("add a session: %d\n%s", res.Status, res.Body)
		}
		sid := count(t, d, "SELECT MAX(id) FROM gathering_sessions")
		prog := mem.Get(g + "/programme").Body
		for _, want := range []string{"Cables &lt;script&gt;", "&lt;i&gt;Ada&lt;/i&gt;", "<em>cables</em>", `href="/people/mem"`, "Answer <a"} {
			if !strings.Contains(prog, want) {
				t.Errorf("the programme lacks %q", want)
			}
		}
		if strings.Contains(prog, "<script>alert") || strings.Contains(prog, "<i>Ada") {
			t.Error("the programme lets markup through")
		}
		occ := count(t, d, "SELECT MIN(id) FROM gathering_occurrences")
		mem.Post(fmt.Sprintf("%s/o/%d/rsvp", g, occ), form("answer", "going"))
		if !strings.Contains(mem.Get(g+"/programme").Body, "Add to my schedule") {
			t.Error("a member going is not offered the session")
		}
		res = mem.Post(fmt.Sprintf("%s/sessions/%d/place", g, sid), form("action", "join"))
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, g+"/programme") {
			t.Fatalf("join: %d %s", res.Status, res.Location)
		}
		if body := mem.Get(g + "/schedule").Body; !strings.Contains(body, "Cables &lt;script&gt;") || !strings.Contains(body, "You have a place") {
			t.Error("the session is not on the member's schedule")
		}
		ics := mem.Get(g + "/schedule.ics")
		if ics.Status != http.StatusOK || !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(ics.Body, "SUMMARY:Cables") {
			t.Errorf("schedule.ics: %d %s", ics.Status, ics.Header.Get("Content-Type"))
		}
		// The steward, going too, waits: the only place is taken.
		st.Post(fmt.Sprintf("%s/o/%d/rsvp", g, occ), form("answer", "going"))
		st.Post(fmt.Sprintf("%s/sessions/%d/place", g, sid), form("action", "join"))
		if body := st.Get(g + "/schedule").Body; !strings.Contains(body, "Waiting for a place") {
			t.Error("the steward is not on the waitlist")
		}
		// Leaving from one's schedule goes back to it; the steward moves up.
		res = mem.Post(fmt.Sprintf("%s/sessions/%d/place", g, sid), form("action", "leave", "next", g+"/schedule"))
		if res.Location != g+"/schedule" {
			t.Errorf("leave went to %s", res.Location)
		}
		if body := st.Get(g + "/schedule").Body; !strings.Contains(body, "You have a place") {
			t.Error("the steward was not promoted")
		}
		// At the door.
		memID := count(t, d, "SELECT id FROM people WHERE handle = 'mem'")
		door := g + "/checkin?" + url.Values{"q": {"Mem"}}.Encode()
		body := st.Get(door).Body
		if !strings.Contains(body, "Mem Tester") || strings.Count(body, `<li class="row">`) != 1 || !strings.Contains(body, `name="person" value="`+fmt.Sprint(memID)+`"`) {
			t.Errorf("the search at the door does not find the member alone:\n%s", body)
		}
		res = st.Post(g+"/checkin", form("person", fmt.Sprint(memID), "came", "yes", "next", door))
		if res.Status != http.StatusSeeOther || res.Location != door {
			t.Fatalf("check in: %d %s", res.Status, res.Location)
		}
		if !strings.Contains(st.Get(door).Body, "Checked in") || count(t, d, "SELECT COUNT(*) FROM gathering_rsvps WHERE attended") != 1 {
			t.Error("the check-in is not recorded")
		}
		csv := st.Get(g + "/attendees.csv")
		if !strings.Contains(csv.Body, "Mem Tester,mem,going,") || !strings.Contains(csv.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("export:\n%s", csv.Body)
		}
	})
}

// A series has no programme: its routes are 404 with a reason.
func TestSeriesHasNoProgramme(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	e := apptest.New(t, d)
	stew := e.Person("stew")
	e.Community(stew, "eng", community.Public, community.Open)
	day := time.Now().AddDate(0, 0, 7)
	res := e.As("stew").Post("/c/eng/gatherings/new", form("title", "Weekly", "zone", "UTC", "date", day.Format(time.DateOnly), "start_time", "18:00",
		"end_time", "19:00", "place", "Hall", "repeat", "weekly", "days", fmt.Sprint(int(day.Weekday())), "ends", "count", "count", "3"))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("schedule: %d", res.Status)
	}
	for _, p := range []string{"/programme", "/sessions/new", "/attendees", "/checkin", "/schedule"} {
		if res := e.As("stew").Get(res.Location + p); res.Status != http.StatusNotFound {
			t.Errorf("GET %s of a series: %d, want 404", p, res.Status)
		}
	}
}
