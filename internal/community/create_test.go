package community_test

import (
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

func TestCreateValidation(t *testing.T) {
	t.Parallel()
	good := community.Charter{Name: "Bread Bakers", Purpose: "We bake bread together.", Visibility: community.Public, JoinPolicy: community.Open}
	tests := []struct {
		name  string
		edit  func(*community.Charter)
		field string
	}{
		{"missing name", func(c *community.Charter) { c.Name = " "; c.Slug = "bread" }, "name"},
		{"long name", func(c *community.Charter) { c.Name = strings.Repeat("n", 81) }, "name"},
		{"missing purpose", func(c *community.Charter) { c.Purpose = "" }, "purpose"},
		{"bad slug", func(c *community.Charter) { c.Slug = "bread & butter" }, "slug"},
		{"slug ending in a dash", func(c *community.Charter) { c.Slug = "bread-" }, "slug"},
		{"reserved slug", func(c *community.Charter) { c.Slug = "new" }, "slug"},
		{"too many tags", func(c *community.Charter) { c.Tags = "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11" }, "tags"},
		{"bad tag", func(c *community.Charter) { c.Tags = "good, <script>" }, "tags"},
		{"bad visibility", func(c *community.Charter) { c.Visibility = "secret" }, "visibility"},
		{"bad join policy", func(c *community.Charter) { c.JoinPolicy = "lottery" }, "join_policy"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam := e.Person("sam")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ch := good
				tt.edit(&ch)
				_, err := e.Communities.Create(ctx, sam, ch)
				wantField(t, err, tt.field)
				if len(errs.FieldsOf(err)) != 1 {
					t.Errorf("fields = %v, want only %q", errs.FieldsOf(err), tt.field)
				}
			})
		}
		page, err := e.Communities.Directory(ctx, e.Admin, community.Filter{})
		must(t, err)
		if len(page.Communities) != 0 {
			t.Fatalf("refused charters left communities behind: %v", slugs(page.Communities))
		}
		// Ten tags, repeated and in mixed case, are fine.
		ch := good
		ch.Tags = "A1, a1, a2,a3,a4,a5,a6,a7,a8,a9,a10"
		c, err := e.Communities.Create(ctx, sam, ch)
		must(t, err)
		if c.Slug != "bread-bakers" || len(c.Tags) != 10 || c.Tags[0] != "a1" {
			t.Fatalf("created %q with tags %v", c.Slug, c.Tags)
		}
	})
}

func TestCreateDuplicateSlug(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		_, err := e.Communities.Create(ctx, e.Person("ann"), community.Charter{Name: "Bread", Slug: "Bread",
			Purpose: "Also bread.", Visibility: community.Public, JoinPolicy: community.Open})
		wantField(t, err, "slug")
	})
}

func TestCreatorBecomesSteward(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam := e.Person("sam")
		c := e.Community(sam, "bread", community.Institution, community.Request)
		if c.Status != community.Active || c.Stage != community.Potential {
			t.Errorf("new community: status %s, stage %s", c.Status, c.Stage)
		}
		v, err := e.Communities.Get(ctx, sam, "bread")
		must(t, err)
		if !v.IsSteward() || v.MemberCount != 1 || v.Name != "Community bread" {
			t.Fatalf("view = %+v", v)
		}
		stewards, err := e.Communities.Stewards(ctx, v)
		must(t, err)
		if len(stewards) != 1 || stewards[0].Handle != "sam" {
			t.Fatalf("stewards = %+v", stewards)
		}
	})
}

func TestCreateNeedsVerifiedPerson(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ch := community.Charter{Name: "Bread", Purpose: "Bread.", Visibility: community.Public, JoinPolicy: community.Open}
		_, err := e.Communities.Create(ctx, visitor, ch)
		wantKind(t, err, errs.Unauthenticated)
		newcomer := unverified(t, e, "nell")
		_, err = e.Communities.Create(ctx, newcomer, ch)
		wantKind(t, err, errs.Forbidden)
	})
}

func TestProposalNeedsApproval(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam, ann := e.Person("sam"), e.Person("ann")
		requireApproval(t, d)
		c := e.Community(sam, "bread", community.Public, community.Open)
		if c.Status != community.Proposed {
			t.Fatalf("status = %s, want proposed", c.Status)
		}
		wantKind(t, func() error { _, err := e.Communities.Get(ctx, ann, "bread"); return err }(), errs.NotFound)
		wantKind(t, func() error { _, err := e.Communities.Get(ctx, visitor, "bread"); return err }(), errs.NotFound)
		if v, err := e.Communities.Get(ctx, sam, "bread"); err != nil || v.Status != community.Proposed {
			t.Fatalf("the proposer sees %+v, %v", v.Community, err)
		}
		if _, err := e.Communities.Get(ctx, e.Admin, "bread"); err != nil {
			t.Fatalf("an administrator cannot see the proposal: %v", err)
		}
		page, err := e.Communities.Directory(ctx, ann, community.Filter{})
		must(t, err)
		if len(page.Communities) != 0 {
			t.Errorf("the directory shows a proposal: %v", slugs(page.Communities))
		}
		_, err = e.Communities.Proposals(ctx, sam)
		wantKind(t, err, errs.Forbidden)
		proposals, err := e.Communities.Proposals(ctx, e.Admin)
		must(t, err)
		if got := slugs(proposals); len(got) != 1 || got[0] != "bread" {
			t.Fatalf("proposals = %v", got)
		}
		// An administrator's own community needs no approval.
		if c := e.Community(e.Admin, "admins", community.Public, community.Open); c.Status != community.Active {
			t.Errorf("an administrator's community is %s", c.Status)
		}

		wantKind(t, e.Communities.Decide(ctx, sam, "bread", true), errs.Forbidden)
		must(t, e.Communities.Decide(ctx, e.Admin, "bread", true))
		v, err := e.Communities.Get(ctx, ann, "bread")
		must(t, err)
		if v.Status != community.Active {
			t.Fatalf("approved community is %s", v.Status)
		}
		wantKind(t, e.Communities.Decide(ctx, e.Admin, "bread", true), errs.NotFound) // decided already
	})
}

func TestDeclinedProposalStaysHidden(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam, ann := e.Person("sam"), e.Person("ann")
		requireApproval(t, d)
		e.Community(sam, "bread", community.Public, community.Open)
		must(t, e.Communities.Decide(ctx, e.Admin, "bread", false))
		_, err := e.Communities.Get(ctx, ann, "bread")
		wantKind(t, err, errs.NotFound)
		proposals, err := e.Communities.Proposals(ctx, e.Admin)
		must(t, err)
		if len(proposals) != 0 {
			t.Fatalf("a declined proposal is still listed: %v", slugs(proposals))
		}
	})
}
