package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
	"hearth/internal/stewardship"
)

// recountAll runs the nightly count now: every community, then the
// institution.
func (w *healthWorld) recountAll(t *testing.T) {
	t.Helper()
	if err := jobs.Enqueue(t.Context(), w.d, jobs.Job{Kind: stewardship.KindDaily}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.Worker.RunDue(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// The institution's page and its CSV files are for administrators: a
// visitor is sent to sign in, a member and a steward get 404. The page
// shows the map, the matrix and the figures, names nobody, and every
// table downloads.
func TestInstitutionPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		e := w.e
		w.waiting(t, 1, "Rye?")
		w.recountAll(t)
		paths := []string{"/institution", "/institution/communities.csv", "/institution/figures.csv"}
		for who, c := range map[string]struct {
			client *apptest.Client
			status int
		}{"visitor": {e.Visitor(), http.StatusSeeOther}, "member": {e.As("mia"), http.StatusNotFound}, "steward": {e.As("sam"), http.StatusNotFound}} {
			for _, p := range paths {
				if r := c.client.Get(p); r.Status != c.status {
					t.Errorf("%s GET %s: %d, want %d", who, p, r.Status, c.status)
				}
			}
		}
		ada := e.As("ada")
		page := ada.Get("/institution")
		if page.Status != http.StatusOK {
			t.Fatalf("admin: %d", page.Status)
		}
		for _, want := range []string{`<th scope="row">Active communities</th><td>1</td>`, `<title id="stages-t">Communities at each stage</title>`,
			`<th scope="row">Community bread</th><td>Forming</td>`, `<svg role="img" aria-labelledby="value-t value-d"`, `href="/institution/value.csv"`,
			`<title id="ei-t">Exchange across departments, by quarter</title>`, `href="/help/health#institution"`} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("the institution's page lacks %s", want)
			}
		}
		if strings.Contains(page.Body, "/people/mia") || strings.Contains(page.Body, "/people/sam") {
			t.Error("the institution's page names someone")
		}
		for _, name := range stewardship.InstitutionTables {
			r := ada.Get("/institution/" + name + ".csv")
			if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") ||
				!strings.Contains(r.Header.Get("Content-Disposition"), "institution-"+name+".csv") {
				t.Errorf("%s.csv: %d %v", name, r.Status, r.Header)
			}
		}
		if m := ada.Get("/institution/communities.csv").Body; !strings.HasPrefix(m, "community,stage,core,active,occasional,peripheral,departments reached\nCommunity bread,Forming,") {
			t.Errorf("the map as CSV:\n%s", m)
		}
		if r := ada.Get("/institution/secrets.csv"); r.Status != http.StatusNotFound {
			t.Errorf("an unknown table: %d", r.Status)
		}
		if r := e.Visitor().Get("/help/health"); !strings.Contains(r.Body, `<h2 id="institution">`) {
			t.Error("the help does not explain the institution's page")
		}
	})
}

// The institution's page runs the same queries with one community or many.
func TestInstitutionPageQueryCountDoesNotGrow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		ada := w.e.As("ada")
		w.recountAll(t)
		few := leastQueries(t, d, ada, "/institution")
		sam := w.e.Actor("sam")
		for i := range 12 {
			slug := fmt.Sprintf("c%02d", i)
			w.e.Community(sam, slug, community.Public, community.Open)
			w.exec(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at)
				SELECT $1, 'entry.published', 'entry', 1, id, $2 FROM communities WHERE slug = $3`, sam.PersonID, db.Now().Add(-24*time.Hour), slug)
		}
		w.recountAll(t)
		if body := ada.Get("/institution").Body; !strings.Contains(body, `<th scope="row">Active communities</th><td>13</td>`) {
			t.Fatal("the new communities are not on the page")
		}
		many := leastQueries(t, d, ada, "/institution")
		t.Logf("GET /institution: %d queries with 1 community, %d with 13", few, many)
		if many != few {
			t.Errorf("the institution's page ran %d queries with one community, %d with 13", few, many)
		}
	})
}
