package auth_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/ratelimit"
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

// Thirty simultaneous guesses at one account, from thirty addresses: each is
// counted before its password is checked, in the statement that reads the
// count, so at most the limit (6) are checked at all, and the right password
// sent once the limit is reached is refused too, however many guesses are
// still in flight.
func TestSignInThrottleHoldsUnderConcurrency(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		const guesses, limit = 29, 6
		start := make(chan struct{})
		results := make(chan error, guesses)
		var wg sync.WaitGroup
		for i := range guesses {
			wg.Go(func() {
				<-start
				_, _, err := e.Auth.SignIn(context.Background(), "ada@example.org", fmt.Sprintf("wrong guess %d", i), fmt.Sprintf("10.0.4.%d", i), "test")
				results <- err
			})
		}
		close(start)
		judged, throttled := 0, 0
		for range limit { // the right password goes in once as many guesses as the limit are answered
			countResult(t, <-results, &judged, &throttled)
		}
		_, session, err := e.Auth.SignIn(context.Background(), "ada@example.org", password, "10.0.4.200", "test")
		if session != "" || !errs.Is(err, errs.TooManyRequests) {
			t.Fatalf("the right password after %d simultaneous guesses: %v, session %q; want too many requests", guesses, err, session)
		}
		wg.Wait()
		close(results)
		for err := range results {
			countResult(t, err, &judged, &throttled)
		}
		if judged > limit || judged+throttled != guesses {
			t.Fatalf("of %d simultaneous guesses, %d had their password checked and %d were throttled; want at most %d checked",
				guesses, judged, throttled, limit)
		}
	})
}

// countResult counts a failed guess as judged (a wrong password) or
// throttled. A guess that waited too long for a hashing slot on a busy
// machine (503, "busy") was not checked either: it counts as throttled.
func countResult(t *testing.T, err error, judged, throttled *int) {
	t.Helper()
	switch errs.KindOf(err) {
	case errs.Invalid:
		*judged++
	case errs.TooManyRequests, errs.Unavailable:
		*throttled++
	default:
		t.Errorf("a guess answered %v", err)
	}
}

// A successful sign-in gives its attempt back: people who sign in often from
// one address (a shared office) are not throttled for it.
func TestSuccessfulSignInsAreNotCounted(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		for range 10 {
			signIn(t, e.Auth, "ada", "10.0.5.1")
		}
		for range 5 {
			failSignIn(t, e.Auth, "ada@example.org", "10.0.5.1")
		}
		signIn(t, e.Auth, "ada", "10.0.5.1")
	})
}

func TestResetRequestsLimited(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		ctx := context.Background()
		for i := range 5 {
			if err := e.Auth.RequestReset(ctx, "ada@example.org", fmt.Sprintf("10.0.6.%d", i)); err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
		}
		wantRetryAfter(t, e.Auth.RequestReset(ctx, "ada@example.org", "10.0.6.100"))
		if n := mailCount(t, d, "ada@example.org"); n != 5+1 { // the verification link, then five reset links
			t.Errorf("%d mails to the address, want 6", n)
		}
		for i := range 5 {
			if err := e.Auth.RequestReset(ctx, fmt.Sprintf("someone%d@example.org", i), "10.0.6.200"); err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
		}
		wantRetryAfter(t, e.Auth.RequestReset(ctx, "someone-else@example.org", "10.0.6.200"))
	})
}

func TestSignUpLimited(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		newEnv(t, d) // sets the instance up, with admin@example.org
		limits := ratelimit.New(d, map[ratelimit.Action]ratelimit.Rule{ratelimit.SignUp: {Max: 2, Window: time.Hour}}, nil)
		s := auth.NewService(d, auth.Options{BaseURL: baseURL, Limits: limits})
		ctx := context.Background()
		try := func(handle, email, client string) error {
			_, _, err := s.SignUp(ctx, auth.NewAccount{Name: "Test " + handle, Handle: handle, Email: email, Password: password, Client: client}, "test")
			return err
		}
		for i := range 2 {
			if err := try(fmt.Sprintf("p%d", i), fmt.Sprintf("p%d@example.org", i), "10.0.7.1"); err != nil {
				t.Fatalf("sign-up %d: %v", i+1, err)
			}
		}
		wantRetryAfter(t, try("p3", "p3@example.org", "10.0.7.1")) // per address
		for i := range 2 {
			if err := try(fmt.Sprintf("q%d", i), "admin@example.org", fmt.Sprintf("10.0.7.%d", 10+i)); err != nil {
				t.Fatalf("sign-up with a known address %d: %v", i+1, err)
			}
		}
		wantRetryAfter(t, try("q3", "admin@example.org", "10.0.7.20")) // per e-mail address: no more notes to it
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE handle LIKE 'p%' OR handle LIKE 'q%'").Scan(&n); err != nil || n != 2 {
			t.Fatalf("people made = %d, %v; want 2", n, err)
		}
	})
}

func TestInvitationsToTheInstanceLimited(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		limits := ratelimit.New(d, map[ratelimit.Action]ratelimit.Rule{ratelimit.Invite: {Max: 3, Window: time.Hour}}, nil)
		s := auth.NewService(d, auth.Options{BaseURL: baseURL, Limits: limits})
		ctx := context.Background()
		for i := range 3 {
			if err := s.InviteToInstance(ctx, e.Admin, fmt.Sprintf("guest%d@example.org", i)); err != nil {
				t.Fatalf("invitation %d: %v", i+1, err)
			}
		}
		wantRetryAfter(t, s.InviteToInstance(ctx, e.Admin, "guest9@example.org"))
		if n := mailCount(t, d, "guest9@example.org"); n != 0 {
			t.Error("a refused invitation was sent")
		}
	})
}

// wantRetryAfter fails the test unless err is TooManyRequests saying when to try again.
func wantRetryAfter(t *testing.T, err error) {
	t.Helper()
	wantKind(t, err, errs.TooManyRequests)
	if errs.RetryAfterOf(err) <= 0 {
		t.Fatalf("%v says no time to wait", err)
	}
}
