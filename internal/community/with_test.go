package community_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// GetWith reads a caller's joins and columns (with their arguments) in the
// community's own query, and answers NotFound exactly where Get does.
func TestGetWithReadsMoreInTheSameQuery(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam, out := e.Person("sam"), e.Person("out")
		c := e.Community(sam, "quiet", community.Private, community.Invite)
		var slug string
		var members, plus int64
		x := community.With{Join: "LEFT JOIN communities c2 ON c2.id = c.id", Columns: "c2.slug, (SELECT COUNT(*) FROM memberships WHERE community_id = c.id), $3 + 1",
			Args: []any{41}, Dest: []any{&slug, &members, &plus}}
		q0 := d.QueryCount()
		v, found, err := e.Communities.GetWith(ctx, sam, "quiet", x)
		if err != nil {
			t.Fatal(err)
		}
		if n := d.QueryCount() - q0; n != 1 || !found || v.ID != c.ID || slug != "quiet" || members != 1 || plus != 42 {
			t.Errorf("%d queries, community %d (want %d), %q, %d members, %d", n, v.ID, c.ID, slug, members, plus)
		}
		if _, _, err := e.Communities.GetWith(ctx, out, "quiet", x); !errs.Is(err, errs.NotFound) {
			t.Errorf("an outsider reads a private community: %v", err)
		}
		if _, _, err := e.Communities.GetWith(ctx, sam, "none", x); !errs.Is(err, errs.NotFound) {
			t.Errorf("no such community: %v", err)
		}
	})
}
