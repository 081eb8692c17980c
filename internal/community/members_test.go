package community_test

import (
	"slices"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// memberHandles lists the handles of slug's members as a sees them.
func memberHandles(t *testing.T, e *env, a auth.Actor, slug string) []string {
	t.Helper()
	_, list, more, err := e.Communities.Members(ctx, a, slug, community.At{})
	must(t, err)
	if more {
		t.Fatal("a short member list says more follow")
	}
	var out []string
	for _, m := range list {
		out = append(out, m.Handle+":"+string(m.Status))
	}
	slices.Sort(out)
	return out
}

func TestMembersHidesRequestsAndInvitations(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Institution, community.Request)
		mem, pend, inv, out := e.Person("mem"), e.Person("pend"), e.Person("inv"), e.Person("out")
		e.SetMembership("bread", mem, community.RoleMember, community.ActiveMember)
		e.SetMembership("bread", pend, community.RoleMember, community.PendingMember)
		e.SetMembership("bread", inv, community.RoleMember, community.InvitedMember)

		public := []string{"mem:active", "stew:active"}
		for who, a := range map[string]auth.Actor{"member": mem, "pending": pend, "outsider": out, "administrator": e.Admin} {
			if got := memberHandles(t, e, a, "bread"); !slices.Equal(got, public) {
				t.Errorf("%s sees members %v, want %v", who, got, public)
			}
		}
		all := []string{"inv:invited", "mem:active", "pend:pending", "stew:active"}
		if got := memberHandles(t, e, stew, "bread"); !slices.Equal(got, all) {
			t.Errorf("the steward sees %v, want %v", got, all)
		}
		_, _, _, err := e.Communities.Members(ctx, visitor, "bread", community.At{})
		wantKind(t, err, errs.NotFound)
	})
}

func TestPrivateMembersOnlyForMembers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		mem, inv := e.Person("mem"), e.Person("inv")
		e.SetMembership("hidden", mem, community.RoleMember, community.ActiveMember)
		e.SetMembership("hidden", inv, community.RoleMember, community.InvitedMember)
		if got := memberHandles(t, e, mem, "hidden"); !slices.Equal(got, []string{"mem:active", "stew:active"}) {
			t.Errorf("a member sees %v", got)
		}
		_, _, _, err := e.Communities.Members(ctx, inv, "hidden", community.At{})
		wantKind(t, err, errs.NotFound) // invited people read the charter, not the member list
		_, _, _, err = e.Communities.Members(ctx, e.Person("out"), "hidden", community.At{})
		wantKind(t, err, errs.NotFound)
	})
}

func TestMembersListsStewardsFirst(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		zed := e.Person("zed")
		e.Community(zed, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Person("amy"), community.RoleMember, community.ActiveMember)
		e.SetMembership("bread", e.Person("bea"), community.RoleModerator, community.ActiveMember)
		_, list, _, err := e.Communities.Members(ctx, visitor, "bread", community.At{})
		must(t, err)
		var got []string
		for _, m := range list {
			got = append(got, m.Handle)
		}
		if want := []string{"zed", "bea", "amy"}; !slices.Equal(got, want) {
			t.Fatalf("members in order %v, want %v", got, want)
		}
	})
}
