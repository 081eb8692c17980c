package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestPeopleListFindsByDepartmentAndTitle(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("nina")
		e.Person("otto")
		if _, err := d.ExecContext(context.Background(), `INSERT INTO departments (name, slug, created_at) VALUES ('Paediatric Nursing', 'paediatric-nursing', $1)`, db.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(context.Background(), `UPDATE people SET title = 'Ward Sister', department_id = (SELECT id FROM departments WHERE slug = 'paediatric-nursing')
			WHERE handle = 'nina'`); err != nil {
			t.Fatal(err)
		}
		c := e.As("otto")
		for _, q := range []string{"paediatric", "ward sister"} {
			body := c.Get("/people?q=" + strings.ReplaceAll(q, " ", "+")).Body
			if !strings.Contains(body, `<span class="meta">@nina</span>`) {
				t.Errorf("searching people for %q does not find nina", q)
			}
			if strings.Contains(body, `<span class="meta">@otto</span>`) {
				t.Errorf("searching people for %q finds otto, who matches nothing", q)
			}
		}
	})
}

// profileCards returns the community cards of a profile page, by slug.
func profileCards(body string) map[string]string {
	cards := map[string]string{}
	_, list, _ := strings.Cut(body, `id="comm-h"`)
	for _, card := range strings.Split(list, `<li class="card">`)[1:] {
		_, rest, _ := strings.Cut(card, `<a href="/c/`)
		slug, _, _ := strings.Cut(rest, `"`)
		cards[slug] = card
	}
	return cards
}

func TestProfileShowsThePersonsRolesInCommunitiesTheViewerMaySee(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		mel := e.Person("mel")
		e.Person("olga")
		e.Community(stew, "commons", community.Public, community.Open)
		e.Community(stew, "hideout", community.Private, community.Invite)
		e.SetMembership("commons", mel, community.RoleMember, community.ActiveMember)
		e.SetMembership("hideout", mel, community.RoleMember, community.ActiveMember)

		cards := profileCards(e.As("mel").Get("/people/stew").Body)
		if c, ok := cards["commons"]; !ok || !strings.Contains(c, ">Steward</span>") || strings.Contains(c, ">Member</span>") {
			t.Errorf("a member sees the steward's card of commons without the steward's role: %q", c)
		}
		if c, ok := cards["hideout"]; !ok || !strings.Contains(c, ">Steward</span>") {
			t.Errorf("a fellow member of hideout does not see it, with the role, on the steward's profile: %q", c)
		}
		cards = profileCards(e.As("olga").Get("/people/stew").Body)
		if _, ok := cards["hideout"]; ok {
			t.Error("an outsider sees the private community hideout on the steward's profile")
		}
		if _, ok := cards["commons"]; !ok {
			t.Errorf("an outsider does not see the public community on the steward's profile: %v", cards)
		}
	})
}

func TestProfileListsWhatThePersonWroteThatTheViewerMayRead(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		mel := e.Person("mel")
		e.Person("olga")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "hideout", community.Private, community.Invite)
		e.SetMembership("bread", mel, community.RoleMember, community.ActiveMember)
		e.SetMembership("hideout", mel, community.RoleMember, community.ActiveMember)
		for slug, entries := range map[string][][2]string{
			"bread":   {{"Rye at altitude", "publish"}, {"Half-baked notes", "draft"}},
			"hideout": {{"Secret starter", "publish"}},
		} {
			for _, en := range entries {
				if res := e.As("sam").Post("/c/"+slug+"/practice/new", entryForm(en[0], "Body.", en[1])); res.Status != http.StatusSeeOther {
					t.Fatalf("%s %q: %d", en[1], en[0], res.Status)
				}
			}
		}
		for viewer, want := range map[string]map[string]bool{
			"sam":  {"Rye at altitude": true, "Half-baked notes": true, "Secret starter": true},
			"mel":  {"Rye at altitude": true, "Half-baked notes": false, "Secret starter": true},
			"olga": {"Rye at altitude": true, "Half-baked notes": false, "Secret starter": false},
		} {
			_, wrote, _ := strings.Cut(e.As(viewer).Get("/people/sam").Body, `id="written-h"`)
			for title, shown := range want {
				if strings.Contains(wrote, title) != shown {
					t.Errorf("%s sees %q on sam's profile: %v, want %v", viewer, title, !shown, shown)
				}
			}
		}
	})
}
