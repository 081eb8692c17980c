package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// Update, like Create, asks who may edit before looking at the input: an
// outsider's bad input earns the refusal (NotFound where the entry is hidden
// from them), not the field errors meant for people who may edit.
func TestUpdateChecksPermissionBeforeTheInput(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "open", community.Public)
		w.community(t, "closed", community.Private)
		bad := practice.Input{Kind: "nonsense", Title: "x", BaseRevision: 1}
		for _, c := range []struct{ slug, role, want string }{
			{"open", "visitor", "forbidden"},
			{"open", "nonmember", "forbidden"},
			{"closed", "visitor", "not found"},
			{"closed", "nonmember", "not found"},
			{"closed", "pending", "not found"},
			{"open", "author", "invalid"},
		} {
			e := w.write(t, c.slug, "Entry for "+c.role, false)
			if c.role != "author" {
				w.exec(t, "UPDATE entries SET maturity = 'published' WHERE id = $1", e.ID)
			}
			_, err := w.svc.Update(w.ctx, w.actors[c.role], c.slug, e.Slug, bad)
			pwWant(t, c.role+" updating in "+c.slug+" with bad input", err, c.want)
		}
	})
}
