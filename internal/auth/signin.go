package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
)

// Sign-in throttling: about six failures a minute per client address and per
// account, counted in the database so that every instance sees them.
const (
	signinFailures = 6
	signinWindow   = time.Minute
)

// errBadCredentials never says whether the account exists.
var errBadCredentials = errs.New(errs.Invalid, "That e-mail address and password do not match an account.")

var errThrottled = errs.New(errs.TooManyRequests, "Too many attempts. Please wait a minute and try again.")

// dummyHash is verified against when no account matches, so that an unknown
// address takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("not a real password, only for timing")
	return h
})

// SignIn checks an e-mail address and password and returns a new session.
func (s *Service) SignIn(ctx context.Context, email, password, clientIP, userAgent string) (Actor, string, error) {
	email = NormalizeEmail(email)
	ipKey, acctKey := "signin-ip:"+clientIP, "signin-acct:"+email
	for _, key := range []string{ipKey, acctKey} {
		n, err := s.recentEvents(ctx, s.db, key, signinWindow)
		if err != nil {
			return Actor{}, "", err
		}
		if n >= signinFailures {
			return Actor{}, "", errThrottled
		}
	}
	var a Actor
	var hash string
	var disabled sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT id, handle, name, is_admin, email_verified_at IS NOT NULL, password_hash, disabled_at
		FROM people WHERE email = $1`, email).Scan(&a.PersonID, &a.Handle, &a.Name, &a.Admin, &a.Verified, &hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		hash = dummyHash()
	} else if err != nil {
		return Actor{}, "", errs.Wrap(err, "find account")
	}
	ok, verr := VerifyPassword(hash, password)
	if verr != nil {
		return Actor{}, "", errs.Wrap(verr, "verify password")
	}
	if !ok || a.PersonID == 0 || disabled.Valid {
		now := s.now()
		err := s.db.WithTx(ctx, func(tx *db.Tx) error {
			for _, key := range []string{ipKey, acctKey} {
				if err := s.recordEvent(ctx, tx, key, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return Actor{}, "", err
		}
		if ok && disabled.Valid {
			return Actor{}, "", errs.New(errs.Forbidden, "This account is disabled. Please contact an administrator.")
		}
		return Actor{}, "", errBadCredentials
	}
	session, err := s.createSession(ctx, s.db, a.PersonID, userAgent)
	return a, session, err
}

func (s *Service) recentEvents(ctx context.Context, q db.Q, key string, window time.Duration) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM throttle_events WHERE key = $1 AND attempted_at > $2", key, s.now().Add(-window)).Scan(&n)
	return n, errs.Wrap(err, "count attempts")
}

func (s *Service) recordEvent(ctx context.Context, q db.Q, key string, now time.Time) error {
	if _, err := q.ExecContext(ctx, "INSERT INTO throttle_events (key, attempted_at) VALUES ($1, $2)", key, now); err != nil {
		return errs.Wrap(err, "record attempt")
	}
	// Old events are useless; pruning here keeps the table small without a job.
	_, err := q.ExecContext(ctx, "DELETE FROM throttle_events WHERE attempted_at < $1", now.Add(-24*time.Hour))
	return errs.Wrap(err, "prune attempts")
}

// throttle records one event under key and refuses with msg when more than
// limit happened within window.
func (s *Service) throttle(ctx context.Context, q db.Q, key string, limit int, window time.Duration, msg string) error {
	n, err := s.recentEvents(ctx, q, key, window)
	if err != nil {
		return err
	}
	if n >= limit {
		return errs.New(errs.TooManyRequests, "%s", msg)
	}
	return s.recordEvent(ctx, q, key, s.now())
}

// RequestReset sends a password-reset link when an account has this address.
// It answers the same whether or not one does.
func (s *Service) RequestReset(ctx context.Context, email, clientIP string) error {
	email = NormalizeEmail(email)
	if !ValidEmail(email) {
		return errs.Field("email", "Enter an e-mail address such as name@example.org.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		if err := s.throttle(ctx, tx, "reset-ip:"+clientIP, 10, 15*time.Minute, "Too many reset requests. Please try again later."); err != nil {
			return err
		}
		if err := s.throttle(ctx, tx, "reset:"+email, 3, 15*time.Minute, "Too many reset requests. Please try again later."); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM people WHERE email = $1 AND disabled_at IS NULL", email).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return errs.Wrap(err, "find account")
		}
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		raw, err := s.createToken(ctx, tx, purposeReset, id, email, "", 0, resetTTL)
		if err != nil {
			return err
		}
		return notify.Queue(ctx, tx, notify.Mail{To: email, Subject: "Reset your " + settings.Name + " password",
			Body: fmt.Sprintf("Someone (we hope you) asked to reset the password of your %s account.\n\nChoose a new password here:\n\n%s/reset/confirm?token=%s\n\nThe link works for one hour, once. If you did not ask, ignore this message: your password stays as it is.\n",
				settings.Name, s.baseURL, raw)})
	})
}

// CheckResetToken reports whether a reset link is still usable.
func (s *Service) CheckResetToken(ctx context.Context, raw string) error {
	_, err := s.findToken(ctx, s.db, raw, purposeReset)
	return err
}

// ResetPassword sets a new password through a reset link, ends every session
// of the account (whoever had the old password is out) and verifies the
// address, since the link reached it.
func (s *Service) ResetPassword(ctx context.Context, raw, password string) error {
	defer s.sessions.forgetAll() // the person's sessions, or what they show, change
	if msg := CheckPassword(password); msg != "" {
		return errs.Field("password", msg)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return errs.Wrap(err, "hash password")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		t, err := s.findToken(ctx, tx, raw, purposeReset)
		if err != nil {
			return err
		}
		if err := s.useToken(ctx, tx, t.Hash); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE people SET password_hash = $1,
			email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $3`, hash, now, t.PersonID); err != nil {
			return errs.Wrap(err, "set password")
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sessions WHERE person_id = $1", t.PersonID)
		return errs.Wrap(err, "end sessions")
	})
}

