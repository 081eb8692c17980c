package community_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
)

func directoryVersion(t *testing.T, d *db.DB) int64 {
	t.Helper()
	var v int64
	must(t, d.QueryRowContext(ctx, "SELECT version FROM directory_version WHERE id = 1").Scan(&v))
	return v
}

// The directory version moves for every change the directory or a reader's
// communities (Mine, kept under it: migration 0076) show, and for nothing
// else: each move makes every instance read them again, and on PostgreSQL
// makes the writes that move it wait for one another.
func TestDirectoryVersionMovesOnlyForWhatTheDirectoryShows(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ppl := people.NewService(d, nil, nil)
		sam, ann, bob := e.Person("sam"), e.Person("ann"), e.Person("bob")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "asks", community.Public, community.Request)
		must(t, e.Communities.Invite(ctx, sam, "bread", "@bob"))
		bakery, err := ppl.CreateDepartment(ctx, e.Admin, "Bakery")
		must(t, err)
		dairy, err := ppl.CreateDepartment(ctx, e.Admin, "Dairy")
		must(t, err)
		_, err = e.Communities.Join(ctx, ann, "bread", "")
		must(t, err)
		must(t, ppl.UpdateProfile(ctx, ann, people.ProfileInput{Name: "Ann Tester", DepartmentID: bakery.ID}))
		charter := community.Charter{Name: "Community bread", Purpose: "We practise bread together.",
			Visibility: community.Public, JoinPolicy: community.Open, Tags: "testing, bread"}
		with := func(change func(*community.Charter)) community.Charter {
			c := charter
			change(&c)
			return c
		}

		for _, c := range []struct {
			what string
			bump bool
			do   func() error
		}{
			{"profile saved unchanged", false, func() error {
				return ppl.UpdateProfile(ctx, ann, people.ProfileInput{Name: "Ann Tester", DepartmentID: bakery.ID})
			}},
			{"profile's title changed", false, func() error {
				return ppl.UpdateProfile(ctx, ann, people.ProfileInput{Name: "Ann Tester", Title: "Baker", DepartmentID: bakery.ID})
			}},
			{"member's department changed", true, func() error {
				return ppl.UpdateProfile(ctx, ann, people.ProfileInput{Name: "Ann Tester", Title: "Baker", DepartmentID: dairy.ID})
			}},
			{"charter saved unchanged", false, func() error { return e.Communities.UpdateCharter(ctx, sam, "bread", charter) }},
			{"charter's scope changed", true, func() error {
				return e.Communities.UpdateCharter(ctx, sam, "bread", with(func(c *community.Charter) { c.Scope = "Sourdough only." }))
			}},
			{"charter's purpose changed", true, func() error {
				return e.Communities.UpdateCharter(ctx, sam, "bread", with(func(c *community.Charter) { c.Scope, c.Purpose = "Sourdough only.", "We bake." }))
			}},
			{"a tag added", true, func() error {
				return e.Communities.UpdateCharter(ctx, sam, "bread", with(func(c *community.Charter) {
					c.Scope, c.Purpose, c.Tags = "Sourdough only.", "We bake.", "testing, bread, rye"
				}))
			}},
			{"practice settings changed", true, func() error {
				p := community.DefaultPracticeSettings()
				p.Comments = "closed"
				return e.Communities.UpdatePracticeSettings(ctx, sam, "bread", p)
			}},
			{"a role changed", true, func() error { return e.Communities.SetRole(ctx, sam, "bread", "ann", community.RoleModerator) }},
			{"a request to join", true, func() error { _, err := e.Communities.Join(ctx, ann, "asks", "Hello"); return err }},
			{"the request approved", true, func() error { return e.Communities.Approve(ctx, sam, "asks", "ann") }},
			{"the stage changed", true, func() error { return e.Communities.SetStage(ctx, sam, "bread", community.Maturing) }},
			{"an invitation accepted", true, func() error { _, err := e.Communities.Join(ctx, bob, "bread", ""); return err }},
			{"a member left", true, func() error { return e.Communities.Leave(ctx, bob, "bread") }},
			{"a department renamed to its own name", false, func() error { return ppl.RenameDepartment(ctx, e.Admin, dairy.ID, "Dairy") }},
			{"a department renamed", true, func() error { return ppl.RenameDepartment(ctx, e.Admin, dairy.ID, "Cheese") }},
			{"a department deleted", true, func() error { return ppl.DeleteDepartment(ctx, e.Admin, bakery.ID) }},
		} {
			before := directoryVersion(t, d)
			if err := c.do(); err != nil {
				t.Fatalf("%s: %v", c.what, err)
			}
			if moved := directoryVersion(t, d) != before; moved != c.bump {
				t.Errorf("%s: directory version moved = %v, want %v", c.what, moved, c.bump)
			}
		}
	})
}

// A department's new name (and slug) shows in the directory's department
// filter at once; its old slug no longer matches anything.
func TestDepartmentRenameRefreshesTheDirectory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ppl := people.NewService(d, nil, nil)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		dept, err := ppl.CreateDepartment(ctx, e.Admin, "Bakery")
		must(t, err)
		must(t, ppl.UpdateProfile(ctx, sam, people.ProfileInput{Name: "Sam Tester", DepartmentID: dept.ID}))
		page, err := e.Communities.Directory(ctx, sam, community.Filter{Department: "bakery"})
		must(t, err)
		if got := slugs(page.Communities); len(got) != 1 {
			t.Fatalf("directory of department bakery = %v, want bread", got)
		}
		must(t, ppl.RenameDepartment(ctx, e.Admin, dept.ID, "Bread Lab"))
		page, err = e.Communities.Directory(ctx, sam, community.Filter{Department: "bakery"})
		must(t, err)
		if got := slugs(page.Communities); len(got) != 0 {
			t.Fatalf("after the rename, the old slug still lists %v", got)
		}
		page, err = e.Communities.Directory(ctx, sam, community.Filter{Department: "bread-lab"})
		must(t, err)
		if got := slugs(page.Communities); len(got) != 1 {
			t.Fatalf("directory of department bread-lab = %v, want bread", got)
		}
	})
}
