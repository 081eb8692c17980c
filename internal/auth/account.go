package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// checkCurrentPassword verifies the actor's current password, for changes
// that a stolen session alone must not be able to make.
func (s *Service) checkCurrentPassword(ctx context.Context, q db.Q, a Actor, current string) error {
	var hash string
	if err := q.QueryRowContext(ctx, "SELECT password_hash FROM people WHERE id = $1", a.PersonID).Scan(&hash); err != nil {
		return scanErr(err, "account")
	}
	ok, err := s.verify(ctx, hash, current)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Field("current_password", "That is not your current password.")
	}
	return nil
}

// checkCurrentPasswordThrottled checks the current password outside any
// transaction, limited per person (ratelimit.Password) the way sign-in is:
// each guess is counted before it is checked, and a right one is given back.
func (s *Service) checkCurrentPasswordThrottled(ctx context.Context, a Actor, current string) error {
	key := ratelimit.Person(a.PersonID)
	if err := s.limits.Take(ctx, ratelimit.Password, key); err != nil {
		return err
	}
	err := s.checkCurrentPassword(ctx, s.db, a, current)
	if !errs.Is(err, errs.Invalid) {
		s.refund(ctx, ratelimit.Password, key)
	}
	return err
}

// ChangePassword sets a new password after checking the current one, and ends
// the person's other sessions and every reset link sent to them.
func (s *Service) ChangePassword(ctx context.Context, a Actor, current, next, userAgent string) (string, error) {
	defer s.sessions.forgetAll() // the person's sessions, or what they show, change
	if !a.SignedIn() {
		return "", errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	if msg := CheckPassword(next); msg != "" {
		return "", errs.Field("new_password", msg)
	}
	if err := s.checkCurrentPasswordThrottled(ctx, a, current); err != nil {
		return "", err
	}
	hash, err := s.hash(ctx, next)
	if err != nil {
		return "", err
	}
	var session string
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE people SET password_hash = $1 WHERE id = $2", hash, a.PersonID); err != nil {
			return errs.Wrap(err, "set password")
		}
		if err := s.endResetLinks(ctx, tx, a.PersonID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE person_id = $1", a.PersonID); err != nil {
			return errs.Wrap(err, "end sessions")
		}
		session, err = s.createSession(ctx, tx, a.PersonID, userAgent)
		return err
	})
	return session, err
}

// RequestEmailChange checks the current password and sends a confirmation
// link to the new address; the address changes when that link is opened.
// An address another account uses is not said to be taken (that would tell
// anyone with an account who else has one): its owner is told of the
// attempt instead, and the answer is the same as for a free address.
func (s *Service) RequestEmailChange(ctx context.Context, a Actor, current, newEmail string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	newEmail = NormalizeEmail(newEmail)
	if !ValidEmail(newEmail) {
		return errs.Field("email", "Enter an e-mail address such as name@example.org.")
	}
	if err := s.checkCurrentPasswordThrottled(ctx, a, current); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		owner, err := emailOwner(ctx, tx, newEmail)
		if err != nil {
			return err
		}
		if owner == a.PersonID {
			return errs.Field("email", "This is your address already.")
		}
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		if owner != 0 {
			return notify.Queue(ctx, tx, notify.Mail{To: newEmail, Subject: "Someone tried to move an account of " + settings.Name + " to your address",
				Body: fmt.Sprintf("Someone (perhaps you) asked to use this e-mail address for an account on %s, but this address has an account already, so nothing changed.\n\nIf you meant to use your own account, sign in here:\n\n%s/signin\n\nIf you forgot its password, choose a new one here:\n\n%s/reset\n\nIf it was not you, ignore this message.\n",
					settings.Name, s.baseURL, s.baseURL)})
		}
		raw, err := s.createToken(ctx, tx, purposeEmailChange, a.PersonID, newEmail, "", 0, verifyTTL)
		if err != nil {
			return err
		}
		return notify.Queue(ctx, tx, notify.Mail{To: newEmail, Subject: "Confirm your new e-mail address for " + settings.Name,
			Body: fmt.Sprintf("You asked to use this address for your %s account.\n\nConfirm it by opening this link:\n\n%s/account/email/confirm?token=%s\n\nUntil you do, your old address stays in use.\n",
				settings.Name, s.baseURL, raw)})
	})
}

// ConfirmEmailChange switches an account to the address a link was sent to.
func (s *Service) ConfirmEmailChange(ctx context.Context, raw string) error {
	defer s.sessions.forgetAll() // the person's sessions, or what they show, change
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		t, err := s.findToken(ctx, tx, raw, purposeEmailChange)
		if err != nil {
			return err
		}
		if err := s.useToken(ctx, tx, t.Hash); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE people SET email = $1, email_verified_at = $2 WHERE id = $3", t.Email, s.now(), t.PersonID)
		if db.IsUniqueViolation(err) {
			return errs.Conflictf("Another account uses this address now.")
		}
		return errs.Wrap(err, "change email")
	})
}

// Email returns the actor's current e-mail address.
func (s *Service) Email(ctx context.Context, a Actor) (string, error) {
	var email string
	err := s.db.QueryRowContext(ctx, "SELECT email FROM people WHERE id = $1", a.PersonID).Scan(&email)
	return email, scanErr(err, "account")
}

// SetDisabled disables or re-enables an account; only administrators may, and
// not their own. Disabling ends every session of the person at once.
func (s *Service) SetDisabled(ctx context.Context, a Actor, handle string, disabled bool) error {
	defer s.sessions.forgetAll() // the person's sessions, or what they show, change
	if !a.Admin {
		return errs.Forbiddenf("Only administrators can disable accounts.")
	}
	handle = strings.ToLower(strings.TrimSpace(handle))
	if handle == a.Handle {
		return errs.Forbiddenf("You cannot disable your own account.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM people WHERE handle = $1", handle).Scan(&id); err != nil {
			return scanErr(err, "person")
		}
		var at *time.Time
		if disabled {
			now := s.now()
			at = &now
		}
		if _, err := tx.ExecContext(ctx, "UPDATE people SET disabled_at = $1 WHERE id = $2", at, id); err != nil {
			return errs.Wrap(err, "disable")
		}
		if disabled {
			if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE person_id = $1", id); err != nil {
				return errs.Wrap(err, "end sessions")
			}
		}
		return nil
	})
}
