package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// conferenceForm is a one-off gathering in UTC from start, a day long.
func conferenceForm(title string, start time.Time) map[string][]string {
	end := start.Add(24 * time.Hour)
	return form("title", title, "zone", "UTC", "date", start.Format(time.DateOnly), "start_time", start.Format("15:04"),
		"end_date", end.Format(time.DateOnly), "end_time", end.Format("15:04"), "place", "Main hall", "repeat", "")
}

// sessionForm is a session from start, an hour long (UTC).
func sessionForm(title string, start time.Time, kv ...string) map[string][]string {
	end := start.Add(time.Hour)
	f := form(append([]string{"title", title, "date", start.Format(time.DateOnly), "start_time", start.Format("15:04"),
		"end_date", end.Format(time.DateOnly), "end_time", end.Format("15:04")}, kv...)...)
	return f
}

// TestConferencePermissionMatrix: every conference route, for every kind
// of person, in a public, an institution and a private community. What one
// may not see is 404; what one may not do changes nothing.
func TestConferencePermissionMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		for _, h := range []string{"mem", "pend", "out"} {
			e.Person(h)
		}
		clients := map[string]*apptest.Client{"": e.Visitor()}
		for _, h := range gatheringRoles[1:] {
			clients[h] = e.As(h)
		}
		start := time.Now().UTC().Add(2 * time.Hour).Truncate(time.Minute)
		for _, vis := range []community.Visibility{community.Public, community.Institution, community.Private} {
			slug := "conf-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)
			list := "/c/" + slug + "/gatherings"
			res := clients["stew"].Post(list+"/new", conferenceForm("Secret "+slug+" summit", start))
			if res.Status != http.StatusSeeOther {
				t.Fatalf("schedule in %s: %d\n%s", slug, res.Status, res.Body)
			}
			g := res.Location
			var gid int64
			fmt.Sscan(strings.TrimPrefix(g, list+"/"), &gid)
			occ := count(t, d, "SELECT MIN(id) FROM gathering_occurrences WHERE gathering_id = $1", gid)
			if res := clients["stew"].Post(g+"/sessions/new", sessionForm("Secret keynote", start, "capacity", "50")); res.Status != http.StatusSeeOther {
				t.Fatalf("add a session in %s: %d\n%s", slug, res.Status, res.Body)
			}
			sid := count(t, d, "SELECT MAX(id) FROM gathering_sessions WHERE gathering_id = $1", gid)
			ses := fmt.Sprintf("%s/sessions/%d", g, sid)
			for _, h := range []string{"mem", "stew"} {
				if res := clients[h].Post(fmt.Sprintf("%s/o/%d/rsvp", g, occ), form("answer", "going")); res.Status != http.StatusSeeOther {
					t.Fatalf("%s answers: %d", h, res.Status)
				}
			}
			memID := count(t, d, "SELECT id FROM people WHERE handle = 'mem'")
			for _, h := range gatheringRoles {
				c, reads := clients[h], talkReads(vis, h)
				member := slices.Contains([]string{"mem", "stew"}, h)
				who := fmt.Sprintf("%s in %s", or(h, "visitor"), slug)
				// Pages: 200 to whom may see them, 404 to whom may not read.
				pages := map[string]int{g + "/programme": http.StatusOK, g + "/schedule": http.StatusOK, g + "/schedule.ics": http.StatusOK,
					g + "/attendees": http.StatusForbidden}
				if h == "" {
					pages[g+"/schedule"], pages[g+"/schedule.ics"], pages[g+"/attendees"] = http.StatusSeeOther, http.StatusSeeOther, http.StatusSeeOther
				}
				if member || h == "admin" {
					pages[g+"/attendees"] = http.StatusOK
				}
				for _, path := range []string{g + "/sessions/new", ses + "/edit", ses + "/delete", g + "/checkin", g + "/attendees.csv"} {
					switch h {
					case "stew":
						pages[path] = http.StatusOK
					case "":
						pages[path] = http.StatusSeeOther
					default:
						pages[path] = http.StatusForbidden
					}
				}
				for path, want := range pages {
					if !reads {
						want = http.StatusNotFound
					}
					res := c.Get(path)
					if res.Status != want {
						t.Errorf("%s GET %s: %d, want %d", who, path, res.Status, want)
					}
					if !reads && strings.Contains(res.Body, "Secret") {
						t.Errorf("%s GET %s shows the conference", who, path)
					}
				}
				check := func(what string, res apptest.Response, allowed, changed bool) {
					t.Helper()
					if !reads && res.Status != http.StatusNotFound {
						t.Errorf("%s POST %s: %d, want 404", who, what, res.Status)
					}
					if allowed != changed {
						t.Errorf("%s POST %s: changed %v, want %v (status %d, %s)", who, what, changed, allowed, res.Status, res.Location)
					}
				}
				sessions := func() int { return count(t, d, "SELECT COUNT(*) FROM gathering_sessions WHERE gathering_id = $1", gid) }
				n := sessions()
				check("add session", c.Post(g+"/sessions/new", sessionForm("Another "+h, start)), h == "stew", sessions() != n)
				title := func() string { return text(t, d, "SELECT title FROM gathering_sessions WHERE id = $1", sid) }
				before := title()
				check("edit session", c.Post(ses+"/edit", sessionForm("Keynote by "+or(h, "visitor"), start, "capacity", "50")), h == "stew", title() != before)
				places := func() int {
					return count(t, d, "SELECT COUNT(*) FROM gathering_session_places p JOIN people x ON x.id = p.person_id WHERE p.session_id = $1 AND x.handle = $2", sid, h)
				}
				check("join session", c.Post(ses+"/place", form("action", "join")), member, places() != 0)
				checked := func() int {
					return count(t, d, "SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = $1 AND attended", occ)
				}
				was := checked()
				check("check in", c.Post(g+"/checkin", form("person", fmt.Sprint(memID), "came", "yes")), h == "stew" && was == 0, checked() != was)
				if h != "stew" {
					check("delete session", c.Post(ses+"/delete", nil), false, sessions() == 0 || count(t, d, "SELECT COUNT(*) FROM gathering_sessions WHERE id = $1", sid) == 0)
				}
			}
			if res := clients["stew"].Post(ses+"/delete", nil); res.Status != http.StatusSeeOther || count(t, d, "SELECT COUNT(*) FROM gathering_sessions WHERE id = $1", sid) != 0 {
				t.Errorf("the steward could not remove a session: %d", res.Status)
			}
		}
	})
}
