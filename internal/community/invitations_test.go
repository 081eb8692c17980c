package community_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// TestInviteMany: one form names several people in every accepted form;
// each mistake fails alone with its reason, the others are invited.
func TestInviteMany(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "weave", community.Public, community.Request)
		ann := e.Person("ann")
		e.Person("bob")
		e.SetMembership("weave", e.Person("cy"), community.RoleMember, community.ActiveMember)

		out, err := e.Communities.InviteMany(ctx, stew, "weave",
			"@ann, \"Lovelace, Ada\" <Ada@Example.org>; nobody-here\n  bob@example.org \n\nnot an address <x>, @cy, @ann, Grace <grace@example.org>")
		must(t, err)
		var sent []string
		for _, r := range out.Sent {
			sent = append(sent, r.Handle+r.Email)
		}
		if got := strings.Join(sent, " "); got != "ann ada@example.org bob@example.org grace@example.org" {
			t.Errorf("sent = %q", got)
		}
		failed := map[string]string{}
		for _, f := range out.Failed {
			failed[f.Text] = f.Message
		}
		if len(failed) != 3 || !strings.Contains(failed["nobody-here"], "Nobody has the handle @nobody-here") ||
			!strings.Contains(failed["not an address <x>"], "Not an e-mail address") || !strings.Contains(failed["@cy"], "member already") {
			t.Errorf("failed = %q", failed)
		}
		if m := standing(t, e, ann, "weave"); m.Status != community.InvitedMember {
			t.Errorf("ann: %+v, want invited", m)
		}
		if body := newestMail(t, d, "ada@example.org"); !strings.Contains(body, "/signup?invite=") {
			t.Errorf("mail to an address without an account:\n%s", body)
		}
		_, list, err := e.Communities.Invitations(ctx, stew, "weave")
		must(t, err)
		labels := map[string]bool{}
		for _, i := range list {
			labels[i.Label()] = true
		}
		for _, want := range []string{"Ann Tester (@ann)", "Bob Tester (@bob)", "Lovelace, Ada <ada@example.org>", "Grace <grace@example.org>"} {
			if !labels[want] {
				t.Errorf("waiting invitations %v lack %q", labels, want)
			}
		}
		// Inviting an address invited already says so, rather than sending a second link.
		out, err = e.Communities.InviteMany(ctx, stew, "weave", "grace@example.org")
		must(t, err)
		if len(out.Failed) != 1 || !strings.Contains(out.Failed[0].Message, "invited already") {
			t.Errorf("second invitation of grace: %+v", out)
		}

		wantField(t, second(e.Communities.InviteMany(ctx, stew, "weave", " , \n ")), "who")
		var many []string
		for i := range 51 {
			many = append(many, fmt.Sprintf("p%d@example.org", i))
		}
		wantField(t, second(e.Communities.InviteMany(ctx, stew, "weave", strings.Join(many, "\n"))), "who")
	})
}

// TestInviteManyIsRateLimitedPerRecipient: past the inviter's limit, the
// rest fail with the limit's message and are kept to send later.
func TestInviteManyIsRateLimitedPerRecipient(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "weave", community.Public, community.Open)
		var many []string
		for i := range 35 {
			many = append(many, fmt.Sprintf("p%d@example.org", i))
		}
		out, err := e.Communities.InviteMany(ctx, stew, "weave", strings.Join(many, ","))
		must(t, err)
		if len(out.Sent) != 30 || len(out.Failed) != 5 || !strings.Contains(out.Failed[0].Message, "many invitations") {
			t.Fatalf("sent %d, failed %d (%+v), want 30 and 5 by the default limit of 30 an hour", len(out.Sent), len(out.Failed), out.Failed)
		}
	})
}

// TestInvitationsPermissions: only stewards list, resend and withdraw
// invitations; outsiders of a private community are told it does not exist.
func TestInvitationsPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		mem, out := e.Person("mem"), e.Person("out")
		e.SetMembership("hidden", mem, community.RoleMember, community.ActiveMember)
		must(t, e.Communities.Invite(ctx, stew, "hidden", "new@example.org"))
		_, list, err := e.Communities.Invitations(ctx, stew, "hidden")
		must(t, err)
		key := list[0].Key
		for who, want := range map[string]errs.Kind{"mem": errs.Forbidden, "out": errs.NotFound, "visitor": errs.NotFound} {
			a := map[string]auth.Actor{"mem": mem, "out": out}[who]
			_, _, err := e.Communities.Invitations(ctx, a, "hidden")
			wantKind(t, err, want)
			_, err = e.Communities.RevokeInvitation(ctx, a, "hidden", key)
			wantKind(t, err, want)
			_, err = e.Communities.ResendInvitation(ctx, a, "hidden", key)
			wantKind(t, err, want)
			wantKind(t, second(e.Communities.CreateInviteLink(ctx, a, "hidden", 7, 0)), want)
		}
		_, err = e.Communities.RevokeInvitation(ctx, stew, "hidden", "0123456789abcdef")
		wantKind(t, err, errs.NotFound)
	})
}

