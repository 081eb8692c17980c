package web_test

import (
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestPeopleFiltersShowEveryChangeAtOnce: the community filter of /people
// and /experts (the reader's communities, kept under the directory version)
// shows each change to them on the next request, through the services and
// by SQL.
func TestPeopleFiltersShowEveryChangeAtOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam, ann := e.Person("sam"), e.Person("ann")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "club", community.Private, community.Invite)
		reader := e.As("ann")
		pages := []string{"/people", "/experts?topic=sourdough"}
		// shows checks that every page's community filter lists (or not) the
		// community with this slug and name.
		shows := func(what, slug, name string, want bool) {
			t.Helper()
			option := `<option value="` + slug + `">` + name + `</option>`
			for _, p := range pages {
				if got := strings.Contains(reader.Get(p).Body, option); got != want {
					t.Errorf("%s: GET %s lists %s = %v, want %v", what, p, name, got, want)
				}
			}
		}
		sql := func(query string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(t.Context(), query, args...); err != nil {
				t.Fatal(err)
			}
		}
		shows("no community", "bread", "Community bread", false)
		if _, err := e.Communities.Join(t.Context(), ann, "bread", ""); err != nil {
			t.Fatal(err)
		}
		shows("joined", "bread", "Community bread", true)
		if err := e.Communities.Invite(t.Context(), sam, "club", "@ann"); err != nil {
			t.Fatal(err)
		}
		shows("invited", "club", "Community club", true)
		if err := e.Communities.UpdateCharter(t.Context(), sam, "bread", community.Charter{Name: "Bread and rye",
			Purpose: "We practise bread together.", Visibility: community.Public, JoinPolicy: community.Open, Tags: "testing, bread"}); err != nil {
			t.Fatal(err)
		}
		shows("renamed", "bread", "Bread and rye", true)
		sql("UPDATE communities SET name = 'The club' WHERE slug = 'club'")
		shows("renamed by SQL", "club", "The club", true)
		sql("UPDATE memberships SET status = 'pending' WHERE person_id = $1 AND community_id = (SELECT id FROM communities WHERE slug = 'club')", ann.PersonID)
		shows("invitation withdrawn by SQL (private: no longer seen)", "club", "The club", false)
		sql("UPDATE memberships SET status = 'active' WHERE person_id = $1", ann.PersonID)
		shows("made a member by SQL", "club", "The club", true)
		sql("UPDATE communities SET slug = 'the-club' WHERE slug = 'club'")
		shows("slug by SQL", "the-club", "The club", true)
		sql("DELETE FROM memberships WHERE person_id = $1 AND community_id = (SELECT id FROM communities WHERE slug = 'the-club')", ann.PersonID)
		shows("removed by SQL", "the-club", "The club", false)
		if err := e.Communities.Leave(t.Context(), ann, "bread"); err != nil {
			t.Fatal(err)
		}
		shows("left", "bread", "Bread and rye", false)
	})
}
