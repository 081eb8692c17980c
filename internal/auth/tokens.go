package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// token is a stored single-use link token (verification, reset, invitation).
type token struct {
	Hash      string
	PersonID  int64
	Email     string
	Data      string
	CreatedBy sql.NullInt64
}

func (s *Service) createToken(ctx context.Context, q db.Q, purpose string, personID int64, email, data string, createdBy int64, ttl time.Duration) (string, error) {
	raw, hash := NewToken()
	now := s.now()
	_, err := q.ExecContext(ctx, `INSERT INTO tokens (token_hash, purpose, person_id, email, data, created_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, hash, purpose, nullID(personID), email, data, nullID(createdBy), now, now.Add(ttl))
	return raw, errs.Wrap(err, "create token")
}

// errBadLink is what every unusable link answers: it does not say whether the
// token never existed, expired or was used.
var errBadLink = errs.New(errs.Invalid, "This link is invalid or has expired. Ask for a new one.")

func (s *Service) findToken(ctx context.Context, q db.Q, raw, purpose string) (token, error) {
	var t token
	var person sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT token_hash, person_id, email, data, created_by FROM tokens
		WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
		HashToken(raw), purpose, s.now()).Scan(&t.Hash, &person, &t.Email, &t.Data, &t.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return t, errBadLink
	}
	t.PersonID = person.Int64
	return t, errs.Wrap(err, "find token")
}

// useToken marks a token used; a second use of the same link then fails.
func (s *Service) useToken(ctx context.Context, q db.Q, hash string) error {
	res, err := q.ExecContext(ctx, "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL", s.now(), hash)
	if err != nil {
		return errs.Wrap(err, "use token")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errBadLink
	}
	return nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// InviteToInstance sends email an invitation to sign up, which works even
// when sign-up is by invitation only. Administrators only.
func (s *Service) InviteToInstance(ctx context.Context, a Actor, email string) error {
	if !a.Admin {
		return errs.Forbiddenf("Only administrators can invite people to the instance.")
	}
	email = NormalizeEmail(email)
	if !ValidEmail(email) {
		return errs.Field("email", "Enter an e-mail address such as name@example.org.")
	}
	if err := s.limits.Take(ctx, ratelimit.Invite, ratelimit.Person(a.PersonID)); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		if err := s.checkUnique(ctx, tx, "", email); err != nil {
			return errs.Field("email", "Someone with this address has an account already.")
		}
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		raw, err := s.CreateInvitation(ctx, tx, email, "", 0, a.PersonID)
		if err != nil {
			return err
		}
		return notify.Queue(ctx, tx, notify.Mail{To: email, Subject: a.Name + " invites you to " + settings.Name,
			Body: fmt.Sprintf("%s invites you to %s, where communities of practice share what they know.\n\nCreate your account here:\n%s/signup?invite=%s\n\nThe link works for 14 days.\n",
				a.Name, settings.Name, s.baseURL, raw)})
	})
}
