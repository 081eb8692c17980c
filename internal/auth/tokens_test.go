package auth_test

import (
	"context"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestTokensStoredHashed(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		ctx := context.Background()
		_, session := signUp(t, e.Auth, "vera")
		verify := linkToken(t, e, "vera@example.org")
		if err := e.Auth.RequestReset(ctx, "vera@example.org", "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		reset := linkToken(t, e, "vera@example.org")
		if err := e.Auth.InviteToInstance(ctx, e.Admin, "ivy@example.org"); err != nil {
			t.Fatal(err)
		}
		invite := inviteToken(t, d, "ivy@example.org")

		for name, raw := range map[string]string{"verify": verify, "reset": reset, "invite": invite} {
			if len(raw) < 22 { // 128 bits in unpadded base64
				t.Errorf("%s token %q is shorter than 128 bits", name, raw)
			}
			var plain, hashed int
			if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM tokens WHERE token_hash = $1 OR email = $1 OR data = $1", raw).Scan(&plain); err != nil {
				t.Fatal(err)
			}
			if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM tokens WHERE token_hash = $1", auth.HashToken(raw)).Scan(&hashed); err != nil {
				t.Fatal(err)
			}
			if plain != 0 || hashed != 1 {
				t.Errorf("%s token: %d rows hold it in the clear, %d under its hash; want 0 and 1", name, plain, hashed)
			}
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM sessions WHERE token_hash = $1", session).Scan(&n); err != nil || n != 0 {
			t.Errorf("the session token is stored in the clear (%d rows, %v)", n, err)
		}
	})
}
