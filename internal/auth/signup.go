package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// SignUp creates an account. Without an invitation, it answers the same
// whether or not the e-mail address has an account already, so that sign-up
// does not tell who has one: a new address gets the link that confirms it
// (the account signs in once confirmed), a known address gets a note that
// someone tried to sign up with it. Either way there is no session, and the
// Actor is the new account's (zero for a known address). An invitation
// proves the address: the account is confirmed and signed in at once. On an
// invitation-only instance a valid invitation for the same address is needed.
func (s *Service) SignUp(ctx context.Context, n NewAccount, userAgent string) (Actor, string, error) {
	n.normalize()
	v := n.validate()
	if err := s.limits.Take(ctx, ratelimit.SignUp, ratelimit.Address(n.Client)); err != nil {
		return Actor{}, "", err
	}
	if !v.Has("email") {
		if err := s.limits.Take(ctx, ratelimit.SignUp, "e:"+n.Email); err != nil {
			return Actor{}, "", err
		}
	}
	var hash string
	if v.Err() == nil {
		// Hashed outside the transaction (it holds SQLite's one writer), and for
		// a known address too, so that both take as long.
		var err error
		if hash, err = s.hash(ctx, n.Password); err != nil {
			return Actor{}, "", err
		}
	}
	var session string
	var actor Actor
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		if !settings.SetupDone {
			return errs.New(errs.Conflict, "This instance is not set up yet.")
		}
		var invite *token
		if n.Invite != "" {
			t, err := s.findToken(ctx, tx, n.Invite, purposeInvite)
			if err != nil {
				return errs.Field("email", "This invitation is no longer valid. Ask for a new one.")
			}
			if t.Email != n.Email {
				v.Add("email", "Use the address the invitation was sent to: "+t.Email+".")
			}
			invite = &t
		} else if settings.Signup == instance.SignupInvite {
			return errs.New(errs.Forbidden, "Sign-up here is by invitation only. Ask an administrator or a community steward to invite you.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		if invite != nil {
			// The invitation's holder owns the address: telling them it has an account tells nobody else.
			if err := s.checkUnique(ctx, tx, n.Handle, n.Email); err != nil {
				return err
			}
		} else {
			// Handles are public, so a taken one may be said; an e-mail address may not.
			if err := s.checkUnique(ctx, tx, n.Handle, ""); err != nil {
				return err
			}
			known, err := emailTaken(ctx, tx, n.Email)
			if err != nil || known {
				if err == nil {
					err = s.mailSignupAttempt(ctx, tx, n.Email, settings.Name)
				}
				return err
			}
		}
		now := s.now()
		var verifiedAt *time.Time
		if invite != nil {
			verifiedAt = &now
			if err := s.useToken(ctx, tx, invite.Hash); err != nil {
				return err
			}
		}
		id, err := insertPerson(ctx, tx, n, hash, false, verifiedAt, now)
		if err != nil {
			return err
		}
		actor = Actor{PersonID: id, Handle: n.Handle, Name: n.Name, Verified: verifiedAt != nil}
		if invite == nil {
			return s.sendVerification(ctx, tx, id, n.Email, settings.Name, n.Next)
		}
		if communityID, _ := parseInvitationData(invite.Data); communityID != 0 {
			// A steward's invitation to a community: signing up through it is
			// accepting it, so the person is a member at once (no second step).
			if err := joinInvited(ctx, tx, communityID, actor, invite.CreatedBy, now); err != nil {
				return err
			}
		}
		session, err = s.createSession(ctx, tx, id, userAgent)
		return err
	})
	if err != nil {
		return Actor{}, "", err
	}
	return actor, session, nil
}

// emailTaken reports whether an account uses email.
func emailTaken(ctx context.Context, q db.Q, email string) (bool, error) {
	id, err := emailOwner(ctx, q, email)
	return id != 0, err
}

// emailOwner is the account that uses email (0: none).
func emailOwner(ctx context.Context, q db.Q, email string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, "SELECT id FROM people WHERE email = $1", email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, errs.Wrap(err, "find account")
}

// mailSignupAttempt tells the owner of an address that has an account that
// someone tried to sign up with it: it is how they learn what the page does
// not say.
func (s *Service) mailSignupAttempt(ctx context.Context, q db.Q, email, instanceName string) error {
	return notify.Queue(ctx, q, notify.Mail{To: email, Subject: "Someone tried to sign up to " + instanceName + " with your address",
		Body: fmt.Sprintf("Someone (we hope you) tried to create an account on %s with this e-mail address, which has an account already.\n\nIf it was you, sign in here:\n\n%s/signin\n\nIf you forgot your password, or never confirmed this address, choose a new password here (that confirms the address too):\n\n%s/reset\n\nIf it was not you, ignore this message: nothing changed.\n",
			instanceName, s.baseURL, s.baseURL)})
}

// joinInvited makes the new account a member of the community a steward
// invited it to, and records the joining as the community's other ways in do.
func joinInvited(ctx context.Context, tx *db.Tx, communityID int64, a Actor, invitedBy sql.NullInt64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, invited_by, created_at, updated_at)
		SELECT id, $2, 'member', 'active', $3, $4, $4 FROM communities WHERE id = $1 AND status = 'active'
		ON CONFLICT DO NOTHING`, communityID, a.PersonID, invitedBy, now)
	if err != nil {
		return errs.Wrap(err, "join the invited community")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // the community was archived or deleted since
	}
	_, err = activity.Record(ctx, tx, activity.Activity{ActorID: a.PersonID, Verb: activity.MemberJoined,
		SubjectKind: "community", SubjectID: communityID, CommunityID: communityID, URL: "/people/" + a.Handle, CreatedAt: now})
	return err
}
