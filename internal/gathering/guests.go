package gathering

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// Guests are visitors who come to a public community's gathering without
// an account, when its stewards or hosts open it to them (issue 11, point
// 1). A guest's place counts only once they confirm it from the link mailed
// to them, so an address that is not theirs fills nothing; the same link
// gives the place back. There is no waitlist for guests: when every place
// is taken, they are told so, and members keep the waitlist.
const (
	GuestPending   = "pending"
	GuestGoing     = "going"
	GuestCancelled = "cancelled"
	MaxGuestName   = 100
)

// Guest is a guest's place at one date of a gathering, as its link shows it.
type Guest struct {
	Name, Email string
	Status      string
	Gathering   View
	Occurrence  Occurrence
}

// Over reports whether the date has ended (answers closed).
func (g Guest) Over(now time.Time) bool { return !g.Occurrence.End.After(now) }

// CanOpenToGuests reports whether the actor may open the gathering to
// visitors: those who manage it, in a public community.
func (v View) CanOpenToGuests() bool {
	return v.CanManage() && v.Community.Visibility == community.Public
}

// TakesGuests reports whether a visitor may sign up for the gathering.
func (v View) TakesGuests() bool {
	return v.GuestsOpen && !v.Cancelled && v.Community.Visibility == community.Public && v.Community.Status == community.Active
}

// SetLinks gives the service the instance's base URL, for the links it
// mails to guests.
func (s *Service) SetLinks(baseURL string) { s.baseURL = strings.TrimRight(baseURL, "/") }

// SetGuestsOpen opens gathering id to visitors' sign-ups, or closes it
// (guests who have a place keep it).
func (s *Service) SetGuestsOpen(ctx context.Context, a auth.Actor, slug string, id int64, open bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, err := s.readTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		switch {
		case !v.CanManage():
			return errs.Forbiddenf("Only the community's stewards and the gathering's hosts may open it to visitors.")
		case open && !v.CanOpenToGuests():
			return errs.Conflictf("Only a public community's gatherings can be opened to visitors.")
		}
		_, err = tx.ExecContext(ctx, "UPDATE gatherings SET guests_open = $1 WHERE id = $2", open, v.ID)
		return errs.Wrap(err, "open to guests")
	})
}

