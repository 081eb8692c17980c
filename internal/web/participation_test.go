package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// After the recount job, a member sees their own level on the community's
// home with what moves them inward; the stewards' page lists everyone's and
// is not found for members, outsiders and visitors; the rules have a page.
func TestParticipationPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Person("mia"), community.RoleMember, community.ActiveMember)
		e.Person("out")
		mia := e.As("mia")
		res := mia.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {"Rye"}, "summary": {"About rye."}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.Status)
		}
		if _, err := d.ExecContext(t.Context(), `UPDATE jobs SET run_at = $1 WHERE kind = 'people.participation.recount'`, db.Now()); err != nil {
			t.Fatal(err)
		}
		for range 3 { // the fan-out enqueues the recount, which runs after it
			if _, err := e.Worker.RunDue(t.Context()); err != nil {
				t.Fatal(err)
			}
			if _, err := d.ExecContext(t.Context(), `UPDATE jobs SET run_at = $1 WHERE kind = 'people.participation.recount' AND status = 'queued'`, db.Now()); err != nil {
				t.Fatal(err)
			}
		}
		home := mia.Get("/c/bread").Body
		if !strings.Contains(home, "Your part here") || !strings.Contains(home, "<strong>Occasional</strong> · 1 contribution") ||
			!strings.Contains(home, "2 points more to be active") {
			t.Errorf("mia's part on the home page:\n%s", home)
		}
		page := e.As("sam").Get("/c/bread/participation")
		if page.Status != http.StatusOK || !strings.Contains(page.Body, `<a href="/people/mia">Mia Tester</a></th><td>Occasional</td><td>1</td>`) {
			t.Errorf("the stewards' page: %d\n%s", page.Status, page.Body)
		}
		for who, c := range map[string]*apptest.Client{"member": mia, "outsider": e.As("out"), "visitor": e.Visitor()} {
			if r := c.Get("/c/bread/participation"); r.Status != http.StatusNotFound {
				t.Errorf("%s: %d", who, r.Status)
			}
		}
		if strings.Contains(e.Visitor().Get("/c/bread").Body, "Your part here") {
			t.Error("a visitor has a part")
		}
		if r := e.Visitor().Get("/help/participation"); r.Status != http.StatusOK || !strings.Contains(r.Body, "15 points or more") {
			t.Errorf("help page: %d", r.Status)
		}
	})
}

// A newcomer's home shows their first steps; reading the charter ticks one;
// the stewards' page names them with their progress.
func TestNewcomerFirstSteps(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Person("nia")
		nia := e.As("nia")
		if r := nia.Post("/c/bread/join", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("join: %d\n%s", r.Status, r.Body)
		}
		home := nia.Get("/c/bread").Body
		if !strings.Contains(home, "Your first steps here <span class=\"meta\">· 0 of 5 done") || !strings.Contains(home, `<a href="/c/bread/charter">Read the charter`) {
			t.Fatalf("the newcomer's home:\n%s", home)
		}
		nia.Get("/c/bread/charter")
		if home := nia.Get("/c/bread").Body; !strings.Contains(home, "· 1 of 5 done") || !strings.Contains(home, "Read the charter: what the community is about<span class=\"sr\"> (done)") {
			t.Errorf("after reading the charter:\n%s", home)
		}
		if strings.Contains(e.As("sam").Get("/c/bread").Body, "Your first steps here") {
			t.Error("the steward who started the community is shown the newcomer's steps")
		}
		page := e.As("sam").Get("/c/bread/participation").Body
		if !strings.Contains(page, `<a href="/people/nia">Nia Tester</a>`) || !strings.Contains(page, "1 of 5 first steps") {
			t.Errorf("the stewards' newcomers:\n%s", page)
		}
	})
}
