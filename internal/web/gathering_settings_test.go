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

// Only stewards choose who schedules gatherings; once members may, a
// member schedules one; a bad choice changes nothing; in a private
// community the setting is 404 to those outside.
func TestGatheringSchedulersSetting(t *testing.T) {
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
		for _, vis := range []community.Visibility{community.Public, community.Private} {
			slug := "sched-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)
			setting := func() string {
				var s string
				if err := d.QueryRowContext(t.Context(), "SELECT gathering_schedulers FROM communities WHERE slug = $1", slug).Scan(&s); err != nil {
					t.Fatal(err)
				}
				return s
			}
			for _, h := range gatheringRoles {
				if h == "stew" {
					continue
				}
				res := clients[h].Post("/c/"+slug+"/settings/gatherings", form("gathering_schedulers", "members"))
				if setting() != "stewards" || (!talkReads(vis, h) && res.Status != http.StatusNotFound) {
					t.Errorf("%s in %s changed the setting: %d", or(h, "visitor"), slug, res.Status)
				}
			}
			if p := clients["stew"].Get("/c/" + slug + "/settings"); !strings.Contains(p.Body, `name="gathering_schedulers" value="stewards" checked`) {
				t.Errorf("the settings page does not show the choice")
			}
			clients["stew"].Post("/c/"+slug+"/settings/gatherings", form("gathering_schedulers", "everyone"))
			if setting() != "stewards" {
				t.Errorf("a bad choice was saved")
			}
			if res := clients["mem"].Get("/c/" + slug + "/gatherings/new"); res.Status != http.StatusForbidden {
				t.Errorf("a member opens the form before: %d", res.Status)
			}
			if res := clients["stew"].Post("/c/"+slug+"/settings/gatherings", form("gathering_schedulers", "members")); res.Status != http.StatusSeeOther || setting() != "members" {
				t.Fatalf("the steward's change: %d, %s", res.Status, setting())
			}
			day := time.Now().AddDate(0, 0, 4).Format(time.DateOnly)
			res := clients["mem"].Post("/c/"+slug+"/gatherings/new", form("title", "Member meetup", "zone", "UTC", "date", day,
				"start_time", "10:00", "end_time", "11:00", "place", "Hall", "repeat", ""))
			if res.Status != http.StatusSeeOther {
				t.Errorf("a member schedules after: %d", res.Status)
			}
			if res := clients["pend"].Post("/c/"+slug+"/gatherings/new", form("title", "Pending meetup", "zone", "UTC", "date", day,
				"start_time", "10:00", "end_time", "11:00", "place", "Hall", "repeat", "")); res.Status == http.StatusSeeOther ||
				count(t, d, "SELECT COUNT(*) FROM gatherings WHERE title = 'Pending meetup'") != 0 {
				t.Errorf("a pending member scheduled: %d", res.Status)
			}
		}
	})
}
