package community_test

import (
	"slices"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

func TestUpdateCharter(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		e.Community(stew, "hidden", community.Private, community.Invite)
		mod, out := e.Person("mod"), e.Person("out")
		e.SetMembership("bread", mod, community.RoleModerator, community.ActiveMember)

		ch := community.Charter{Name: "Bakers", Slug: "other-slug", Purpose: "We bake.", Scope: "Sourdough.",
			KeyQuestions: "Why?", WhoShouldJoin: "Bakers.", Tags: "Yeast, flour", Visibility: community.Institution, JoinPolicy: community.Request}
		wantKind(t, e.Communities.UpdateCharter(ctx, mod, "bread", ch), errs.Forbidden)
		wantKind(t, e.Communities.UpdateCharter(ctx, out, "hidden", ch), errs.NotFound)
		bad := ch
		bad.Purpose, bad.Tags = "", "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11"
		err := e.Communities.UpdateCharter(ctx, stew, "bread", bad)
		wantField(t, err, "purpose")
		wantField(t, err, "tags")
		v, err := e.Communities.Get(ctx, stew, "bread")
		must(t, err)
		if v.Name != "Community bread" || !slices.Equal(v.Tags, []string{"bread", "testing"}) {
			t.Fatalf("a refused edit changed the community: %q %v", v.Name, v.Tags)
		}

		must(t, e.Communities.UpdateCharter(ctx, stew, "bread", ch))
		v, err = e.Communities.Get(ctx, stew, "bread")
		must(t, err)
		got := community.CharterOf(v.Community)
		want := ch
		want.Slug, want.Tags = "bread", "flour, yeast" // the slug never changes; tags are sorted, lower-case
		if got != want {
			t.Fatalf("charter = %+v\nwant %+v", got, want)
		}
		_, err = e.Communities.Get(ctx, visitor, "bread") // now institution-only
		wantKind(t, err, errs.NotFound)
		_, err = e.Communities.Get(ctx, stew, "other-slug")
		wantKind(t, err, errs.NotFound)
	})
}
