package community_test

import (
	"fmt"
	"slices"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// inDepartment puts the person with handle into a new department named slug.
func inDepartment(t *testing.T, e *env, handle, slug string) {
	t.Helper()
	var id int64
	err := e.DB.Writer().QueryRowContext(ctx, "INSERT INTO departments (name, slug, created_at) VALUES ($1, $1, $2) RETURNING id",
		slug, db.Now()).Scan(&id)
	must(t, err)
	_, err = e.DB.ExecContext(ctx, "UPDATE people SET department_id = $1 WHERE handle = $2", id, handle)
	must(t, err)
}

// listed returns the slugs the directory lists for f, as the administrator sees it.
func listed(t *testing.T, e *env, f community.Filter) []string {
	t.Helper()
	page, err := e.Communities.Directory(ctx, e.Admin, f)
	must(t, err)
	return slugs(page.Communities)
}

func TestDirectoryFilters(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		for _, slug := range []string{"alpha", "beta", "gamma"} {
			e.Community(stew, slug, community.Public, community.Open) // tagged "testing" and its slug
		}
		must(t, e.Communities.SetStage(ctx, stew, "beta", community.Maturing))
		must(t, e.Communities.SetStage(ctx, stew, "gamma", community.Maturing))
		ann := e.Person("ann")
		inDepartment(t, e, "ann", "chemistry")
		_, err := e.Communities.Join(ctx, ann, "gamma", "")
		must(t, err)
		e.SetMembership("alpha", ann, community.RoleMember, community.PendingMember) // pending does not count

		tests := []struct {
			name string
			f    community.Filter
			want []string
		}{
			{"no filter", community.Filter{}, []string{"alpha", "beta", "gamma"}},
			{"tag", community.Filter{Tag: "beta"}, []string{"beta"}},
			{"tag, any case", community.Filter{Tag: " TESTING "}, []string{"alpha", "beta", "gamma"}},
			{"unknown tag", community.Filter{Tag: "knitting"}, nil},
			{"stage", community.Filter{Stage: community.Maturing}, []string{"beta", "gamma"}},
			{"stage nobody is in", community.Filter{Stage: community.Transformation}, nil},
			{"department", community.Filter{Department: "chemistry"}, []string{"gamma"}},
			{"unknown department", community.Filter{Department: "physics"}, nil},
			{"tag and stage", community.Filter{Tag: "beta", Stage: community.Maturing}, []string{"beta"}},
			{"tag and other stage", community.Filter{Tag: "alpha", Stage: community.Maturing}, nil},
		}
		for _, tt := range tests {
			if got := listed(t, e, tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("%s: directory lists %v, want %v", tt.name, got, tt.want)
			}
		}

		page, err := e.Communities.Directory(ctx, ann, community.Filter{Department: "chemistry"})
		must(t, err)
		if len(page.Communities) != 1 || page.Communities[0].Departments != 1 || page.Communities[0].MemberCount != 2 {
			t.Errorf("gamma listed as %+v", page.Communities)
		}
		if len(page.Tags) == 0 || page.Tags[0] != (community.TagCount{Tag: "testing", Count: 3}) {
			t.Errorf("tag counts = %+v", page.Tags)
		}
	})
}

func TestSetStage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		mod := e.Person("mod")
		e.SetMembership("bread", mod, community.RoleModerator, community.ActiveMember)
		wantField(t, e.Communities.SetStage(ctx, stew, "bread", "finished"), "stage")
		wantKind(t, e.Communities.SetStage(ctx, mod, "bread", community.Coalescing), errs.Forbidden)
		must(t, e.Communities.SetStage(ctx, stew, "bread", community.Coalescing))
		v, err := e.Communities.Get(ctx, visitor, "bread")
		must(t, err)
		if v.Stage != community.Coalescing {
			t.Fatalf("stage = %s", v.Stage)
		}
	})
}

func TestDirectoryPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		for i := range 30 {
			e.Community(stew, fmt.Sprintf("c%02d", i), community.Institution, community.Open)
		}
		seen := map[string]bool{}
		for _, p := range []struct {
			page, n int
			more    bool
		}{{1, community.DirectoryPageSize, true}, {2, 6, false}, {3, 0, false}} {
			page, err := e.Communities.Directory(ctx, stew, community.Filter{Page: p.page})
			must(t, err)
			if len(page.Communities) != p.n || page.More != p.more {
				t.Errorf("page %d: %d communities, more %v; want %d, %v", p.page, len(page.Communities), page.More, p.n, p.more)
			}
			for _, c := range page.Communities {
				if seen[c.Slug] {
					t.Errorf("%s is listed on two pages", c.Slug)
				}
				seen[c.Slug] = true
			}
		}
		if len(seen) != 30 {
			t.Errorf("the pages list %d communities, want 30", len(seen))
		}
		page, err := e.Communities.Directory(ctx, stew, community.Filter{Page: -1})
		must(t, err)
		if len(page.Communities) != community.DirectoryPageSize {
			t.Errorf("page -1 lists %d, want the first page", len(page.Communities))
		}
	})
}

func TestDirectoryBusiestFirst(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "quiet", community.Public, community.Open)
		e.Community(stew, "busy", community.Public, community.Open)
		_, err := e.Communities.Join(ctx, e.Person("ann"), "busy", "")
		must(t, err)
		page, err := e.Communities.Directory(ctx, visitor, community.Filter{})
		must(t, err)
		if len(page.Communities) != 2 || page.Communities[0].Slug != "busy" || page.Communities[0].MemberCount != 2 {
			t.Fatalf("directory = %v", slugs(page.Communities))
		}
	})
}

func TestMinePublicAndMembershipsOf(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "pub", community.Public, community.Open)
		e.Community(stew, "inst", community.Institution, community.Request)
		e.Community(stew, "priv", community.Private, community.Invite)
		e.Community(stew, "other", community.Public, community.Open)
		ann := e.Person("ann")
		e.SetMembership("pub", ann, community.RoleMember, community.ActiveMember)
		e.SetMembership("inst", ann, community.RoleMember, community.PendingMember)
		e.SetMembership("priv", ann, community.RoleMember, community.ActiveMember)

		mine, err := e.Communities.Mine(ctx, ann)
		must(t, err)
		if got := slugs(mine); !slices.Equal(got, []string{"inst", "priv", "pub"}) {
			t.Errorf("Mine = %v", got)
		}
		if none, err := e.Communities.Mine(ctx, visitor); err != nil || len(none) != 0 {
			t.Errorf("a visitor's communities = %v, %v", slugs(none), err)
		}
		public, err := e.Communities.Public(ctx, 10)
		must(t, err)
		if got := slugs(public); !slices.Equal(got, []string{"other", "pub"}) {
			t.Errorf("Public = %v", got)
		}
		for who, want := range map[string][]string{"visitor": {"pub"}, "ann": {"priv", "pub"}} {
			a := visitor
			if who == "ann" {
				a = ann
			}
			list, err := e.Communities.MembershipsOf(ctx, a, ann.PersonID)
			must(t, err)
			if got := slugs(list); !slices.Equal(got, want) {
				t.Errorf("ann's communities as %s sees them = %v, want %v", who, got, want)
			}
		}
	})
}