// SignUpGuest takes a visitor's name and e-mail address for date occ of
// gathering id and mails them the link that confirms their place. Asking
// again mails a new link (the old one stops working). client is the
// visitor's address, for the rate limit on sign-ups.
func (s *Service) SignUpGuest(ctx context.Context, a auth.Actor, slug string, id, occ int64, name, email, client string) error {
	name, email = strings.Join(strings.Fields(name), " "), auth.NormalizeEmail(email)
	var v errs.Validation
	v.Check(name != "", "name", "Give your name, so that the hosts know who is coming.")
	v.Check(utf8.RuneCountInString(name) <= MaxGuestName, "name", fmt.Sprintf("Keep your name to %d characters.", MaxGuestName))
	v.Check(auth.ValidEmail(email), "email", "Give an e-mail address such as name@example.org: the link to confirm your place is sent there.")
	if err := v.Err(); err != nil {
		return err
	}
	if a.SignedIn() {
		return errs.Conflictf("You are signed in: answer as a member of the community instead.")
	}
	for _, key := range []string{ratelimit.Address(client), "e:" + email} {
		if err := s.limits.Take(ctx, ratelimit.SignUp, key); err != nil {
			return err
		}
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		g, err := s.readTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		if !g.TakesGuests() {
			return errs.Forbiddenf("This gathering is open to members only: sign in and join the community to come.")
		}
		o, err := s.occurrence(ctx, tx, id, occ, false)
		if err != nil {
			return err
		}
		if err := guestsWelcome(o, s.now()); err != nil {
			return err
		}
		raw, hash := auth.NewToken()
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_guests (occurrence_id, name, email, token_hash, status, created_at)
			VALUES ($1, $2, $3, $4, 'pending', $5)
			ON CONFLICT (occurrence_id, email) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash,
				status = CASE WHEN gathering_guests.status = 'cancelled' THEN 'pending' ELSE gathering_guests.status END`,
			occ, name, email, hash, s.now()); err != nil {
			return errs.Wrap(err, "sign up guest")
		}
		w := o.When(g.Gathering, "")
		return notify.Queue(ctx, tx, notify.Mail{To: email, Subject: "Confirm your place: " + o.Title,
			Body: fmt.Sprintf("Hello %s,\n\nYou asked for a place at %s, a gathering of %s:\n%s (%s)%s\n\n"+
				"Your place counts once you confirm it here:\n%s\n\nThe same link lets you give your place back if you cannot come.\n"+
				"If you did not ask for this, ignore this message: nothing is booked.\n",
				name, o.Title, g.Community.Name, w.Local(), g.Zone, wherePlain(o), s.baseURL+GuestURL(raw))})
	})
}

// guestsWelcome says why date o takes no guest, or nil.
func guestsWelcome(o Occurrence, now time.Time) error {
	switch {
	case o.Cancelled:
		return errs.Conflictf("This date is cancelled.")
	case !o.End.After(now):
		return errs.Conflictf("This gathering is over.")
	}
	return nil
}

// wherePlain is the place and link of a date, for a plain-text message.
func wherePlain(o Occurrence) string {
	out := ""
	if o.Place != "" {
		out += "\nWhere: " + o.Place
	}
	if o.OnlineURL != "" {
		out += "\nOnline: " + o.OnlineURL
	}
	return out
}

// GuestURL is the address of a guest's place, behind their token.
func GuestURL(token string) string { return "/guest/" + token }

// GuestPlace returns the place behind a guest's token: NotFound for a token
// that names none (or no longer does, after a new link was sent).
func (s *Service) GuestPlace(ctx context.Context, token string) (Guest, error) {
	var out Guest
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		out, err = s.guestPlace(ctx, tx, token, false)
		return err
	})
	return out, err
}

func (s *Service) guestPlace(ctx context.Context, q *db.Tx, token string, lock bool) (Guest, error) {
	var gid, occ int64
	var slug string
	var out Guest
	err := q.QueryRowContext(ctx, `SELECT gg.name, gg.email, gg.status, o.gathering_id, o.id, c.slug FROM gathering_guests gg
		JOIN gathering_occurrences o ON o.id = gg.occurrence_id JOIN communities c ON c.id = o.community_id
		WHERE gg.token_hash = $1`, auth.HashToken(token)).Scan(&out.Name, &out.Email, &out.Status, &gid, &occ, &slug)
	if errors.Is(err, sql.ErrNoRows) {
		return Guest{}, errs.NotFoundf("This link names no place: it may be an older link, replaced by a newer one sent to the same address.")
	}
	if err != nil {
		return Guest{}, errs.Wrap(err, "read guest")
	}
	c, err := s.communities.ViewTx(ctx, q, auth.Actor{}, slug)
	if err != nil {
		return Guest{}, err
	}
	if err := mayRead(c); err != nil {
		return Guest{}, err // the community is no longer public
	}
	if out.Gathering, err = s.load(ctx, q, c, gid, false); err != nil {
		return Guest{}, err
	}
	if out.Occurrence, err = s.occurrence(ctx, q, gid, occ, lock); err != nil || !lock {
		return out, err
	}
	// Every change of a guest's status happens under the date's lock: read
	// it again now that this transaction holds it, as a concurrent request
	// with the same link may have changed it meanwhile.
	err = q.QueryRowContext(ctx, "SELECT status FROM gathering_guests WHERE token_hash = $1", auth.HashToken(token)).Scan(&out.Status)
	return out, errs.Wrap(err, "read guest")
}

// ConfirmGuest gives the guest behind token their place, if one is free:
// the date's row is locked, so that concurrent confirmations never give
// more places than there are. Confirming again changes nothing.
func (s *Service) ConfirmGuest(ctx context.Context, token string) (Guest, error) {
	var out Guest
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		g, err := s.guestPlace(ctx, tx, token, true)
		if err != nil {
			return err
		}
		out = g
		if g.Status == GuestGoing {
			return nil
		}
		if !g.Gathering.TakesGuests() {
			return errs.Conflictf("This gathering no longer takes visitors' sign-ups.")
		}
		if err := guestsWelcome(g.Occurrence, s.now()); err != nil {
			return err
		}
		if c := g.Gathering.Capacity; c > 0 && g.Occurrence.Going >= c {
			return errs.Conflictf("Sorry: every place is taken.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_guests SET status = 'going', confirmed_at = $2 WHERE token_hash = $1`,
			auth.HashToken(token), s.now()); err != nil {
			return errs.Wrap(err, "confirm guest")
		}
		out.Status = GuestGoing
		out.Occurrence.Going++
		if err := s.scheduleReminders(ctx, tx, g.Occurrence.ID, g.Occurrence.Start); err != nil { // the guest's, the day before
			return err
		}
		return count(ctx, tx, g.Occurrence.ID, 1, 0)
	})
	return out, err
}

// CancelGuest gives the guest's place back; the first member waiting is
// promoted to it.
func (s *Service) CancelGuest(ctx context.Context, token string) (Guest, error) {
	var out Guest
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		g, err := s.guestPlace(ctx, tx, token, true)
		if err != nil {
			return err
		}
		out = g
		if g.Status == GuestCancelled {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_guests SET status = 'cancelled' WHERE token_hash = $1`, auth.HashToken(token)); err != nil {
			return errs.Wrap(err, "cancel guest")
		}
		out.Status = GuestCancelled
		if g.Status != GuestGoing {
			return nil
		}
		if err := count(ctx, tx, g.Occurrence.ID, -1, 0); err != nil {
			return err
		}
		g.Occurrence.Going--
		out.Occurrence.Going--
		return s.promote(ctx, tx, auth.Actor{}, g.Gathering, g.Occurrence)
	})
	return out, err
}

// GuestsGoing lists the guests with a place at date occ of gathering v, by
// name, for those who manage it (nil for anyone else): at most limit.
func (s *Service) GuestsGoing(ctx context.Context, v View, occ int64, limit int) ([]string, error) {
	if !v.CanManage() {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM gathering_guests WHERE occurrence_id = $1 AND status = 'going'
		ORDER BY name, id LIMIT $2`, occ, limit)
	if err != nil {
		return nil, errs.Wrap(err, "list guests")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, errs.Wrap(err, "list guests")
		}
		out = append(out, n)
	}
	return out, errs.Wrap(rows.Err(), "list guests")
}
