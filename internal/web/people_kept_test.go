package web_test

import (
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestPeoplePagesShowARenameAtOnce: /people and /experts are kept between
// requests, yet a rename (and a new title) shows on the next request, and
// the old name is gone.
func TestPeoplePagesShowARenameAtOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		e.Person("mia")
		sam, mia := e.As("sam"), e.As("mia")
		sam.Post("/account/profile", form("name", "Sam Baker", "title", "Night baker"))
		sam.Post("/account/expertise", form("topic_0", "sourdough", "level_0", "expert"))
		pages := []string{"/people", "/experts?topic=sourdough"}
		for _, p := range pages {
			if body := mia.Get(p).Body; !strings.Contains(body, "Sam Baker") {
				t.Fatalf("GET %s does not show Sam Baker:\n%s", p, body)
			}
		}
		sam.Post("/account/profile", form("name", "Samira Baker", "title", "Head baker"))
		for _, p := range pages {
			body := mia.Get(p).Body
			if !strings.Contains(body, "Samira Baker") || strings.Contains(body, "Sam Baker") {
				t.Errorf("GET %s after the rename shows the old name or not the new:\n%s", p, body)
			}
		}
		if body := mia.Get("/people").Body; !strings.Contains(body, "Head baker") || strings.Contains(body, "Night baker") {
			t.Errorf("GET /people after the new title:\n%s", body)
		}
	})
}
