package community_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestRecentShowsJoinsInMyCommunities(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew, mem := e.Person("stew"), e.Person("mem")
		e.Community(stew, "bread", community.Public, community.Open)
		_, err := e.Communities.Join(ctx, mem, "bread", "")
		must(t, err)
		e.Community(e.Person("bob"), "secret", community.Private, community.Invite)
		e.SetMembership("secret", e.Person("carl"), community.RoleMember, community.ActiveMember)
		_, err = e.Communities.Join(ctx, e.Person("ann"), "bread", "")
		must(t, err)

		list, err := e.Communities.Recent(ctx, mem, 20)
		must(t, err)
		var joins []string
		for _, a := range list {
			if a.CommunitySlug == "secret" {
				t.Errorf("activity in a private community mem is not in: %+v", a)
			}
			if a.Kind == "joined" {
				joins = append(joins, a.PersonHandle+"@"+a.CommunitySlug)
			}
		}
		// stew's own membership counts too (made when the community started); mem's own join does not.
		if len(joins) == 0 || joins[0] != "ann@bread" {
			t.Fatalf("joins = %v, want ann@bread first", joins)
		}
		for _, j := range joins {
			if j == "mem@bread" {
				t.Errorf("mem's own join is listed: %v", joins)
			}
		}
		var started bool
		for _, a := range list {
			started = started || (a.Kind == "started" && a.CommunitySlug == "bread" && a.PersonHandle == "stew")
		}
		if !started {
			t.Errorf("the start of bread is missing: %+v", list)
		}

		// Someone outside bread hears nothing of who joined it.
		outside, err := e.Communities.Recent(ctx, e.Person("out"), 20)
		must(t, err)
		for _, a := range outside {
			if a.Kind == "joined" {
				t.Errorf("an outsider sees %+v", a)
			}
		}
		few, err := e.Communities.Recent(ctx, mem, 1)
		must(t, err)
		if len(few) != 1 {
			t.Errorf("Recent(limit 1) returned %d", len(few))
		}
	})
}
