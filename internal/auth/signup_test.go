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

func TestSignUpTakenHandle(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		_, _, err := e.Auth.SignUp(context.Background(), auth.NewAccount{Name: "Ada Two", Handle: "ADA", Email: "ada2@example.org", Password: password}, "test")
		wantField(t, err, "handle") // handles are public: saying one is taken tells nothing new
		if _, ok := errs.FieldsOf(err)["email"]; ok {
			t.Errorf("a fresh e-mail address was reported taken: %v", errs.FieldsOf(err))
		}
	})
}

// Sign-up answers a known address exactly as a new one (no error, no
// session), so that it does not tell who has an account; the owner of the
// known address gets a note instead of a confirmation link.
func TestSignUpDoesNotTellWhichAddressesHaveAccounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		before := mailCount(t, d, "ada@example.org")
		known, knownSession, knownErr := e.Auth.SignUp(ctx, auth.NewAccount{Name: "Ada Two", Handle: "ada2", Email: " Ada@Example.org ", Password: password}, "test")
		fresh, freshSession, freshErr := e.Auth.SignUp(ctx, auth.NewAccount{Name: "Bea New", Handle: "bea", Email: "bea@example.org", Password: password}, "test")
		if knownErr != nil || freshErr != nil || knownSession != "" || freshSession != "" {
			t.Fatalf("known address: %v, session %q; new address: %v, session %q; want no error and no session for both",
				knownErr, knownSession, freshErr, freshSession)
		}
		if known.SignedIn() || !fresh.SignedIn() {
			t.Fatalf("known address made %+v, new address made %+v", known, fresh)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE handle = 'ada2' OR email = 'ada@example.org'").Scan(&n); err != nil || n != 1 {
			t.Fatalf("people with the known address or the new handle = %d, %v; want only the old account", n, err)
		}
		if got := mailCount(t, d, "ada@example.org"); got != before+1 {
			t.Fatalf("%d new mails to the known address, want 1", got-before)
		}
		note := newestMail(t, d, "ada@example.org")
		if !strings.Contains(note, "tried to create an account") || !strings.Contains(note, baseURL+"/reset") || linkPattern.MatchString(note) {
			t.Errorf("the note to the known address:\n%s", note)
		}
		if !strings.Contains(newestMail(t, d, "bea@example.org"), "/verify?token=") {
			t.Error("the new address got no confirmation link")
		}
	})
}

// A new account signs in only once its address is confirmed; before, it
// answers as a wrong password would (or sign-up would tell, through sign-in,
// which addresses had no account).
func TestSignUpNormalizesAndSignsInOnceConfirmed(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := context.Background()
		a, session, err := e.Auth.SignUp(ctx, auth.NewAccount{Name: " Vera Rubin ", Handle: "@Vera",
			Email: " VERA@Example.ORG", Password: password}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if a.Handle != "vera" || a.Name != "Vera Rubin" || a.Verified || a.Admin || session != "" {
			t.Fatalf("actor = %+v, session %q", a, session)
		}
		if email, err := e.Auth.Email(ctx, a); err != nil || email != "vera@example.org" {
			t.Fatalf("email = %q, %v", email, err)
		}
		_, unconfirmed, err := e.Auth.SignIn(ctx, "vera@example.org", password, "10.0.0.1", "test")
		_, _, wrong := e.Auth.SignIn(ctx, "vera@example.org", "not the password", "10.0.0.1", "test")
		if unconfirmed != "" || errs.KindOf(err) != errs.Invalid || errs.MessageOf(err) != errs.MessageOf(wrong) {
			t.Fatalf("an unconfirmed account signing in: %v, session %q; a wrong password: %v", err, unconfirmed, wrong)
		}
		if _, err := e.Auth.VerifyEmail(ctx, linkToken(t, e, "vera@example.org")); err != nil {
			t.Fatal(err)
		}
		_, session = signIn(t, e.Auth, "vera", "10.0.0.1")
		if a := wantSignedIn(t, e.Auth, session, "vera"); !a.Verified {
			t.Fatal("the account is not verified after the link was opened")
		}
	})
}

func TestVerificationTokenWorksOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := context.Background()
		if a, _ := signUp(t, e.Auth, "vera"); a.Verified {
			t.Fatal("a new account is verified before the link is opened")
		}
		tok := linkToken(t, e, "vera@example.org")
		if !strings.HasPrefix(e.MailLink("vera@example.org"), "/verify?") {
			t.Errorf("verification link = %s", e.MailLink("vera@example.org"))
		}
		if _, err := e.Auth.VerifyEmail(ctx, tok); err != nil {
			t.Fatalf("verify: %v", err)
		}
		if a, _ := signIn(t, e.Auth, "vera", "10.0.0.1"); !a.Verified {
			t.Fatal("the account is not verified after the link was opened")
		}
		wantKind(t, second(e.Auth.VerifyEmail(ctx, tok)), errs.Invalid)
		wantKind(t, second(e.Auth.VerifyEmail(ctx, "not-a-token")), errs.Invalid)
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
		wantKind(t, second(s.VerifyEmail(context.Background(), tok)), errs.Invalid)
		// A fresh link works.
		if err := s.ResendVerification(context.Background(), a, ""); err != nil {
			t.Fatalf("resend: %v", err)
		}
		fresh := linkToken(t, e, "vera@example.org")
		if fresh == tok {
			t.Fatal("the resent link repeats the old token")
		}
		if _, err := s.VerifyEmail(context.Background(), fresh); err != nil {
			t.Fatalf("verify with a fresh link: %v", err)
		}
	})
}

// second returns the error of a call that returns a value and an error.
func second[T any](_ T, err error) error { return err }
