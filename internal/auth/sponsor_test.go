package auth_test

import (
	"context"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// Only administrators name and revoke sponsors; the sponsor's session
// carries the role from the next request on, and loses it the same way.
func TestSetSponsor(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		bob := e.Person("bob")
		e.Person("ada")
		ctx := context.Background()
		_, session := signIn(t, e.Auth, "ada", "10.0.0.1")

		wantKind(t, e.Auth.SetSponsor(ctx, auth.Actor{}, "ada", true), errs.Unauthenticated)
		wantKind(t, e.Auth.SetSponsor(ctx, bob, "ada", true), errs.Forbidden)
		wantKind(t, e.Auth.SetSponsor(ctx, e.Admin, "nobody", true), errs.NotFound)
		if a := wantSignedIn(t, e.Auth, session, "ada"); a.Sponsor {
			t.Fatal("refused grants made ada a sponsor")
		}

		if err := e.Auth.SetSponsor(ctx, e.Admin, " Ada ", true); err != nil {
			t.Fatalf("grant: %v", err)
		}
		if a := wantSignedIn(t, e.Auth, session, "ada"); !a.Sponsor || a.Admin {
			t.Errorf("after the grant the session is %+v, want a sponsor who is not an administrator", a)
		}
		if a, _ := signIn(t, e.Auth, "ada", "10.0.0.2"); !a.Sponsor {
			t.Error("a fresh sign-in does not carry the sponsor role")
		}
		if a, err := e.Auth.ActorByID(ctx, e.Actor("ada").PersonID); err != nil || !a.Sponsor {
			t.Errorf("ActorByID = %+v, %v", a, err)
		}

		wantKind(t, e.Auth.SetSponsor(ctx, bob, "ada", false), errs.Forbidden)
		if err := e.Auth.SetSponsor(ctx, e.Admin, "ada", false); err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if a := wantSignedIn(t, e.Auth, session, "ada"); a.Sponsor {
			t.Error("the session keeps the sponsor role after it was revoked")
		}
	})
}
