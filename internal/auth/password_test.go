package auth_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

var phcPattern = regexp.MustCompile(`^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashPasswordRoundTrip(t *testing.T) {
	t.Parallel()
	hash, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !phcPattern.MatchString(hash) {
		t.Fatalf("hash %q is not an argon2id PHC string", hash)
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		ok, err := auth.VerifyPassword(hash, pw)
		if err != nil || ok != want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	again, _ := auth.HashPassword("correct horse battery")
	if again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if _, err := auth.VerifyPassword("$2a$10$notargon", "x"); err == nil {
		t.Error("VerifyPassword accepted a hash of another format")
	}
}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"7 characters", "kq8vz3m", false},
		{"8 characters", "kq8vz3mw", true},
		{"64 characters", strings.Repeat("pine", 16), true},
		{"128 characters", strings.Repeat("pine", 32), true},
		{"129 characters", strings.Repeat("pine", 32) + "x", false},
		{"8 runes of 2 bytes", "éééééééé", true},
		{"blocklisted", "password123", false},
		{"blocklisted, other case", "PassWord123", false},
		{"spaces count", "a b c d ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := auth.CheckPassword(tt.pw)
			if (msg == "") != tt.ok {
				t.Errorf("CheckPassword(%q) = %q, want ok=%v", tt.pw, msg, tt.ok)
			}
		})
	}
}

func TestStoredPasswordIsArgon2id(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Person("ada")
		var hash string
		if err := d.QueryRowContext(context.Background(), "SELECT password_hash FROM people WHERE handle = 'ada'").Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if !phcPattern.MatchString(hash) {
			t.Fatalf("stored hash %q is not an argon2id PHC string", hash)
		}
		// Unless told otherwise, at OWASP's baseline: 19 MiB, 2 passes, 1 lane.
		if !strings.Contains(hash, "$m=19456,t=2,p=1$") {
			t.Fatalf("stored hash %q is not at the default cost", hash)
		}
		if ok, err := auth.VerifyPassword(hash, password); !ok || err != nil {
			t.Fatalf("stored hash does not verify the password: %v, %v", ok, err)
		}
	})
}

// A service told to hash at another cost (the test harness's cheap one)
// stores that cost in the hash, and checks the password with it, also
// through a service hashing at the default cost.
func TestPasswordCostIsKeptInTheHash(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	cheap := auth.NewService(d, auth.Options{BaseURL: baseURL, PasswordCost: auth.PasswordCost{MemoryKiB: 64, Passes: 1}})
	if _, err := cheap.CreateAdmin(context.Background(), "Test Institution", auth.NewAccount{Name: "Ada Lovelace", Handle: "ada",
		Email: "ada@example.org", Password: password}); err != nil {
		t.Fatal(err)
	}
	var hash string
	if err := d.QueryRowContext(context.Background(), "SELECT password_hash FROM people WHERE handle = 'ada'").Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hash, "$m=64,t=1,p=1$") {
		t.Fatalf("stored hash %q is not at the cost asked for", hash)
	}
	if _, _, err := auth.NewService(d, auth.Options{BaseURL: baseURL}).SignIn(context.Background(), "ada@example.org", password, "127.0.0.2", "test"); err != nil {
		t.Fatalf("sign in with a cheaper hash: %v", err)
	}
}
