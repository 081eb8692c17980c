package auth

import (
	"context"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestSessionCacheNeverOutlivesAChange: a session read once is trusted for a
// moment, but this instance forgets it at once when it ends or its person
// changes, and another instance's change shows within sessionCacheTTL.
func TestSessionCacheNeverOutlivesAChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clock := db.Now()
		now := func() time.Time { return clock }
		s := NewService(d, Options{BaseURL: "http://x", Now: now})
		other := NewService(d, Options{BaseURL: "http://x", Now: now}) // a second instance
		if _, err := s.CreateAdmin(ctx, "Test", NewAccount{Name: "Ada", Handle: "ada", Email: "ada@example.org", Password: "a long enough password"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateAdmin(ctx, "", NewAccount{Name: "Bob", Handle: "bob", Email: "bob@example.org", Password: "a long enough password"}); err != nil {
			t.Fatal(err)
		}
		ada, _, err := s.SignIn(ctx, "ada@example.org", "a long enough password", "127.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		_, bobToken, err := s.SignIn(ctx, "bob@example.org", "a long enough password", "127.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		for _, svc := range []*Service{s, other} {
			if a, err := svc.Session(ctx, bobToken); err != nil || a.Handle != "bob" {
				t.Fatalf("session = %+v, %v", a, err)
			}
		}
		// Disabling on this instance ends the session here at once.
		if err := s.SetDisabled(ctx, ada, "bob", true); err != nil {
			t.Fatal(err)
		}
		if a, _ := s.Session(ctx, bobToken); a.SignedIn() {
			t.Fatal("this instance still serves a disabled person's session")
		}
		// The other instance trusts what it read for at most sessionCacheTTL.
		clock = clock.Add(sessionCacheTTL)
		if a, _ := other.Session(ctx, bobToken); a.SignedIn() {
			t.Fatalf("another instance still serves the session %v after it ended", sessionCacheTTL)
		}
	})
}
