package community_test

import (
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// standing returns a's membership in slug.
func standing(t *testing.T, e *env, a auth.Actor, slug string) community.Membership {
	t.Helper()
	v, err := e.Communities.Get(ctx, a, slug)
	must(t, err)
	return v.Mine
}

func TestJoinByPolicy(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "open", community.Institution, community.Open)
		e.Community(stew, "asks", community.Public, community.Request)
		e.Community(stew, "closed", community.Public, community.Invite)
		e.Community(stew, "hidden", community.Private, community.Open)
		ann := e.Person("ann")

		status, err := e.Communities.Join(ctx, ann, "open", "")
		must(t, err)
		if status != community.ActiveMember || standing(t, e, ann, "open").Status != community.ActiveMember {
			t.Fatalf("joining an open community: %s", status)
		}
		_, err = e.Communities.Join(ctx, ann, "open", "")
		wantKind(t, err, errs.Conflict)

		status, err = e.Communities.Join(ctx, ann, "asks", "I bake on weekends.")
		must(t, err)
		if status != community.PendingMember {
			t.Fatalf("asking to join: %s", status)
		}
		// The request is an activity addressed to the stewards, for their
		// eyes only (notify turns it into their notification and e-mail).
		var reason, audience, excerpt, url string
		err = d.QueryRowContext(ctx, `SELECT t.reason, a.audience, a.excerpt, a.url FROM activities a
			JOIN activity_targets t ON t.activity_id = a.id JOIN people p ON p.id = t.person_id
			WHERE a.verb = 'member.requested' AND p.handle = 'stew'`).Scan(&reason, &audience, &excerpt, &url)
		if err != nil || reason != "steward" || audience != "subject" || excerpt != "I bake on weekends." || url != "/c/asks/members" {
			t.Fatalf("request activity: %q %q %q %q (%v)", reason, audience, excerpt, url, err)
		}
		_, err = e.Communities.Join(ctx, ann, "asks", "")
		wantKind(t, err, errs.Conflict)

		_, err = e.Communities.Join(ctx, ann, "closed", "")
		wantKind(t, err, errs.Forbidden)
		_, err = e.Communities.Join(ctx, ann, "hidden", "")
		wantKind(t, err, errs.NotFound)
		_, err = e.Communities.Join(ctx, visitor, "open", "")
		wantKind(t, err, errs.Unauthenticated)
		_, err = e.Communities.Join(ctx, unverified(t, e, "nell"), "open", "")
		wantKind(t, err, errs.Forbidden)
		_, err = e.Communities.Join(ctx, ann, "asks", strings.Repeat("x", 1001))
		wantField(t, err, "message")
	})
}

func TestAcceptInvitationByJoining(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		ann := e.Person("ann")
		must(t, e.Communities.Invite(ctx, stew, "hidden", "@Ann"))
		if m := standing(t, e, ann, "hidden"); m.Status != community.InvitedMember {
			t.Fatalf("after the invitation: %+v", m)
		}
		status, err := e.Communities.Join(ctx, ann, "hidden", "")
		must(t, err)
		if status != community.ActiveMember || standing(t, e, ann, "hidden").Status != community.ActiveMember {
			t.Fatalf("accepting: %s", status)
		}
	})
}

func TestDeclineInvitationByLeaving(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		ann := e.Person("ann")
		must(t, e.Communities.Invite(ctx, stew, "hidden", "ann"))
		must(t, e.Communities.Leave(ctx, ann, "hidden"))
		_, err := e.Communities.Get(ctx, ann, "hidden")
		wantKind(t, err, errs.NotFound)
	})
}

