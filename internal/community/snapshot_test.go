package community_test

import (
	"io"
	"log/slog"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestDirectorySnapshotFollowsEveryChange: the directory's snapshot is
// renewed by any change it shows, even one made behind the services' back
// (by SQL) or by another instance.
func TestDirectorySnapshotFollowsEveryChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		other := community.NewService(d, e.Auth, "http://hearth.test", slog.New(slog.NewTextHandler(io.Discard, nil))) // a second instance
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		first, err := other.Directory(ctx, e.Admin, community.Filter{})
		must(t, err)
		if len(first.Communities) != 1 || first.Communities[0].MemberCount != 1 {
			t.Fatalf("directory = %v", slugs(first.Communities))
		}
		// A membership written by SQL, and a community made by this instance.
		e.SetMembership("bread", e.Person("mia"), community.RoleMember, community.ActiveMember)
		e.Community(sam, "cheese", community.Private, community.Invite)
		if _, err := d.ExecContext(ctx, "UPDATE communities SET stage = 'maturing' WHERE slug = 'bread'"); err != nil {
			t.Fatal(err)
		}
		page, err := other.Directory(ctx, e.Admin, community.Filter{})
		must(t, err)
		if got := slugs(page.Communities); len(got) != 2 || got[0] != "bread" || page.Communities[0].MemberCount != 2 || page.Communities[0].Stage != community.Maturing {
			t.Fatalf("directory after changes = %v (%+v)", got, page.Communities)
		}
		// Who sees what stays per reader: the private community only for its members and admins.
		mia := e.Actor("mia")
		page, err = other.Directory(ctx, mia, community.Filter{})
		must(t, err)
		if got := slugs(page.Communities); len(got) != 1 || got[0] != "bread" || page.Communities[0].Mine.Status != community.ActiveMember {
			t.Fatalf("mia's directory = %v", got)
		}
		if len(page.Tags) != 2 { // testing, bread; cheese's tags are not hers to see
			t.Fatalf("mia's tags = %+v", page.Tags)
		}
	})
}