// checkCurrentPassword verifies the actor's current password, for changes
// that a stolen session alone must not be able to make.
func (s *Service) checkCurrentPassword(ctx context.Context, q db.Q, a Actor, current string) error {
	var hash string
	if err := q.QueryRowContext(ctx, "SELECT password_hash FROM people WHERE id = $1", a.PersonID).Scan(&hash); err != nil {
		return scanErr(err, "account")
	}
	ok, err := VerifyPassword(hash, current)
	if err != nil {
		return errs.Wrap(err, "verify password")
	}
	if !ok {
		return errs.Field("current_password", "That is not your current password.")
	}
	return nil
}

// checkCurrentPasswordThrottled checks the current password outside any
// transaction and records each wrong guess on its own, so that the refusal
// (which rolls back the change) does not roll back the count: about six wrong
// guesses a minute, as for sign-in.
func (s *Service) checkCurrentPasswordThrottled(ctx context.Context, a Actor, current string) error {
	key := fmt.Sprintf("password:%d", a.PersonID)
	n, err := s.recentEvents(ctx, s.db, key, signinWindow)
	if err != nil {
		return err
	}
	if n >= signinFailures {
		return errThrottled
	}
	err = s.checkCurrentPassword(ctx, s.db, a, current)
	if errs.Is(err, errs.Invalid) {
		if rerr := s.recordEvent(ctx, s.db, key, s.now()); rerr != nil {
			return rerr
		}
	}
	return err
}

// ChangePassword sets a new password after checking the current one, and ends
// the person's other sessions.
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
	var session string
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		hash, err := HashPassword(next)
		if err != nil {
			return errs.Wrap(err, "hash password")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE people SET password_hash = $1 WHERE id = $2", hash, a.PersonID); err != nil {
			return errs.Wrap(err, "set password")
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
		if err := s.checkUnique(ctx, tx, a.PersonID, "", newEmail); err != nil {
			return err
		}
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
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
