package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

const newPassword = "a brand new secret"

func TestRequestResetUnknownAddress(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		if err := e.Auth.RequestReset(context.Background(), "nobody@example.org", "10.0.0.1"); err != nil {
			t.Fatalf("reset for an unknown address = %v, want nil", err)
		}
		if n := mailCount(t, d, "nobody@example.org"); n != 0 {
			t.Fatalf("%d mails queued to an unknown address", n)
		}
		wantField(t, e.Auth.RequestReset(context.Background(), "not an address", "10.0.0.1"), "email")
	})
}

func TestResetPassword(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		_, session := signIn(t, e.Auth, "ada", "10.0.0.1")
		if err := e.Auth.RequestReset(ctx, "ADA@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		if link := e.MailLink("ada@example.org"); !strings.HasPrefix(link, "/reset/confirm?token=") {
			t.Fatalf("reset link = %s", link)
		}
		tok := linkToken(t, e, "ada@example.org")
		if err := e.Auth.CheckResetToken(ctx, tok); err != nil {
			t.Fatalf("a fresh reset link is refused: %v", err)
		}
		wantField(t, e.Auth.ResetPassword(ctx, tok, "short"), "password")
		if err := e.Auth.ResetPassword(ctx, tok, newPassword); err != nil {
			t.Fatalf("reset: %v", err)
		}
		wantSignedOut(t, e.Auth, session)
		_, _, err := e.Auth.SignIn(ctx, "ada@example.org", password, "10.0.0.2", "test")
		wantKind(t, err, errs.Invalid)
		if _, _, err := e.Auth.SignIn(ctx, "ada@example.org", newPassword, "10.0.0.2", "test"); err != nil {
			t.Fatalf("sign in with the new password: %v", err)
		}
		wantKind(t, e.Auth.ResetPassword(ctx, tok, "yet another secret"), errs.Invalid)
		wantKind(t, e.Auth.CheckResetToken(ctx, tok), errs.Invalid)
	})
}

func TestResetLinkExpiresAfterAnHour(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		s, clk := clocked(t, e, auth.Options{})
		ctx := context.Background()
		if err := s.RequestReset(ctx, "ada@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		tok := linkToken(t, e, "ada@example.org")
		clk.Advance(59 * time.Minute)
		if err := s.CheckResetToken(ctx, tok); err != nil {
			t.Fatalf("the link is refused within the hour: %v", err)
		}
		clk.Advance(2 * time.Minute)
		wantKind(t, s.CheckResetToken(ctx, tok), errs.Invalid)
		wantKind(t, s.ResetPassword(ctx, tok, newPassword), errs.Invalid)
		signIn(t, s, "ada", "10.0.0.1") // the old password still works
	})
}

// A reset ends every other reset link of the account: whoever holds an older
// link cannot choose the password again.
func TestResetEndsOtherResetLinks(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		e.Person("bob")
		ctx := context.Background()
		if err := e.Auth.RequestReset(ctx, "ada@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		first := linkToken(t, e, "ada@example.org")
		if err := e.Auth.RequestReset(ctx, "ada@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		second := linkToken(t, e, "ada@example.org")
		if err := e.Auth.RequestReset(ctx, "bob@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		bobs := linkToken(t, e, "bob@example.org")

		if err := e.Auth.ResetPassword(ctx, second, newPassword); err != nil {
			t.Fatalf("reset with the second link: %v", err)
		}
		wantKind(t, e.Auth.CheckResetToken(ctx, first), errs.Invalid)
		wantKind(t, e.Auth.ResetPassword(ctx, first, "the attacker's choice"), errs.Invalid)
		signInWith(t, e.Auth, "ada", newPassword)
		if err := e.Auth.CheckResetToken(ctx, bobs); err != nil {
			t.Fatalf("another person's link ended too: %v", err)
		}
	})
}

// Changing the password ends the reset links sent before, and the person's
// other sessions.
func TestPasswordChangeEndsResetLinks(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		a, other := signIn(t, e.Auth, "ada", "10.0.0.1")
		if err := e.Auth.RequestReset(ctx, "ada@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		link := linkToken(t, e, "ada@example.org")
		here, err := e.Auth.ChangePassword(ctx, a, password, newPassword, "test")
		if err != nil {
			t.Fatalf("change password: %v", err)
		}
		wantKind(t, e.Auth.CheckResetToken(ctx, link), errs.Invalid)
		wantKind(t, e.Auth.ResetPassword(ctx, link, "the attacker's choice"), errs.Invalid)
		wantSignedOut(t, e.Auth, other)
		wantSignedIn(t, e.Auth, here, "ada")
		signInWith(t, e.Auth, "ada", newPassword)
	})
}

// signInWith signs in as handle with pw, failing the test on error.
func signInWith(t *testing.T, s *auth.Service, handle, pw string) {
	t.Helper()
	if _, _, err := s.SignIn(context.Background(), handle+"@example.org", pw, "10.0.0.9", "test"); err != nil {
		t.Fatalf("sign in as %s: %v", handle, err)
	}
}
