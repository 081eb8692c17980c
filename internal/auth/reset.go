package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// RequestReset sends a password-reset link when an account has this address.
// It answers the same whether or not one does. Requests are limited per
// client address and per e-mail address (ratelimit.Reset).
func (s *Service) RequestReset(ctx context.Context, email, clientIP string) error {
	email = NormalizeEmail(email)
	if !ValidEmail(email) {
		return errs.Field("email", "Enter an e-mail address such as name@example.org.")
	}
	for _, key := range []string{ratelimit.Address(clientIP), "e:" + email} {
		if err := s.limits.Take(ctx, ratelimit.Reset, key); err != nil {
			return err
		}
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
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
// of the account and every other reset link sent to it (whoever had the old
// password, or an older link, is out), and verifies the address, since the
// link reached it.
func (s *Service) ResetPassword(ctx context.Context, raw, password string) error {
	defer s.sessions.forgetAll() // the person's sessions, or what they show, change
	if msg := CheckPassword(password); msg != "" {
		return errs.Field("password", msg)
	}
	// A link that does not work costs no hash.
	if err := s.CheckResetToken(ctx, raw); err != nil {
		return err
	}
	hash, err := s.hash(ctx, password)
	if err != nil {
		return err
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
		if err := s.endResetLinks(ctx, tx, t.PersonID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sessions WHERE person_id = $1", t.PersonID)
		return errs.Wrap(err, "end sessions")
	})
}

// endResetLinks makes every reset link of the person unusable: a new password
// is chosen, and a link sent before must not choose another.
func (s *Service) endResetLinks(ctx context.Context, q db.Q, personID int64) error {
	_, err := q.ExecContext(ctx, "UPDATE tokens SET used_at = $1 WHERE person_id = $2 AND purpose = $3 AND used_at IS NULL",
		s.now(), personID, purposeReset)
	return errs.Wrap(err, "end reset links")
}