func TestApproveAndDeclineByStewardsOnly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew, mod, out := e.Person("stew"), e.Person("mod"), e.Person("out")
		e.Community(stew, "asks", community.Institution, community.Request)
		e.Community(stew, "hidden", community.Private, community.Request)
		ann, bob := e.Person("ann"), e.Person("bob")
		for _, slug := range []string{"asks", "hidden"} {
			e.SetMembership(slug, mod, community.RoleModerator, community.ActiveMember)
			e.SetMembership(slug, ann, community.RoleMember, community.PendingMember)
			e.SetMembership(slug, bob, community.RoleMember, community.PendingMember)
		}

		wantKind(t, e.Communities.Approve(ctx, mod, "asks", "ann"), errs.Forbidden)
		wantKind(t, e.Communities.Decline(ctx, mod, "asks", "ann"), errs.Forbidden)
		wantKind(t, e.Communities.Approve(ctx, out, "asks", "ann"), errs.Forbidden)
		wantKind(t, e.Communities.Approve(ctx, out, "hidden", "ann"), errs.NotFound)
		wantKind(t, e.Communities.Decline(ctx, out, "hidden", "ann"), errs.NotFound)
		wantKind(t, e.Communities.Approve(ctx, ann, "hidden", "bob"), errs.NotFound) // pending: cannot see it
		wantKind(t, e.Communities.Approve(ctx, stew, "asks", "nobody"), errs.NotFound)
		if m := standing(t, e, ann, "asks"); m.Status != community.PendingMember {
			t.Fatalf("a refused approval changed the request: %+v", m)
		}

		must(t, e.Communities.Approve(ctx, stew, "asks", "@ann"))
		if m := standing(t, e, ann, "asks"); m.Status != community.ActiveMember {
			t.Fatalf("approved: %+v", m)
		}
		if got := mails(t, d, "ann@example.org"); !strings.Contains(got[len(got)-1], "Welcome") {
			t.Errorf("approved person's mail = %v", got)
		}
		wantKind(t, e.Communities.Approve(ctx, stew, "asks", "ann"), errs.Conflict)

		must(t, e.Communities.Decline(ctx, stew, "asks", "bob"))
		if m := standing(t, e, bob, "asks"); m.Status != "" {
			t.Fatalf("declined: %+v", m)
		}
		wantKind(t, e.Communities.Decline(ctx, stew, "asks", "bob"), errs.NotFound)
	})
}

func TestCommunityKeepsASteward(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		ann := e.Person("ann")
		_, err := e.Communities.Join(ctx, ann, "bread", "")
		must(t, err)

		wantKind(t, e.Communities.SetRole(ctx, stew, "bread", "stew", community.RoleMember), errs.Conflict)
		wantKind(t, e.Communities.SetRole(ctx, stew, "bread", "stew", community.RoleModerator), errs.Conflict)
		wantKind(t, e.Communities.Remove(ctx, stew, "bread", "stew"), errs.Conflict)
		wantKind(t, e.Communities.Leave(ctx, stew, "bread"), errs.Conflict)
		if !standingIsSteward(t, e, stew, "bread") {
			t.Fatal("a refused change demoted the last steward")
		}
		wantField(t, e.Communities.SetRole(ctx, stew, "bread", "ann", "king"), "role")
		wantKind(t, e.Communities.SetRole(ctx, ann, "bread", "ann", community.RoleSteward), errs.Forbidden)

		// With a second steward, the first may step down, and then leave.
		must(t, e.Communities.SetRole(ctx, stew, "bread", "ann", community.RoleSteward))
		must(t, e.Communities.SetRole(ctx, stew, "bread", "stew", community.RoleModerator))
		if m := standing(t, e, stew, "bread"); m.Role != community.RoleModerator || m.Status != community.ActiveMember {
			t.Fatalf("after stepping down: %+v", m)
		}
		must(t, e.Communities.Leave(ctx, stew, "bread"))
		// ann is now the only steward and cannot go.
		wantKind(t, e.Communities.Leave(ctx, ann, "bread"), errs.Conflict)
		wantKind(t, e.Communities.Remove(ctx, ann, "bread", "ann"), errs.Conflict)
		v, err := e.Communities.Get(ctx, visitor, "bread")
		must(t, err)
		stewards, err := e.Communities.Stewards(ctx, v)
		must(t, err)
		if len(stewards) != 1 || stewards[0].Handle != "ann" {
			t.Fatalf("stewards = %+v", stewards)
		}
	})
}

func standingIsSteward(t *testing.T, e *env, a auth.Actor, slug string) bool {
	t.Helper()
	m := standing(t, e, a, slug)
	return m.Role == community.RoleSteward && m.Status == community.ActiveMember
}

func TestRemoveMember(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		ann, bob := e.Person("ann"), e.Person("bob")
		e.SetMembership("bread", ann, community.RoleMember, community.ActiveMember)
		e.SetMembership("bread", bob, community.RoleModerator, community.ActiveMember)
		wantKind(t, e.Communities.Remove(ctx, bob, "bread", "ann"), errs.Forbidden)
		must(t, e.Communities.Remove(ctx, stew, "bread", "ann"))
		if m := standing(t, e, ann, "bread"); m.Status != "" {
			t.Fatalf("removed member still has %+v", m)
		}
		wantKind(t, e.Communities.Leave(ctx, ann, "bread"), errs.Conflict) // not a member any more
		must(t, e.Communities.Leave(ctx, bob, "bread"))
	})
}