// TestResendAndRevoke: sending again makes a new link (the old one stops
// working) and waits a while between sends; withdrawing ends it.
func TestResendAndRevoke(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "weave", community.Public, community.Invite)
		ann := e.Person("ann")
		must(t, e.Communities.Invite(ctx, stew, "weave", "new@example.org\n@ann"))
		first := linkToken(t, d, "new@example.org")

		_, err := e.Communities.ResendInvitation(ctx, stew, "weave", keyOf(t, e, stew, "new@example.org"))
		wantKind(t, err, errs.TooManyRequests) // just sent
		ageInvitations(t, d, time.Hour)
		if _, err := e.Communities.ResendInvitation(ctx, stew, "weave", keyOf(t, e, stew, "new@example.org")); err != nil {
			t.Fatalf("resend: %v", err)
		}
		second := linkToken(t, d, "new@example.org")
		if second == first {
			t.Fatal("sending again mailed the same link")
		}
		if _, err := e.Auth.InvitationFor(ctx, first); !errs.Is(err, errs.Invalid) {
			t.Errorf("the first link after sending again: %v, want it no longer working", err)
		}
		if _, err := e.Communities.ResendInvitation(ctx, stew, "weave", "@ann"); err != nil {
			t.Fatalf("resend to ann: %v", err)
		}

		if _, err := e.Communities.RevokeInvitation(ctx, stew, "weave", keyOf(t, e, stew, "new@example.org")); err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if _, err := e.Auth.InvitationFor(ctx, second); !errs.Is(err, errs.Invalid) {
			t.Errorf("a withdrawn invitation's link: %v, want it no longer working", err)
		}
		n := auth.NewAccount{Name: "New", Handle: "newbie", Email: "new@example.org", Password: password, Invite: second}
		if _, _, err := e.Auth.SignUp(ctx, n, "test"); errs.FieldsOf(err)["email"] == "" {
			t.Errorf("sign-up through a withdrawn invitation: %v", err)
		}
		if _, err := e.Communities.RevokeInvitation(ctx, stew, "weave", "@ann"); err != nil {
			t.Fatalf("revoke ann's: %v", err)
		}
		if m := standing(t, e, ann, "weave"); m.Status != "" {
			t.Errorf("ann after the withdrawal: %+v", m)
		}
		_, list, err := e.Communities.Invitations(ctx, stew, "weave")
		must(t, err)
		if len(list) != 0 {
			t.Errorf("invitations waiting after withdrawing both: %+v", list)
		}
	})
}

// TestAcceptingTwiceAtOnceMakesOneMembership: two accepts of one
// invitation at the same moment (two tabs) make one membership and one
// "joined"; the other is told the person is a member already.
func TestAcceptingTwiceAtOnceMakesOneMembership(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "weave", community.Private, community.Invite)
		ann := e.Person("ann")
		must(t, e.Communities.Invite(ctx, stew, "weave", "@ann"))
		got := dbtest.Together(6, func(int) error {
			_, err := e.Communities.Join(ctx, ann, "weave", "")
			return err
		})
		if ok := onlyKinds(t, got, errs.Conflict); ok != 1 {
			t.Errorf("%d accepts succeeded, want 1", ok)
		}
		var joined int
		must(t, d.QueryRowContext(ctx, "SELECT COUNT(*) FROM activities WHERE verb = 'member.joined' AND actor_id = $1", ann.PersonID).Scan(&joined))
		if joined != 1 {
			t.Errorf("joined recorded %d times, want once", joined)
		}
	})
}

