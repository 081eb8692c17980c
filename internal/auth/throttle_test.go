package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// failSignIn makes one sign-in attempt that must fail as bad credentials.
func failSignIn(t *testing.T, s *auth.Service, email, ip string) {
	t.Helper()
	_, _, err := s.SignIn(context.Background(), email, "not the password", ip, "test")
	wantKind(t, err, errs.Invalid)
}

func TestSignInThrottledPerAccount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		e.Person("bob")
		s, clk := clocked(t, e, auth.Options{})
		for i := range 6 {
			failSignIn(t, s, "ada@example.org", fmt.Sprintf("10.0.1.%d", i)) // a new address each time
		}
		_, session, err := s.SignIn(context.Background(), "ada@example.org", password, "10.0.2.1", "test")
		wantKind(t, err, errs.TooManyRequests)
		if session != "" {
			t.Fatal("a throttled sign-in returned a session")
		}
		signIn(t, s, "bob", "10.0.2.1") // other accounts are not affected

		clk.Advance(50 * time.Second)
		_, _, err = s.SignIn(context.Background(), "ada@example.org", password, "10.0.2.2", "test")
		wantKind(t, err, errs.TooManyRequests)

		clk.Advance(11 * time.Second) // the failures are now more than a minute old
		signIn(t, s, "ada", "10.0.2.2")
	})
}

func TestSignInThrottledPerAddress(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		s, clk := clocked(t, e, auth.Options{})
		for i := range 6 {
			failSignIn(t, s, fmt.Sprintf("someone%d@example.org", i), "10.0.3.1")
		}
		_, _, err := s.SignIn(context.Background(), "ada@example.org", password, "10.0.3.1", "test")
		wantKind(t, err, errs.TooManyRequests)
		signIn(t, s, "ada", "10.0.3.2") // the account itself is fine from elsewhere

		clk.Advance(time.Minute + time.Second)
		signIn(t, s, "ada", "10.0.3.1")
	})
}
