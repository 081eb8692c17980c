package gathering_test

import (
	"fmt"
	"regexp"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// guestToken is the token of the newest link mailed to address.
func guestToken(t *testing.T, w *world, address string) string {
	t.Helper()
	var body string
	if err := w.db.QueryRowContext(w.ctx, `SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1`, address).Scan(&body); err != nil {
		t.Fatalf("no mail to %s: %v", address, err)
	}
	m := regexp.MustCompile(`/guest/([A-Za-z0-9_-]+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link in the mail to %s:\n%s", address, body)
	}
	return m[1]
}

// 30 guests confirm at once for the 10 places a gathering has: exactly 10
// get one, the others are told every place is taken, and the date's count
// agrees with the rows; confirming twice at once counts once.
func TestConcurrentGuestConfirmationsNeverExceedCapacity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		in := w.input(10)
		in.Capacity = "10"
		g := w.schedule(t, "bread", in)
		occ := w.occurrences(t, g)[0]
		if err := w.svc.SetGuestsOpen(w.ctx, w.actors["steward"], "bread", g.ID, true); err != nil {
			t.Fatal(err)
		}
		tokens := make([]string, 30)
		for i := range tokens {
			addr := fmt.Sprintf("guest%d@example.org", i)
			if err := w.svc.SignUpGuest(w.ctx, auth.Actor{}, "bread", g.ID, occ.ID, fmt.Sprintf("Guest %d", i), addr, "127.0.0.1"); err != nil {
				t.Fatal(err)
			}
			tokens[i] = guestToken(t, w, addr)
		}
		tokens = append(tokens, tokens[0]) // the first confirms twice at once
		results := dbtest.Together(len(tokens), func(i int) error {
			_, err := w.svc.ConfirmGuest(w.ctx, tokens[i])
			return err
		})
		full := 0
		for i, err := range results {
			switch {
			case err == nil:
			case errs.Is(err, errs.Conflict):
				full++
			default:
				t.Fatalf("confirm %d: %v", i, err)
			}
		}
		going := w.count(t, `SELECT COUNT(*) FROM gathering_guests WHERE occurrence_id = $1 AND status = 'going'`, occ.ID)
		if going != 10 || full < 20 {
			t.Fatalf("%d guests going, %d refused; want 10 going and 20 or 21 refused", going, full)
		}
		if o := w.occurrences(t, g)[0]; o.Going != 10 {
			t.Errorf("the date counts %d going, want 10", o.Going)
		}
	})
}

// Who may open a gathering to visitors, and who may sign up: those who
// manage it, in a public community; visitors only, while it is open; a
// private community's gathering never.
func TestWhoMayOpenToGuests(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "pub", community.Public)
		w.community(t, "priv", community.Private)
		in := w.input(3)
		in.Hosts = "host"
		pub := w.schedule(t, "pub", in)
		priv := w.schedule(t, "priv", w.input(3))
		for who, want := range map[string]errs.Kind{"member": errs.Forbidden, "outsider": errs.Forbidden, "visitor": errs.Forbidden} {
			if err := w.svc.SetGuestsOpen(w.ctx, w.actors[who], "pub", pub.ID, true); !errs.Is(err, want) {
				t.Errorf("%s opening: %v, want %s", who, err, want)
			}
		}
		if err := w.svc.SetGuestsOpen(w.ctx, w.actors["steward"], "priv", priv.ID, true); !errs.Is(err, errs.Conflict) {
			t.Errorf("opening a private community's gathering: %v", err)
		}
		if err := w.svc.SetGuestsOpen(w.ctx, w.actors["visitor"], "priv", priv.ID, true); !errs.Is(err, errs.NotFound) {
			t.Errorf("a visitor opening a private gathering: %v, want not found", err)
		}
		occ := w.occurrences(t, pub)[0]
		if err := w.svc.SignUpGuest(w.ctx, auth.Actor{}, "pub", pub.ID, occ.ID, "Vi", "vi@example.org", "127.0.0.2"); !errs.Is(err, errs.Forbidden) {
			t.Errorf("signing up while closed: %v", err)
		}
		if err := w.svc.SetGuestsOpen(w.ctx, w.actors["host"], "pub", pub.ID, true); err != nil {
			t.Fatalf("a host opening: %v", err)
		}
		if err := w.svc.SignUpGuest(w.ctx, w.actors["member"], "pub", pub.ID, occ.ID, "Me", "me@example.org", "127.0.0.2"); !errs.Is(err, errs.Conflict) {
			t.Errorf("a signed-in person signing up as a guest: %v", err)
		}
		err := w.svc.SignUpGuest(w.ctx, auth.Actor{}, "pub", pub.ID, occ.ID, "", "not an address", "127.0.0.2")
		if f := errs.FieldsOf(err); f["name"] == "" || f["email"] == "" {
			t.Errorf("bad sign-up: %v", err)
		}
		if n := w.count(t, `SELECT COUNT(*) FROM gathering_guests`); n != 0 {
			t.Errorf("%d guests after refusals", n)
		}
		if _, err := w.svc.ConfirmGuest(w.ctx, "no-such-token"); !errs.Is(err, errs.NotFound) {
			t.Errorf("an unknown token: %v", err)
		}
	})
}
