package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// touchEvery is how stale last_seen_at may get before a request refreshes it:
// refreshing on every request would make every page view a write.
const touchEvery = 5 * time.Minute

func (s *Service) createSession(ctx context.Context, q db.Q, personID int64, userAgent string) (string, error) {
	raw, hash := NewToken()
	now := s.now()
	if len(userAgent) > 255 {
		userAgent = userAgent[:255]
	}
	_, err := q.ExecContext(ctx, `INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, expires_at, user_agent)
		VALUES ($1, $2, $3, $3, $4, $5)`, hash, personID, now, now.Add(s.sessionLifetime), userAgent)
	return raw, errs.Wrap(err, "create session")
}

// Session returns the actor of a session cookie's token. An unknown, expired
// or idle session, or one of a disabled person, is a visitor (the zero Actor)
// with no error.
func (s *Service) Session(ctx context.Context, raw string) (Actor, error) {
	if raw == "" {
		return Actor{}, nil
	}
	hash := HashToken(raw)
	now := s.now()
	if cs, ok := s.sessions.get(hash); ok && now.Sub(cs.read) < sessionCacheTTL && now.After(cs.read.Add(-time.Second)) &&
		now.Before(cs.expires) && now.Before(cs.lastSeen.Add(s.sessionIdle)) {
		return cs.actor, nil
	}
	var a Actor
	var lastSeen, expires time.Time
	err := s.db.QueryRowContext(ctx, `SELECT p.id, p.handle, p.name, p.is_admin, p.is_sponsor, p.email_verified_at IS NOT NULL, p.time_zone, s.last_seen_at, s.expires_at
		FROM sessions s JOIN people p ON p.id = s.person_id
		WHERE s.token_hash = $1 AND p.disabled_at IS NULL`, hash).
		Scan(&a.PersonID, &a.Handle, &a.Name, &a.Admin, &a.Sponsor, &a.Verified, &a.TimeZone, &lastSeen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		s.sessions.forget(hash)
		return Actor{}, nil
	}
	if err != nil {
		return Actor{}, errs.Wrap(err, "read session")
	}
	if !now.Before(expires) || !now.Before(lastSeen.Add(s.sessionIdle)) {
		s.sessions.forget(hash)
		if _, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", hash); err != nil {
			s.log.Warn("delete expired session", "err", err)
		}
		return Actor{}, nil
	}
	if now.Sub(lastSeen) > touchEvery {
		if _, err := s.db.ExecContext(ctx, "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", now, hash); err != nil {
			s.log.Warn("touch session", "err", err)
		} else {
			lastSeen = now
		}
	}
	s.sessions.put(hash, cachedSession{actor: a, lastSeen: lastSeen, expires: expires, read: now})
	return a, nil
}

// SignOut ends the session with this token.
func (s *Service) SignOut(ctx context.Context, raw string) error {
	s.sessions.forget(HashToken(raw))
	_, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", HashToken(raw))
	return errs.Wrap(err, "sign out")
}

// SignOutEverywhere ends every session of the actor, on every device, and
// returns a fresh session for the device that asked.
func (s *Service) SignOutEverywhere(ctx context.Context, a Actor, userAgent string) (string, error) {
	if !a.SignedIn() {
		return "", errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	var session string
	defer s.sessions.forgetAll()
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE person_id = $1", a.PersonID); err != nil {
			return errs.Wrap(err, "end sessions")
		}
		var err error
		session, err = s.createSession(ctx, tx, a.PersonID, userAgent)
		return err
	})
	return session, err
}

// SessionCount returns how many devices the actor is signed in on.
func (s *Service) SessionCount(ctx context.Context, a Actor) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sessions WHERE person_id = $1 AND expires_at > $2", a.PersonID, s.now()).Scan(&n)
	return n, errs.Wrap(err, "count sessions")
}
