package community_test

import (
	"reflect"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
)

// TestMineAtShowsEveryChangeAtOnce: a reader's communities kept under the
// directory version (MineAt) are, after every change to what Mine lists or
// CanSee decides by, through the services or by SQL, what Mine reads
// afresh: never a stale list.
func TestMineAtShowsEveryChangeAtOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ppl := people.NewService(d, nil, nil)
		sam, ann, bob := e.Person("sam"), e.Person("ann"), e.Person("bob")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "asks", community.Public, community.Request)
		e.Community(sam, "club", community.Private, community.Invite)
		dept, err := ppl.CreateDepartment(ctx, e.Admin, "Bakery")
		must(t, err)
		charter := community.Charter{Name: "Community bread", Purpose: "We practise bread together.",
			Visibility: community.Public, JoinPolicy: community.Open, Tags: "testing, bread"}
		annAdmin := ann
		annAdmin.Admin = true // the actor's flags are part of the key
		check := func(what string) {
			t.Helper()
			for _, a := range []auth.Actor{ann, annAdmin} {
				kept, err := e.Communities.MineAt(ctx, a, directoryVersion(t, d))
				must(t, err)
				fresh, err := e.Communities.Mine(ctx, a)
				must(t, err)
				if !reflect.DeepEqual(kept, fresh) {
					t.Errorf("%s (admin %v): kept %+v\nfresh %+v", what, a.Admin, kept, fresh)
				}
			}
		}
		check("no community")
		for _, c := range []struct {
			what string
			do   func() error
		}{
			{"joined", func() error { _, err := e.Communities.Join(ctx, ann, "bread", ""); return err }},
			{"asked to join", func() error { _, err := e.Communities.Join(ctx, ann, "asks", "Hello"); return err }},
			{"approved", func() error { return e.Communities.Approve(ctx, sam, "asks", "ann") }},
			{"invited", func() error { return e.Communities.Invite(ctx, sam, "club", "@ann") }},
			{"role", func() error { return e.Communities.SetRole(ctx, sam, "bread", "ann", community.RoleModerator) }},
			{"renamed", func() error {
				c := charter
				c.Name = "Bread and rye"
				return e.Communities.UpdateCharter(ctx, sam, "bread", c)
			}},
			{"scope", func() error {
				c := charter
				c.Name, c.Scope = "Bread and rye", "Sourdough only."
				return e.Communities.UpdateCharter(ctx, sam, "bread", c)
			}},
			{"made institution-wide", func() error {
				c := charter
				c.Name, c.Scope, c.Visibility = "Bread and rye", "Sourdough only.", community.Institution
				return e.Communities.UpdateCharter(ctx, sam, "bread", c)
			}},
			{"stage", func() error { return e.Communities.SetStage(ctx, sam, "bread", community.Maturing) }},
			{"practice settings", func() error {
				p := community.DefaultPracticeSettings()
				p.Comments = "closed"
				return e.Communities.UpdatePracticeSettings(ctx, sam, "bread", p)
			}},
			{"another member", func() error { _, err := e.Communities.Join(ctx, bob, "bread", ""); return err }},
			{"a member's department", func() error {
				return ppl.UpdateProfile(ctx, bob, people.ProfileInput{Name: "Bob Tester", DepartmentID: dept.ID})
			}},
			{"archived", func() error { return e.Communities.SetArchived(ctx, sam, "asks", true) }},
			{"left", func() error { return e.Communities.Leave(ctx, ann, "bread") }},
			{"renamed by SQL", exec(d, "UPDATE communities SET name = 'The club' WHERE slug = 'club'")},
			{"slug by SQL", exec(d, "UPDATE communities SET slug = 'the-club' WHERE slug = 'club'")},
			{"made private by SQL", exec(d, "UPDATE communities SET visibility = 'private' WHERE slug = 'asks'")},
			{"invitation withdrawn by SQL", exec(d, "UPDATE memberships SET status = 'pending' WHERE person_id = $1 AND community_id = (SELECT id FROM communities WHERE slug = 'the-club')", ann.PersonID)},
			{"role by SQL", exec(d, "UPDATE memberships SET role = 'steward' WHERE person_id = $1", ann.PersonID)},
			{"proposed by SQL", exec(d, "UPDATE communities SET status = 'proposed' WHERE slug = 'asks'")},
			{"stewardship taken by SQL", exec(d, "UPDATE memberships SET role = 'member' WHERE person_id = $1", ann.PersonID)},
			{"tag by SQL", exec(d, "INSERT INTO community_tags (community_id, tag) SELECT id, 'rye' FROM communities WHERE slug = 'asks'")},
			{"membership deleted by SQL", exec(d, "DELETE FROM memberships WHERE person_id = $1 AND community_id = (SELECT id FROM communities WHERE slug = 'the-club')", ann.PersonID)},
			{"membership added by SQL", exec(d, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
				SELECT id, $1, 'member', 'invited', $2, $2 FROM communities WHERE slug = 'the-club'`, ann.PersonID, db.Now())},
			{"scope by SQL", exec(d, "UPDATE communities SET scope = 'Rye too.' WHERE slug = 'bread'")},
			{"community deleted by SQL", exec(d, "DELETE FROM communities WHERE slug = 'the-club'")},
		} {
			if err := c.do(); err != nil {
				t.Fatalf("%s: %v", c.what, err)
			}
			check(c.what)
		}
	})
}

// exec is a change by SQL, as a step of a test.
func exec(d *db.DB, query string, args ...any) func() error {
	return func() error { _, err := d.ExecContext(ctx, query, args...); return err }
}