func TestArchivedCommunity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "bread", community.Public, community.Open)
		ann, mem := e.Person("ann"), e.Person("mem")
		e.SetMembership("bread", mem, community.RoleMember, community.ActiveMember)

		wantKind(t, e.Communities.SetArchived(ctx, mem, "bread", true), errs.Forbidden)
		must(t, e.Communities.SetArchived(ctx, stew, "bread", true))

		v, err := e.Communities.Get(ctx, visitor, "bread")
		must(t, err)
		if !v.Archived() || v.ArchivedAt == nil {
			t.Fatalf("archived community reads as %s", v.Status)
		}
		page, err := e.Communities.Directory(ctx, ann, community.Filter{})
		must(t, err)
		if got := slugs(page.Communities); len(got) != 1 {
			t.Errorf("the directory hides an archived community: %v", got)
		}
		_, err = e.Communities.Join(ctx, ann, "bread", "")
		wantKind(t, err, errs.Forbidden)
		ch := community.CharterOf(v.Community)
		ch.Purpose = "Changed."
		wantKind(t, e.Communities.UpdateCharter(ctx, stew, "bread", ch), errs.Forbidden)
		wantKind(t, e.Communities.SetStage(ctx, stew, "bread", community.Maturing), errs.Forbidden)
		wantKind(t, e.Communities.Invite(ctx, stew, "bread", "ann"), errs.Forbidden)
		must(t, e.Communities.Leave(ctx, mem, "bread")) // leaving is always possible

		must(t, e.Communities.SetArchived(ctx, stew, "bread", false))
		v, err = e.Communities.Get(ctx, visitor, "bread")
		must(t, err)
		if v.Status != community.Active || v.ArchivedAt != nil {
			t.Fatalf("restored community: %s, %v", v.Status, v.ArchivedAt)
		}
		if _, err := e.Communities.Join(ctx, ann, "bread", ""); err != nil {
			t.Fatalf("join after restoring: %v", err)
		}
		must(t, e.Communities.UpdateCharter(ctx, stew, "bread", ch))
	})
}

func TestInvite(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		ann, mod := e.Person("ann"), e.Person("mod")
		e.SetMembership("hidden", mod, community.RoleModerator, community.ActiveMember)

		wantKind(t, e.Communities.Invite(ctx, mod, "hidden", "ann"), errs.Forbidden)
		wantKind(t, e.Communities.Invite(ctx, ann, "hidden", "mod"), errs.NotFound)
		wantField(t, e.Communities.Invite(ctx, stew, "hidden", "  "), "who")
		wantField(t, e.Communities.Invite(ctx, stew, "hidden", "@nobody"), "who")
		wantField(t, e.Communities.Invite(ctx, stew, "hidden", "not@address"), "who")

		before := len(mails(t, d, "ann@example.org"))
		must(t, e.Communities.Invite(ctx, stew, "hidden", "@ann"))
		if m := standing(t, e, ann, "hidden"); m.Status != community.InvitedMember || m.Role != community.RoleMember {
			t.Fatalf("invited: %+v", m)
		}
		// Named by handle, a person is told in the app: an activity addressed to them alone.
		var targeted int
		must(t, d.QueryRowContext(ctx, `SELECT COUNT(*) FROM activity_targets t JOIN activities a ON a.id = t.activity_id
			WHERE a.verb = 'member.invited' AND a.audience = 'subject' AND t.person_id = $1 AND t.reason = 'invited'`, ann.PersonID).Scan(&targeted))
		if targeted != 1 {
			t.Errorf("in-app invitations addressed to ann = %d, want 1", targeted)
		}
		wantField(t, e.Communities.Invite(ctx, stew, "hidden", "ann"), "who")
		wantField(t, e.Communities.Invite(ctx, stew, "hidden", "mod@example.org"), "who") // a member already
		if got := mails(t, d, "ann@example.org"); len(got) != before {
			t.Errorf("mails to ann after invitations by handle = %v (the notifier mails them as ann chose)", got)
		}
		// Named by address, a person with an account gets an e-mail there (to accept on the community's page).
		bob := e.Person("bob")
		must(t, e.Communities.Invite(ctx, stew, "hidden", "Bob Tester <BOB@example.org>"))
		if m := standing(t, e, bob, "hidden"); m.Status != community.InvitedMember {
			t.Fatalf("bob invited by address: %+v", m)
		}
		if body := newestMail(t, d, "bob@example.org"); !strings.Contains(body, "/c/hidden") || strings.Contains(body, "invite=") {
			t.Errorf("invitation to a person with an account:\n%s", body)
		}

		must(t, e.Communities.Invite(ctx, stew, "hidden", "Newcomer@Example.org"))
		if body := newestMail(t, d, "newcomer@example.org"); !strings.Contains(body, "/signup?invite=") {
			t.Errorf("invitation to an address without an account:\n%s", body)
		}
	})
}
