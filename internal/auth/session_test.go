package auth_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

func TestSessionIdleTimeout(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		s, clk := clocked(t, e, auth.Options{SessionIdle: time.Hour, SessionLifetime: 24 * time.Hour})
		_, session := signIn(t, s, "ada", "10.0.0.1")
		for range 3 { // used every 50 minutes, the session lives on
			clk.Advance(50 * time.Minute)
			wantSignedIn(t, s, session, "ada")
		}
		clk.Advance(time.Hour + time.Minute)
		wantSignedOut(t, s, session)
		clk.Advance(-2 * time.Hour) // it is gone, not merely hidden
		wantSignedOut(t, s, session)
	})
}

func TestSessionAbsoluteLifetime(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		s, clk := clocked(t, e, auth.Options{SessionIdle: time.Hour, SessionLifetime: 3 * time.Hour})
		_, session := signIn(t, s, "ada", "10.0.0.1")
		for range 3 { // 50, 100 and 150 minutes: in use, within the lifetime
			clk.Advance(50 * time.Minute)
			wantSignedIn(t, s, session, "ada")
		}
		clk.Advance(31 * time.Minute) // 181 minutes after sign-in, 31 after last use
		wantSignedOut(t, s, session)
	})
}

func TestSessionUnknownToken(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		wantSignedOut(t, e.Auth, "")
		wantSignedOut(t, e.Auth, "no-such-session")
		raw, _ := auth.NewToken()
		wantSignedOut(t, e.Auth, raw)
	})
}

func TestSignOutEverywhere(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		e.Person("bob")
		ctx := context.Background()
		a, phone := signIn(t, e.Auth, "ada", "10.0.0.1")
		_, laptop := signIn(t, e.Auth, "ada", "10.0.0.1")
		_, bobs := signIn(t, e.Auth, "bob", "10.0.0.1")

		fresh, err := e.Auth.SignOutEverywhere(ctx, a, "test")
		if err != nil {
			t.Fatal(err)
		}
		wantSignedOut(t, e.Auth, phone)
		wantSignedOut(t, e.Auth, laptop)
		wantSignedIn(t, e.Auth, fresh, "ada")
		wantSignedIn(t, e.Auth, bobs, "bob")
		if n, err := e.Auth.SessionCount(ctx, a); err != nil || n != 1 {
			t.Errorf("sessions after signing out everywhere = %d, %v; want 1", n, err)
		}
		_, err = e.Auth.SignOutEverywhere(ctx, auth.Actor{}, "test")
		wantKind(t, err, errs.Unauthenticated)
	})
}
