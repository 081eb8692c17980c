package auth_test

import (
	"context"
	"fmt"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/instance"
)

func TestSetupWorksOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := auth.NewService(d, auth.Options{BaseURL: "http://hearth.test"})
		_, _, err := s.SignUp(ctx, account("early", "early@example.org"), "test")
		wantKind(t, err, errs.Conflict) // nobody signs up before set-up

		_, _, err = s.Setup(ctx, " ", account("root", "root@example.org"), "test")
		wantField(t, err, "instance_name")

		a, session, err := s.Setup(ctx, "Northfield College", account("root", "root@example.org"), "test")
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		if !a.Admin || !a.Verified {
			t.Errorf("first person = %+v, want a verified administrator", a)
		}
		if got := wantSignedIn(t, s, session, "root"); !got.Admin {
			t.Errorf("session actor = %+v, want an administrator", got)
		}
		settings, err := instance.Load(ctx, d)
		if err != nil || !settings.SetupDone || settings.Name != "Northfield College" {
			t.Fatalf("settings = %+v, %v", settings, err)
		}

		_, _, err = s.Setup(ctx, "Takeover", account("mallory", "mallory@example.org"), "test")
		wantKind(t, err, errs.Conflict)
		if _, _, err := s.SignIn(ctx, "mallory@example.org", password, "10.0.0.1", "test"); err == nil {
			t.Fatal("a second set-up created an account")
		}
		if settings, _ := instance.Load(ctx, d); settings.Name != "Northfield College" {
			t.Fatalf("a second set-up renamed the instance to %q", settings.Name)
		}
	})
}

func TestSimultaneousSetupsCreateOneAdministrator(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := auth.NewService(d, auth.Options{BaseURL: "http://hearth.test"})
		const n = 8
		got := dbtest.Together(n, func(i int) error {
			h := fmt.Sprintf("root%d", i)
			_, _, err := s.Setup(ctx, "Instance "+h, account(h, h+"@example.org"), "test")
			return err
		})
		done := 0
		for i, err := range got {
			switch {
			case err == nil:
				done++
			case !errs.Is(err, errs.Conflict):
				t.Errorf("set-up %d: %v (kind %v), want success or Conflict", i, err, errs.KindOf(err))
			}
		}
		var admins int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE is_admin").Scan(&admins); err != nil {
			t.Fatal(err)
		}
		if done != 1 || admins != 1 {
			t.Fatalf("%d simultaneous set-ups: %d succeeded and %d administrators exist, want 1 and 1", n, done, admins)
		}
	})
}
