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

// gatheringRoles are the people of the gatherings' permission matrix, by
// handle ("" is the visitor): "stew" stewards (and hosts), "mem" is a
// member, "pend" asked to join, "out" is signed in only.
var gatheringRoles = []string{"", "out", "pend", "mem", "stew", "admin"}

// TestGatheringPermissionMatrix: every gathering route, for every kind of
// person, in a public, an institution and a private community, and once
// the gathering is cancelled. What one may not see is 404; what one may
// not do changes nothing.
func TestGatheringPermissionMatrix(t *testing.T) {
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
		day := time.Now().AddDate(0, 0, 7).Format(time.DateOnly)
		for _, vis := range []community.Visibility{community.Public, community.Institution, community.Private} {
			slug := "meet-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)
			list := "/c/" + slug + "/gatherings"
			res := clients["stew"].Post(list+"/new", form("title", "Secret "+slug+" supper", "zone", "Europe/Paris", "date", day,
				"start_time", "18:00", "end_time", "20:00", "place", "Kitchen", "capacity", "5", "repeat", "weekly", "days",
				fmt.Sprint(int(time.Now().AddDate(0, 0, 7).Weekday())), "ends", "count", "count", "3"))
			if res.Status != http.StatusSeeOther {
				t.Fatalf("schedule in %s: %d\n%s", slug, res.Status, res.Body)
			}
			g := res.Location
			var gid int64
			fmt.Sscan(strings.TrimPrefix(g, list+"/"), &gid)
			occ := int64(count(t, d, "SELECT MIN(id) FROM gathering_occurrences WHERE gathering_id = $1", gid))
			o := fmt.Sprintf("%s/o/%d", g, occ)
			answers := func(h string) int {
				return count(t, d, "SELECT COUNT(*) FROM gathering_rsvps r JOIN people p ON p.id = r.person_id WHERE r.occurrence_id = $1 AND p.handle = $2", occ, h)
			}
			for _, h := range gatheringRoles {
				c, reads := clients[h], talkReads(vis, h)
				member := slices.Contains([]string{"mem", "stew"}, h)
				who := fmt.Sprintf("%s in %s", or(h, "visitor"), slug)
				for _, path := range []string{list, list + "?past=1", list + ".ics", g, o, g + "/calendar.ics"} {
					res := c.Get(path)
					switch {
					case reads && res.Status != http.StatusOK:
						t.Errorf("%s GET %s: %d, want 200", who, path, res.Status)
					case !reads && (res.Status != http.StatusNotFound || strings.Contains(res.Body, "Secret")):
						t.Errorf("%s GET %s: %d, want 404 without the gathering", who, path, res.Status)
					}
				}
				for _, path := range []string{list + "/new", g + "/edit", g + "/cancel", o + "/edit", o + "/edit?scope=following", o + "/cancel"} {
					res := c.Get(path)
					want := http.StatusForbidden
					switch {
					case !reads:
						want = http.StatusNotFound
					case h == "stew":
						want = http.StatusOK
					case h == "":
						want = http.StatusSeeOther // to sign in
					}
					if res.Status != want {
						t.Errorf("%s GET %s: %d, want %d", who, path, res.Status, want)
					}
				}
				// Writes: refused ones change nothing; to those who may not
				// read, they are 404.
				check := func(what string, res apptest.Response, allowed, changed bool) {
					t.Helper()
					if !reads && res.Status != http.StatusNotFound {
						t.Errorf("%s POST %s: %d, want 404", who, what, res.Status)
					}
					if allowed != changed {
						t.Errorf("%s POST %s: changed %v, want %v (status %d, %s)", who, what, changed, allowed, res.Status, res.Location)
					}
				}
				before := answers(h)
				check("rsvp", c.Post(o+"/rsvp", form("answer", "going")), member, answers(h) != before)
				n := count(t, d, "SELECT COUNT(*) FROM gatherings")
				check("schedule", c.Post(list+"/new", form("title", "Another", "zone", "UTC", "date", day, "start_time", "10:00",
					"end_time", "11:00", "place", "Hall", "repeat", "")), h == "stew", count(t, d, "SELECT COUNT(*) FROM gatherings") != n)
				seq := count(t, d, "SELECT sequence FROM gatherings WHERE id = $1", gid)
				check("edit date", c.Post(o+"/edit", form("scope", "this", "title", "Moved", "date", day, "start_time", "19:00",
					"end_time", "21:00", "place", "Kitchen")), h == "stew", count(t, d, "SELECT sequence FROM gatherings WHERE id = $1", gid) != seq)
				if h != "stew" {
					check("cancel", c.Post(g+"/cancel", nil), false, count(t, d, "SELECT COUNT(*) FROM gatherings WHERE id = $1 AND cancelled_at IS NOT NULL", gid) != 0)
				}
			}
			// Cancelled: the page says so; nobody answers or edits any more.
			if res := clients["stew"].Post(g+"/cancel", nil); res.Status != http.StatusSeeOther {
				t.Fatalf("cancel: %d", res.Status)
			}
			if res := clients["mem"].Get(o); !strings.Contains(res.Body, "Cancelled") {
				t.Errorf("a cancelled gathering's page does not say so")
			}
			before := answers("mem")
			clients["mem"].Post(o+"/rsvp", form("answer", "maybe"))
			if answers("mem") != before || count(t, d, "SELECT COUNT(*) FROM gathering_rsvps r JOIN people p ON p.id = r.person_id WHERE r.occurrence_id = $1 AND p.handle = 'mem' AND r.answer = 'maybe'", occ) != 0 {
				t.Errorf("an answer to a cancelled gathering was recorded")
			}
			if res := clients["stew"].Post(g+"/edit", form("title", "Back", "zone", "UTC", "date", day, "start_time", "10:00", "end_time", "11:00",
				"place", "Hall")); res.Status != http.StatusSeeOther || count(t, d, "SELECT COUNT(*) FROM gatherings WHERE id = $1 AND title = 'Back'", gid) != 0 {
				t.Errorf("a cancelled gathering was edited: %d", res.Status)
			}
		}
	})
}
