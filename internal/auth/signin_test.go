package auth_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

func TestSignIn(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		a, session, err := e.Auth.SignIn(ctx, " ADA@example.org ", password, "10.0.0.1", "test")
		if err != nil {
			t.Fatalf("sign in: %v", err)
		}
		if a.Handle != "ada" || !a.Verified || a.Admin {
			t.Errorf("actor = %+v", a)
		}
		wantSignedIn(t, e.Auth, session, "ada")
		_, second := signIn(t, e.Auth, "ada", "10.0.0.1")
		if second == session {
			t.Error("two sign-ins share one session token")
		}
		if err := e.Auth.SignOut(ctx, session); err != nil {
			t.Fatal(err)
		}
		wantSignedOut(t, e.Auth, session)
		wantSignedIn(t, e.Auth, second, "ada")
	})
}

func TestSignInFailuresLookAlike(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		_, s1, wrong := e.Auth.SignIn(ctx, "ada@example.org", "not the password", "10.0.0.1", "test")
		_, s2, unknown := e.Auth.SignIn(ctx, "nobody@example.org", password, "10.0.0.2", "test")
		if wrong == nil || unknown == nil || s1 != "" || s2 != "" {
			t.Fatalf("failed sign-ins: %v %q, %v %q", wrong, s1, unknown, s2)
		}
		if errs.KindOf(wrong) != errs.KindOf(unknown) || errs.MessageOf(wrong) != errs.MessageOf(unknown) {
			t.Fatalf("wrong password says %v %q; unknown account says %v %q",
				errs.KindOf(wrong), errs.MessageOf(wrong), errs.KindOf(unknown), errs.MessageOf(unknown))
		}
	})
}

func TestDisabledAccount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ada := e.Person("ada")
		ctx := context.Background()
		_, session := signIn(t, e.Auth, "ada", "10.0.0.1")

		wantKind(t, e.Auth.SetDisabled(ctx, e.Person("bob"), "ada", true), errs.Forbidden)
		wantKind(t, e.Auth.SetDisabled(ctx, e.Admin, "admin", true), errs.Forbidden)
		wantKind(t, e.Auth.SetDisabled(ctx, e.Admin, "nobody", true), errs.NotFound)
		wantSignedIn(t, e.Auth, session, "ada")

		if err := e.Auth.SetDisabled(ctx, e.Admin, "ada", true); err != nil {
			t.Fatalf("disable: %v", err)
		}
		wantSignedOut(t, e.Auth, session)
		if n, _ := e.Auth.SessionCount(ctx, ada); n != 0 {
			t.Errorf("a disabled person keeps %d sessions", n)
		}
		_, s, err := e.Auth.SignIn(ctx, "ada@example.org", password, "10.0.0.2", "test")
		if err == nil || s != "" {
			t.Fatalf("a disabled account signed in: %v", err)
		}
		_, _, err = e.Auth.SignIn(ctx, "ada@example.org", "not the password", "10.0.0.3", "test")
		wantKind(t, err, errs.Invalid) // a wrong password tells nothing about the account

		if err := e.Auth.SetDisabled(ctx, e.Admin, "ada", false); err != nil {
			t.Fatalf("enable: %v", err)
		}
		signIn(t, e.Auth, "ada", "10.0.0.4")
	})
}

// A disabled account answers the right password as it answers a wrong one:
// the answer tells nothing about the account.
func TestDisabledAccountSignInLooksLikeWrongPassword(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		if err := e.Auth.SetDisabled(ctx, e.Admin, "ada", true); err != nil {
			t.Fatal(err)
		}
		_, s1, right := e.Auth.SignIn(ctx, "ada@example.org", password, "10.0.0.1", "test")
		_, s2, wrong := e.Auth.SignIn(ctx, "ada@example.org", "not the password", "10.0.0.2", "test")
		if s1 != "" || s2 != "" {
			t.Fatal("a disabled account got a session")
		}
		if errs.KindOf(right) != errs.KindOf(wrong) || errs.MessageOf(right) != errs.MessageOf(wrong) || errs.KindOf(right) != errs.Invalid {
			t.Fatalf("right password says %v %q; wrong password says %v %q",
				errs.KindOf(right), errs.MessageOf(right), errs.KindOf(wrong), errs.MessageOf(wrong))
		}
	})
}
