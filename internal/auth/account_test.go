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

func TestChangePassword(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		a, here := signIn(t, e.Auth, "ada", "10.0.0.1")
		_, elsewhere := signIn(t, e.Auth, "ada", "10.0.0.1")

		_, err := e.Auth.ChangePassword(ctx, a, "not my password", newPassword, "test")
		wantField(t, err, "current_password")
		_, err = e.Auth.ChangePassword(ctx, a, password, "short", "test")
		wantField(t, err, "new_password")
		wantSignedIn(t, e.Auth, elsewhere, "ada")

		fresh, err := e.Auth.ChangePassword(ctx, a, password, newPassword, "test")
		if err != nil {
			t.Fatalf("change password: %v", err)
		}
		wantSignedOut(t, e.Auth, here)
		wantSignedOut(t, e.Auth, elsewhere)
		wantSignedIn(t, e.Auth, fresh, "ada")
		_, _, err = e.Auth.SignIn(ctx, "ada@example.org", password, "10.0.0.2", "test")
		wantKind(t, err, errs.Invalid)
		if _, _, err := e.Auth.SignIn(ctx, "ada@example.org", newPassword, "10.0.0.2", "test"); err != nil {
			t.Fatalf("sign in with the new password: %v", err)
		}
	})
}

func TestChangeEmail(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		a := e.Person("ada")
		e.Person("bob")
		ctx := context.Background()

		wantField(t, e.Auth.RequestEmailChange(ctx, a, "not my password", "ada@new.example.org"), "current_password")
		wantField(t, e.Auth.RequestEmailChange(ctx, a, password, "ada@example.org"), "email") // her own
		wantField(t, e.Auth.RequestEmailChange(ctx, a, password, "not an address"), "email")
		// Bob's address is not said to be taken: Bob is told, and nothing else happens.
		if err := e.Auth.RequestEmailChange(ctx, a, password, "Bob@example.org"); err != nil {
			t.Fatalf("asking for an address another account uses: %v, want the answer a free one gets", err)
		}
		if body := newestMail(t, d, "bob@example.org"); !strings.Contains(body, "has an account already, so nothing changed") || linkPattern.MatchString(body) {
			t.Errorf("bob's notice:\n%s", body)
		}
		var tokens int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM tokens WHERE email = 'bob@example.org' AND purpose = 'email_change'").Scan(&tokens); err != nil || tokens != 0 {
			t.Errorf("%d tokens for bob's address (%v): a link to take it", tokens, err)
		}
		if n := mailCount(t, d, "ada@new.example.org"); n != 0 {
			t.Fatalf("%d mails queued for a refused change", n)
		}

		if err := e.Auth.RequestEmailChange(ctx, a, password, "Ada@New.example.org"); err != nil {
			t.Fatalf("request change: %v", err)
		}
		if email, _ := e.Auth.Email(ctx, a); email != "ada@example.org" {
			t.Fatalf("the address changed before confirmation: %s", email)
		}
		if link := e.MailLink("ada@new.example.org"); !strings.HasPrefix(link, "/account/email/confirm?token=") {
			t.Fatalf("confirmation link = %s", link)
		}
		tok := linkToken(t, e, "ada@new.example.org")
		if err := e.Auth.ConfirmEmailChange(ctx, tok); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		if email, err := e.Auth.Email(ctx, a); err != nil || email != "ada@new.example.org" {
			t.Fatalf("email = %q, %v", email, err)
		}
		if _, _, err := e.Auth.SignIn(ctx, "ada@new.example.org", password, "10.0.0.1", "test"); err != nil {
			t.Fatalf("sign in with the new address: %v", err)
		}
		_, _, err := e.Auth.SignIn(ctx, "ada@example.org", password, "10.0.0.1", "test")
		wantKind(t, err, errs.Invalid)
		wantKind(t, e.Auth.ConfirmEmailChange(ctx, tok), errs.Invalid)
	})
}

// TestCurrentPasswordGuessesThrottled: a stolen session must not be able to
// guess the current password (to change it, or the address) without limit.
func TestCurrentPasswordGuessesThrottled(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		a := e.Person("ada")
		s, clk := clocked(t, e, auth.Options{})
		ctx := context.Background()
		for i := range 6 {
			if i%2 == 0 {
				_, err := s.ChangePassword(ctx, a, "guess", newPassword, "test")
				wantField(t, err, "current_password")
			} else {
				wantField(t, s.RequestEmailChange(ctx, a, "guess", "ada@new.example.org"), "current_password")
			}
		}
		_, err := s.ChangePassword(ctx, a, password, newPassword, "test")
		wantKind(t, err, errs.TooManyRequests)
		wantKind(t, s.RequestEmailChange(ctx, a, password, "ada@new.example.org"), errs.TooManyRequests)

		clk.Advance(time.Minute + time.Second)
		if _, err := s.ChangePassword(ctx, a, password, newPassword, "test"); err != nil {
			t.Fatalf("change after the window: %v", err)
		}
	})
}
