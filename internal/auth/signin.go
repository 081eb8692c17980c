package auth

import (
	"context"
	"database/sql"
	"errors"
	"sync"

	"hearth/internal/errs"
	"hearth/internal/ratelimit"
)

// errBadCredentials never says whether the account exists, is disabled or
// has not confirmed its address.
var errBadCredentials = errs.New(errs.Invalid, "That e-mail address and password do not match an account.")

// dummyHash is verified against when no account matches, so that an unknown
// address takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("not a real password, only for timing")
	return h
})

// SignIn checks an e-mail address and password and returns a new session.
//
// Sign-in is limited per client address and per account (ratelimit.SignIn,
// shared by instances). Each attempt is counted before its password is
// checked, in the one statement that also reads the count, so simultaneous
// guesses cannot all slip under the limit; a successful sign-in gives its
// attempt back, so the limit counts failures.
func (s *Service) SignIn(ctx context.Context, email, password, clientIP, userAgent string) (Actor, string, error) {
	email = NormalizeEmail(email)
	keys := []string{ratelimit.Address(clientIP), "e:" + email}
	for _, key := range keys { // the address first: an address refused counts nothing against the account
		if err := s.limits.Take(ctx, ratelimit.SignIn, key); err != nil {
			return Actor{}, "", err
		}
	}
	a, err := s.checkSignIn(ctx, email, password)
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			s.refund(ctx, ratelimit.SignIn, keys...) // no password was judged
		}
		return Actor{}, "", err
	}
	s.refund(ctx, ratelimit.SignIn, keys...)
	session, err := s.createSession(ctx, s.db, a.PersonID, userAgent)
	return a, session, err
}

// checkSignIn returns the account email and password open, or
// errBadCredentials: for an unknown address, a wrong password, a disabled
// account and an address not confirmed yet alike (sign-up does not tell who
// has an account, so neither may this).
func (s *Service) checkSignIn(ctx context.Context, email, password string) (Actor, error) {
	var a Actor
	var hash string
	var disabled sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT id, handle, name, is_admin, is_sponsor, email_verified_at IS NOT NULL, password_hash, disabled_at
		FROM people WHERE email = $1`, email).Scan(&a.PersonID, &a.Handle, &a.Name, &a.Admin, &a.Sponsor, &a.Verified, &hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		hash = dummyHash()
	} else if err != nil {
		return Actor{}, errs.Wrap(err, "find account")
	}
	ok, err := s.verify(ctx, hash, password)
	if err != nil {
		return Actor{}, err
	}
	if !ok || a.PersonID == 0 || disabled.Valid || !a.Verified {
		return Actor{}, errBadCredentials
	}
	return a, nil
}

// refund gives back an attempt of act under each key; a failure only leaves
// the attempt counted.
func (s *Service) refund(ctx context.Context, act ratelimit.Action, keys ...string) {
	for _, key := range keys {
		if err := s.limits.Refund(ctx, act, key); err != nil {
			s.log.Warn("rate limit refund", "action", act, "err", err)
		}
	}
}
