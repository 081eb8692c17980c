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

// TestPolicyMatrix checks who may see which community, for every standing a
// person can have, against each visibility: through Get (a single community)
// and through Directory (a list), which must agree.
func TestPolicyMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		all := []string{"inst", "priv", "pub"}
		var ids []int64
		for _, c := range []struct {
			slug string
			vis  community.Visibility
		}{{"pub", community.Public}, {"inst", community.Institution}, {"priv", community.Private}} {
			ids = append(ids, e.Community(stew, c.slug, c.vis, community.Request).ID)
		}
		actors := map[string]auth.Actor{"visitor": visitor, "administrator": e.Admin, "steward": stew}
		for _, p := range []struct {
			handle string
			role   community.Role
			status community.MemberStatus
		}{
			{"outsider", "", ""},
			{"pending", community.RoleMember, community.PendingMember},
			{"invited", community.RoleMember, community.InvitedMember},
			{"member", community.RoleMember, community.ActiveMember},
			{"moderator", community.RoleModerator, community.ActiveMember},
		} {
			a := e.Person(p.handle)
			actors[p.handle] = a
			if p.status != "" {
				for _, slug := range all {
					e.SetMembership(slug, a, p.role, p.status)
				}
			}
		}
		visible := map[string][]string{
			"visitor":       {"pub"},
			"outsider":      {"inst", "pub"},
			"pending":       {"inst", "pub"},
			"invited":       all,
			"member":        all,
			"moderator":     all,
			"steward":       all,
			"administrator": all,
		}
		for who, want := range visible {
			a := actors[who]
			t.Run(who, func(t *testing.T) {
				for _, slug := range all {
					v, err := e.Communities.Get(ctx, a, slug)
					if slices.Contains(want, slug) {
						if err != nil {
							t.Errorf("Get(%s) = %v, want it visible", slug, err)
						}
						if v.Slug != slug {
							t.Errorf("Get(%s) returned %q", slug, v.Slug)
						}
					} else if !errs.Is(err, errs.NotFound) {
						t.Errorf("Get(%s) = %v, want NotFound", slug, err)
					}
				}
				// ReadableAmong, the policy over many communities at once,
				// agrees with each community's own View.CanRead.
				readable, err := e.Communities.ReadableAmong(ctx, a, ids)
				must(t, err)
				for _, id := range ids {
					v, err := e.Communities.GetByID(ctx, a, id)
					if want := err == nil && v.CanRead(); readable[id] != want {
						t.Errorf("ReadableAmong says %v for community %d, its View.CanRead %v", readable[id], id, want)
					}
				}
				page, err := e.Communities.Directory(ctx, a, community.Filter{})
				must(t, err)
				if got := slugs(page.Communities); !slices.Equal(got, want) {
					t.Errorf("Directory lists %v, want %v", got, want)
				}
			})
		}
		_, err := e.Communities.Get(ctx, e.Admin, "no-such-community")
		wantKind(t, err, errs.NotFound)
	})
}

// TestPolicyRoles checks what each standing may do in a community it sees.
func TestPolicyRoles(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "pub", community.Public, community.Open)
		mod, mem, out := e.Person("mod"), e.Person("mem"), e.Person("out")
		e.SetMembership("pub", mod, community.RoleModerator, community.ActiveMember)
		e.SetMembership("pub", mem, community.RoleMember, community.ActiveMember)
		tests := []struct {
			who                          string
			a                            auth.Actor
			member, moderator, steward   bool
			canJoin, canEdit, canArchive bool
		}{
			{"visitor", visitor, false, false, false, false, false, false},
			{"outsider", out, false, false, false, true, false, false},
			{"member", mem, true, false, false, false, false, false},
			{"moderator", mod, true, true, false, false, false, false},
			{"steward", stew, true, true, true, false, true, true},
			{"administrator", e.Admin, false, false, false, true, false, true},
		}
		for _, tt := range tests {
			v, err := e.Communities.Get(ctx, tt.a, "pub")
			must(t, err)
			got := []bool{v.IsMember(), v.IsModerator(), v.IsSteward(), v.CanJoin(), v.CanEditCharter(), v.CanArchive()}
			want := []bool{tt.member, tt.moderator, tt.steward, tt.canJoin, tt.canEdit, tt.canArchive}
			if !slices.Equal(got, want) {
				t.Errorf("%s: member, moderator, steward, join, edit, archive = %v, want %v", tt.who, got, want)
			}
		}
	})
}
