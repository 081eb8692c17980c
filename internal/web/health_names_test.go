package web_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The health page keeps its lists until the next count, except for the
// names they show: a question or an entry renamed since shows its new name
// at once, with no count in between.
func TestHealthPageShowsRenamesBeforeTheNextCount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		sam := w.e.As("sam")
		w.waiting(t, 1, "Why does rye crumble")
		w.exec(t, `INSERT INTO entries (community_id, slug, kind, title, maturity, created_at, updated_at, views, review_by)
			SELECT id, 'old-starter', 'lesson', 'Feeding a starter', 'reviewed', $1, $1, 40, $2 FROM communities WHERE slug = 'bread'`,
			db.Now().Add(-400*24*time.Hour), db.Now().Add(-24*time.Hour))
		w.recount(t)
		if body := sam.Get("/c/bread/health").Body; !strings.Contains(body, "Why does rye crumble") || !strings.Contains(body, "Feeding a starter") {
			t.Fatal("the waiting question or the stale entry is not on the page")
		}
		w.exec(t, `UPDATE threads SET title = 'Why does dark rye crumble' WHERE title = 'Why does rye crumble'`)
		w.exec(t, `UPDATE entries SET title = 'Feeding a rye starter' WHERE slug = 'old-starter'`)
		body := sam.Get("/c/bread/health").Body
		if !strings.Contains(body, "Why does dark rye crumble") || !strings.Contains(body, "Feeding a rye starter") {
			t.Error("a renamed question or entry shows its old name until the next count")
		}
		// Renaming a person or a department moves the names' version too;
		// another change to them does not.
		version := func() (v int64) {
			t.Helper()
			if err := d.QueryRowContext(t.Context(), `SELECT version FROM name_changes WHERE id = 1`).Scan(&v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		before := version()
		w.exec(t, `UPDATE people SET bio = 'Bakes.' WHERE handle = 'mia'`)
		w.exec(t, `UPDATE people SET name = name WHERE handle = 'mia'`)
		if v := version(); v != before {
			t.Errorf("a change to no name moved the version from %d to %d", before, v)
		}
		w.exec(t, `UPDATE people SET name = 'Mia R.' WHERE handle = 'mia'`)
		w.exec(t, `INSERT INTO departments (name, slug, created_at) VALUES ('Mill', 'mill', $1)`, db.Now())
		w.exec(t, `UPDATE departments SET name = 'The mill' WHERE slug = 'mill'`)
		if v := version(); v != before+2 {
			t.Errorf("renaming a person and a department moved the version from %d to %d, want %d", before, v, before+2)
		}
	})
}
