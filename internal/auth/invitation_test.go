package auth_test

import (
	"context"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/instance"
)

// inviteOnly switches the instance to sign-up by invitation.
func inviteOnly(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	s, err := instance.Load(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	s.Signup = instance.SignupInvite
	if err := instance.Save(ctx, d, s); err != nil {
		t.Fatal(err)
	}
}

func account(handle, email string) auth.NewAccount {
	return auth.NewAccount{Name: "Test " + handle, Handle: handle, Email: email, Password: password}
}

func TestInvitationOnlySignUp(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		sam := e.Person("sam")
		inviteOnly(t, d)
		ctx := context.Background()

		_, _, err := e.Auth.SignUp(ctx, account("nina", "nina@example.org"), "test")
		wantKind(t, err, errs.Forbidden)

		wantKind(t, e.Auth.InviteToInstance(ctx, sam, "nina@example.org"), errs.Forbidden)
		if err := e.Auth.InviteToInstance(ctx, e.Admin, "Nina@Example.org"); err != nil {
			t.Fatalf("invite: %v", err)
		}
		wantField(t, e.Auth.InviteToInstance(ctx, e.Admin, "sam@example.org"), "email")
		raw := inviteToken(t, d, "nina@example.org")

		wrong := account("nina", "other@example.org")
		wrong.Invite = raw
		_, _, err = e.Auth.SignUp(ctx, wrong, "test")
		wantField(t, err, "email")

		right := account("nina", "nina@example.org")
		right.Invite = raw
		a, session, err := e.Auth.SignUp(ctx, right, "test")
		if err != nil {
			t.Fatalf("sign up with the invitation: %v", err)
		}
		if !a.Verified {
			t.Error("an invited person's address is not verified at once")
		}
		wantSignedIn(t, e.Auth, session, "nina")
		if n := mailCount(t, d, "nina@example.org"); n != 1 {
			t.Errorf("mails to nina = %d, want only the invitation (no verification link)", n)
		}

		again := account("nina2", "nina@example.org")
		again.Invite = raw
		_, _, err = e.Auth.SignUp(ctx, again, "test")
		wantField(t, err, "email") // the invitation is used up
	})
}

func TestCommunityInvitationCarriedIntoSignUp(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := context.Background()
		steward := e.Person("sam")
		if _, err := e.Communities.Create(ctx, steward, community.Charter{Name: "Quilting", Slug: "quilting", Purpose: "We quilt.",
			Visibility: community.Private, JoinPolicy: community.Invite}); err != nil {
			t.Fatal(err)
		}
		if err := e.Communities.Invite(ctx, steward, "quilting", "olive@example.org"); err != nil {
			t.Fatalf("invite: %v", err)
		}
		n := account("olive", "olive@example.org")
		n.Invite = inviteToken(t, d, "olive@example.org")
		a, _, err := e.Auth.SignUp(ctx, n, "test")
		if err != nil {
			t.Fatalf("sign up: %v", err)
		}
		v, err := e.Communities.Get(ctx, a, "quilting")
		if err != nil {
			t.Fatalf("the invited newcomer cannot see the private community: %v", err)
		}
		// Signing up through the invitation was accepting it: a member at once, no second step.
		if v.Mine.Status != community.ActiveMember || v.Mine.Role != community.RoleMember {
			t.Fatalf("membership = %+v, want an active member", v.Mine)
		}
		if _, err := e.Communities.Join(ctx, a, "quilting", ""); !errs.Is(err, errs.Conflict) {
			t.Fatalf("accepting again = %v, want Conflict (a member already)", err)
		}
		var joined int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM activities WHERE verb = 'member.joined' AND actor_id = $1", a.PersonID).Scan(&joined); err != nil {
			t.Fatal(err)
		}
		if joined != 1 {
			t.Errorf("joined activities = %d, want 1", joined)
		}
	})
}
