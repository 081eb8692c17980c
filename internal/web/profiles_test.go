package web_test

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/apptest"
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