// TestInviteLinks: a link lets its holders in by the community's join
// policy, until it expires, is used up or withdrawn.
func TestInviteLinks(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "hidden", community.Private, community.Invite)
		e.Community(stew, "vetted", community.Public, community.Request)
		wantField(t, second(e.Communities.CreateInviteLink(ctx, stew, "hidden", 3, 0)), "days")
		wantField(t, second(e.Communities.CreateInviteLink(ctx, stew, "hidden", 7, -1)), "max_uses")
		l, err := e.Communities.CreateInviteLink(ctx, stew, "hidden", 7, 2)
		must(t, err)

		ann, bob, cy := e.Person("ann"), e.Person("bob"), e.Person("cy")
		li, err := e.Communities.ByLink(ctx, auth.Actor{}, l.Token)
		must(t, err)
		if li.Name != "Community hidden" || li.Link.CreatorName != "Stew Tester" || li.Link.Left() != 2 {
			t.Errorf("a visitor holding the link sees %+v", li)
		}
		for _, a := range []auth.Actor{ann, bob} {
			if _, status, err := e.Communities.JoinByLink(ctx, a, l.Token); err != nil || status != community.ActiveMember {
				t.Fatalf("%s joins by link: %v, %v", a.Handle, status, err)
			}
		}
		_, _, err = e.Communities.JoinByLink(ctx, cy, l.Token)
		wantKind(t, err, errs.NotFound) // used up
		_, _, err = e.Communities.JoinByLink(ctx, ann, l.Token)
		wantKind(t, err, errs.NotFound)

		wantKind(t, second3(e.Communities.JoinByLink(ctx, auth.Actor{}, l.Token)), errs.Unauthenticated)
		newbie := unverified(t, e, "newbie")
		l2, err := e.Communities.CreateInviteLink(ctx, stew, "hidden", 1, 0)
		must(t, err)
		wantKind(t, second3(e.Communities.JoinByLink(ctx, newbie, l2.Token)), errs.Forbidden)

		// Where stewards approve each member, the link makes a request.
		l3, err := e.Communities.CreateInviteLink(ctx, stew, "vetted", 30, 0)
		must(t, err)
		if _, status, err := e.Communities.JoinByLink(ctx, cy, l3.Token); err != nil || status != community.PendingMember {
			t.Fatalf("join a request community by link: %v, %v", status, err)
		}

		// Withdrawn and expired links stop working.
		must(t, e.Communities.RevokeInviteLink(ctx, stew, "hidden", l2.ID))
		wantKind(t, second3(e.Communities.JoinByLink(ctx, cy, l2.Token)), errs.NotFound)
		wantKind(t, e.Communities.RevokeInviteLink(ctx, stew, "hidden", l2.ID), errs.NotFound)
		l4, err := e.Communities.CreateInviteLink(ctx, stew, "hidden", 1, 0)
		must(t, err)
		_, err = d.ExecContext(ctx, "UPDATE invite_links SET expires_at = $1 WHERE id = $2", db.Now().Add(-time.Minute), l4.ID)
		must(t, err)
		wantKind(t, second3(e.Communities.JoinByLink(ctx, cy, l4.Token)), errs.NotFound)
		links, err := e.Communities.InviteLinks(ctx, stew, "hidden")
		must(t, err)
		if len(links) != 1 || links[0].ID != l.ID || links[0].Uses != 2 {
			t.Errorf("open links = %+v, want only the used-up first one listed... ", links)
		}
	})
}

// TestInviteLinkUseLimitHoldsUnderConcurrency: many people using a link
// with a limit at once never pass it.
func TestInviteLinkUseLimitHoldsUnderConcurrency(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "weave", community.Public, community.Open)
		l, err := e.Communities.CreateInviteLink(ctx, stew, "weave", 7, 3)
		must(t, err)
		people := make([]auth.Actor, 8)
		for i := range people {
			people[i] = e.Person(fmt.Sprintf("p%d", i))
		}
		got := dbtest.Together(len(people), func(i int) error {
			_, _, err := e.Communities.JoinByLink(ctx, people[i], l.Token)
			return err
		})
		if ok := onlyKinds(t, got, errs.NotFound); ok != 3 {
			t.Errorf("%d joined through a link for 3", ok)
		}
		var uses, members int
		must(t, d.QueryRowContext(ctx, "SELECT uses FROM invite_links WHERE id = $1", l.ID).Scan(&uses))
		must(t, d.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships m JOIN communities c ON c.id = m.community_id
			WHERE c.slug = 'weave' AND m.role = 'member'`).Scan(&members))
		if uses != 3 || members != 3 {
			t.Errorf("uses = %d, members = %d, want 3 and 3", uses, members)
		}
	})
}

func second[T any](_ T, err error) error          { return err }
func second3[A, B any](_ A, _ B, err error) error { return err }

// linkToken is the invitation token in the newest mail to address.
func linkToken(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	body := newestMail(t, d, address)
	_, tok, ok := strings.Cut(body, "invite=")
	if !ok {
		t.Fatalf("no invitation link in:\n%s", body)
	}
	return strings.Fields(tok)[0]
}

// keyOf is the key of the waiting invitation of address.
func keyOf(t *testing.T, e *env, stew auth.Actor, address string) string {
	t.Helper()
	_, list, err := e.Communities.Invitations(ctx, stew, "weave")
	must(t, err)
	for _, i := range list {
		if i.Email == address {
			return i.Key
		}
	}
	t.Fatalf("no invitation of %s waiting", address)
	return ""
}

// ageInvitations moves every invitation's sending back by d.
func ageInvitations(t *testing.T, d *db.DB, by time.Duration) {
	t.Helper()
	then := db.Now().Add(-by)
	_, err := d.ExecContext(ctx, "UPDATE tokens SET created_at = $1 WHERE purpose = 'invite'", then)
	must(t, err)
	_, err = d.ExecContext(ctx, "UPDATE memberships SET updated_at = $1 WHERE status = 'invited'", then)
	must(t, err)
}
