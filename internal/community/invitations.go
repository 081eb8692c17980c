package community

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/ratelimit"
)

// Invitation is an invitation waiting for its answer, as the community's
// stewards see it: to a person with an account (Handle set) or to an
// address that has none yet.
type Invitation struct {
	Key         string // names it in links: "@handle", or the address invitation's key
	Handle      string
	Name        string
	Email       string // for address invitations: the stewards typed it
	InviterName string
	SentAt      time.Time
	ExpiresAt   *time.Time // address invitations expire; a person's waits
}

// Label is how the list names the invitee.
func (i Invitation) Label() string {
	switch {
	case i.Handle != "":
		return i.Name + " (@" + i.Handle + ")"
	case i.Name != "":
		return i.Name + " <" + i.Email + ">"
	}
	return i.Email
}

// invitationsShown bounds the stewards' list of waiting invitations.
const invitationsShown = 200

// resendGap is how long an invitation waits before a steward may send it again.
const resendGap = 10 * time.Minute

// Invitations lists the invitations waiting in the community, newest first:
// its stewards only (two queries, whatever their number).
func (s *Service) Invitations(ctx context.Context, a auth.Actor, slug string) (View, []Invitation, error) {
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return View{}, nil, err
	}
	if !v.CanManageMembers() {
		return View{}, nil, errNotFoundOr(v, "Only the community's stewards see its invitations.")
	}
	list, err := s.invitations(ctx, s.db, v.ID)
	return v, list, err
}

// errNotFoundOr keeps what members may not manage hidden from outsiders.
func errNotFoundOr(v View, msg string) error {
	if !v.CanRead() {
		return errNotFound
	}
	return forbiddenUnlessArchived(v, msg)
}

func (s *Service) invitations(ctx context.Context, q db.Q, communityID int64) ([]Invitation, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.handle, p.name, COALESCE(i.name, ''), m.updated_at FROM memberships m
		JOIN people p ON p.id = m.person_id LEFT JOIN people i ON i.id = m.invited_by
		WHERE m.community_id = $1 AND m.status = 'invited' ORDER BY m.updated_at DESC, p.handle LIMIT $2`, communityID, invitationsShown)
	if err != nil {
		return nil, errs.Wrap(err, "read invitations")
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		var i Invitation
		if err := rows.Scan(&i.Handle, &i.Name, &i.InviterName, &i.SentAt); err != nil {
			return nil, errs.Wrap(err, "read invitations")
		}
		i.Key = "@" + i.Handle
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read invitations")
	}
	byAddress, err := s.auth.PendingInvitations(ctx, q, communityID, invitationsShown)
	if err != nil {
		return nil, err
	}
	for _, p := range byAddress {
		exp := p.ExpiresAt
		out = append(out, Invitation{Key: p.Key, Name: p.Name, Email: p.Email, InviterName: p.InviterName, SentAt: p.SentAt, ExpiresAt: &exp})
	}
	// Newest first across both kinds.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].SentAt.After(out[j-1].SentAt); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// managedInvitation finds the community's waiting invitation with key, for
// a steward, inside q.
func (s *Service) managedInvitation(ctx context.Context, q db.Q, a auth.Actor, slug, key string) (View, Invitation, error) {
	v, err := s.view(ctx, q, a, slug)
	if err != nil {
		return View{}, Invitation{}, err
	}
	if !v.CanManageMembers() {
		return View{}, Invitation{}, errNotFoundOr(v, "Only the community's stewards manage its invitations.")
	}
	gone := errs.NotFoundf("There is no such invitation waiting: it was accepted, revoked or has expired.")
	if handle, ok := strings.CutPrefix(key, "@"); ok {
		var i Invitation
		err := q.QueryRowContext(ctx, `SELECT p.handle, p.name, p.email, m.updated_at FROM memberships m JOIN people p ON p.id = m.person_id
			WHERE m.community_id = $1 AND p.handle = $2 AND m.status = 'invited'`, v.ID, strings.ToLower(handle)).Scan(&i.Handle, &i.Name, &i.Email, &i.SentAt)
		if errors.Is(err, sql.ErrNoRows) {
			return View{}, Invitation{}, gone
		}
		i.Key = "@" + i.Handle
		return v, i, errs.Wrap(err, "read invitation")
	}
	p, err := s.auth.PendingInvitation(ctx, q, v.ID, key)
	if err != nil {
		return View{}, Invitation{}, err
	}
	exp := p.ExpiresAt
	return v, Invitation{Key: p.Key, Name: p.Name, Email: p.Email, InviterName: p.InviterName, SentAt: p.SentAt, ExpiresAt: &exp}, nil
}

// InvitationToRevoke returns a waiting invitation for the steward's
// confirmation page: the same checks as RevokeInvitation.
func (s *Service) InvitationToRevoke(ctx context.Context, a auth.Actor, slug, key string) (View, Invitation, error) {
	return s.managedInvitation(ctx, s.db, a, slug, key)
}

// RevokeInvitation withdraws a waiting invitation: its link stops working,
// or the person no longer sees it to accept. Stewards only.
func (s *Service) RevokeInvitation(ctx context.Context, a auth.Actor, slug, key string) (Invitation, error) {
	var inv Invitation
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, i, err := s.managedInvitation(ctx, tx, a, slug, key)
		if err != nil {
			return err
		}
		inv = i
		if i.Handle != "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM memberships WHERE community_id = $1 AND status = 'invited'
				AND person_id = (SELECT id FROM people WHERE handle = $2)`, v.ID, i.Handle)
			return errs.Wrap(err, "revoke invitation")
		}
		_, err = s.auth.RevokeInvitation(ctx, tx, v.ID, i.Key)
		return err
	})
	return inv, err
}

// ResendInvitation sends a waiting invitation again: a person is told again;
// an address gets a new link (the old one stops working) valid for another
// 14 days. Stewards only, once per resendGap for each invitation, within the
// inviter's rate limit.
func (s *Service) ResendInvitation(ctx context.Context, a auth.Actor, slug, key string) (Invitation, error) {
	v, i, err := s.managedInvitation(ctx, s.db, a, slug, key)
	if err != nil {
		return Invitation{}, err
	}
	if wait := i.SentAt.Add(resendGap).Sub(s.now()); wait > 0 {
		return Invitation{}, errs.RetryAfter(errs.TooManyRequests, wait,
			fmt.Sprintf("This invitation was sent a moment ago. You can send it again in %d minutes.", int(wait.Minutes())+1))
	}
	if err := s.auth.Limits().Take(ctx, ratelimit.Invite, ratelimit.Person(a.PersonID)); err != nil {
		return Invitation{}, err
	}
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		if i.Handle != "" {
			var personID int64
			err := tx.QueryRowContext(ctx, `UPDATE memberships SET updated_at = $1, invited_by = $2 WHERE community_id = $3 AND status = 'invited'
				AND person_id = (SELECT id FROM people WHERE handle = $4) RETURNING person_id`, s.now(), a.PersonID, v.ID, i.Handle).Scan(&personID)
			if errors.Is(err, sql.ErrNoRows) {
				return errs.NotFoundf("There is no such invitation waiting: it was accepted or revoked.")
			}
			if err != nil {
				return errs.Wrap(err, "resend invitation")
			}
			return recordInvited(ctx, tx, a, v, personID)
		}
		p, raw, err := s.auth.RenewInvitation(ctx, tx, v.ID, i.Key, a.PersonID)
		if err != nil {
			return err
		}
		return s.mailInvitation(ctx, tx, a, v, p.Email, fmt.Sprintf("%s/signup?invite=%s", s.baseURL, raw))
	})
	return i, err
}
