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

func TestSignUpValidation(t *testing.T) {
	t.Parallel()
	good := auth.NewAccount{Name: "Grace Hopper", Handle: "grace", Email: "grace@example.org", Password: password}
	tests := []struct {
		name  string
		edit  func(*auth.NewAccount)
		field string
	}{
		{"no name", func(n *auth.NewAccount) { n.Name = "  " }, "name"},
		{"long name", func(n *auth.NewAccount) { n.Name = strings.Repeat("x", 101) }, "name"},
		{"handle with a space", func(n *auth.NewAccount) { n.Handle = "grace h" }, "handle"},
		{"handle ending in a dash", func(n *auth.NewAccount) { n.Handle = "grace-" }, "handle"},
		{"handle too long", func(n *auth.NewAccount) { n.Handle = strings.Repeat("g", 33) }, "handle"},
		{"no email", func(n *auth.NewAccount) { n.Email = "" }, "email"},
		{"email without domain dot", func(n *auth.NewAccount) { n.Email = "grace@localhost" }, "email"},
		{"email with a name", func(n *auth.NewAccount) { n.Email = "Grace <grace@example.org>" }, "email"},
		{"short password", func(n *auth.NewAccount) { n.Password = "short" }, "password"},
		{"common password", func(n *auth.NewAccount) { n.Password = "Password123" }, "password"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				n := good
				tt.edit(&n)
				_, _, err := e.Auth.SignUp(context.Background(), n, "test")
				wantField(t, err, tt.field)
				if len(errs.FieldsOf(err)) != 1 {
					t.Errorf("fields = %v, want only %q", errs.FieldsOf(err), tt.field)
				}
			})
		}
		var n int
		if err := d.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM people").Scan(&n); err != nil || n != 1 {
			t.Fatalf("people after refused sign-ups = %d, %v; want only the administrator", n, err)
		}
		// Everything wrong at once: every field is reported.
		_, _, err := e.Auth.SignUp(context.Background(), auth.NewAccount{Handle: "-", Email: "x", Password: "x"}, "test")
		for _, f := range []string{"name", "handle", "email", "password"} {
			wantField(t, err, f)
		}
	})
}

func TestSignUpDuplicates(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		_, _, err := e.Auth.SignUp(ctx, auth.NewAccount{Name: "Ada Two", Handle: "ADA", Email: "ada2@example.org", Password: password}, "test")
		wantField(t, err, "handle")
		if _, ok := errs.FieldsOf(err)["email"]; ok {
			t.Errorf("a fresh e-mail address was reported taken: %v", errs.FieldsOf(err))
		}
		_, _, err = e.Auth.SignUp(ctx, auth.NewAccount{Name: "Ada Two", Handle: "ada2", Email: " Ada@Example.org ", Password: password}, "test")
		wantField(t, err, "email")
		if _, ok := errs.FieldsOf(err)["handle"]; ok {
			t.Errorf("a fresh handle was reported taken: %v", errs.FieldsOf(err))
		}
	})
}

func TestSignUpNormalizesAndSignsIn(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		a, session, err := e.Auth.SignUp(context.Background(), auth.NewAccount{Name: " Vera Rubin ", Handle: "@Vera",
			Email: " VERA@Example.ORG", Password: password}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if a.Handle != "vera" || a.Name != "Vera Rubin" || a.Verified || a.Admin {
			t.Fatalf("actor = %+v", a)
		}
		wantSignedIn(t, e.Auth, session, "vera")
		if email, err := e.Auth.Email(context.Background(), a); err != nil || email != "vera@example.org" {
			t.Fatalf("email = %q, %v", email, err)
		}
	})
}

func TestVerificationTokenWorksOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := context.Background()
		_, session := signUp(t, e.Auth, "vera")
		if a := wantSignedIn(t, e.Auth, session, "vera"); a.Verified {
			t.Fatal("a new account is verified before the link is opened")
		}
		tok := linkToken(t, e, "vera@example.org")
		if !strings.HasPrefix(e.MailLink("vera@example.org"), "/verify?") {
			t.Errorf("verification link = %s", e.MailLink("vera@example.org"))
		}
		if err := e.Auth.VerifyEmail(ctx, tok); err != nil {
			t.Fatalf("verify: %v", err)
		}
		if a := wantSignedIn(t, e.Auth, session, "vera"); !a.Verified {
			t.Fatal("the account is not verified after the link was opened")
		}
		wantKind(t, e.Auth.VerifyEmail(ctx, tok), errs.Invalid)
		wantKind(t, e.Auth.VerifyEmail(ctx, "not-a-token"), errs.Invalid)
	})
}

func TestVerificationTokenExpires(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		s, clk := clocked(t, e, auth.Options{})
		a, _ := signUp(t, s, "vera")
		tok := linkToken(t, e, "vera@example.org")
		clk.Advance(7*24*time.Hour + time.Minute)
		wantKind(t, s.VerifyEmail(context.Background(), tok), errs.Invalid)
		// A fresh link works.
		if err := s.ResendVerification(context.Background(), a); err != nil {
			t.Fatalf("resend: %v", err)
		}
		fresh := linkToken(t, e, "vera@example.org")
		if fresh == tok {
			t.Fatal("the resent link repeats the old token")
		}
		if err := s.VerifyEmail(context.Background(), fresh); err != nil {
			t.Fatalf("verify with a fresh link: %v", err)
		}
	})
}
