package auth

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// An invitation to sign up is a token of purpose "invite". Its data says
// which community (if any) it also invites to, and the name the inviter gave
// (to fill in the sign-up form): "community=12&name=Ada+Lovelace". Older
// invitations hold only the community's id.

// invitationData encodes what an invitation carries (the community first:
// the stewards' list finds a community's invitations by that prefix).
func invitationData(communityID int64, name string) string {
	if communityID == 0 && name == "" {
		return ""
	}
	v := url.Values{}
	if communityID != 0 {
		v.Set("community", itoa(communityID))
	}
	if name != "" {
		v.Set("name", name)
	}
	return v.Encode()
}

// parseInvitationData decodes invitationData (and the older bare id).
func parseInvitationData(data string) (communityID int64, name string) {
	if id, err := strconv.ParseInt(data, 10, 64); err == nil {
		return id, ""
	}
	v, _ := url.ParseQuery(data)
	id, _ := strconv.ParseInt(v.Get("community"), 10, 64)
	return id, v.Get("name")
}

// CreateInvitation returns a raw token inviting email to sign up (and, when
// communityID is not 0, to join that community); name is what the inviter
// called the person, or "". Callers check permission.
func (s *Service) CreateInvitation(ctx context.Context, q db.Q, email, name string, communityID, invitedBy int64) (string, error) {
	return s.createToken(ctx, q, purposeInvite, 0, NormalizeEmail(email), invitationData(communityID, name), invitedBy, inviteTTL)
}

// Invitation is an unused invitation to sign up, as the sign-up page shows it.
type Invitation struct {
	Email         string
	Name          string // what the inviter called the invitee
	InviterName   string
	CommunityName string // "" for an invitation to the instance only
	CommunitySlug string
	ExpiresAt     time.Time
}

// InvitationFor describes the unused invitation raw, or answers the same
// error as every unusable link.
func (s *Service) InvitationFor(ctx context.Context, raw string) (Invitation, error) {
	var inv Invitation
	var data string
	err := s.db.QueryRowContext(ctx, `SELECT t.email, t.data, COALESCE(p.name, ''), t.expires_at FROM tokens t
		LEFT JOIN people p ON p.id = t.created_by
		WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > $3`,
		HashToken(raw), purposeInvite, s.now()).Scan(&inv.Email, &data, &inv.InviterName, &inv.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, errBadLink
	}
	if err != nil {
		return inv, errs.Wrap(err, "read invitation")
	}
	var communityID int64
	communityID, inv.Name = parseInvitationData(data)
	if communityID != 0 {
		err := s.db.QueryRowContext(ctx, "SELECT name, slug FROM communities WHERE id = $1", communityID).Scan(&inv.CommunityName, &inv.CommunitySlug)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return inv, errs.Wrap(err, "read invitation's community")
		}
	}
	return inv, nil
}

// InvitationEmail returns the address an unused invitation was sent to.
func (s *Service) InvitationEmail(ctx context.Context, raw string) (string, error) {
	inv, err := s.InvitationFor(ctx, raw)
	return inv.Email, err
}

// PendingInvitation is an unused, unexpired invitation to sign up and join a
// community, as its stewards see it.
type PendingInvitation struct {
	Key         string // names it in a steward's links; not usable to sign up
	Email, Name string
	InviterName string
	SentAt      time.Time
	ExpiresAt   time.Time
}

// pendingKeyLen is how much of a token's hash names it: enough to tell a
// community's invitations apart, far too little to be the token.
const pendingKeyLen = 16

// PendingInvitations lists the community's invitations to people without an
// account, newest first, at most limit. Callers check permission.
func (s *Service) PendingInvitations(ctx context.Context, q db.Q, communityID int64, limit int) ([]PendingInvitation, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.token_hash, t.email, t.data, COALESCE(p.name, ''), t.created_at, t.expires_at FROM tokens t
		LEFT JOIN people p ON p.id = t.created_by
		WHERE t.purpose = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND (t.data IN ($3, $4) OR t.data LIKE $5)
		ORDER BY t.created_at DESC, t.token_hash LIMIT $6`,
		purposeInvite, s.now(), itoa(communityID), "community="+itoa(communityID), "community="+itoa(communityID)+"&%", limit)
	if err != nil {
		return nil, errs.Wrap(err, "read invitations")
	}
	defer rows.Close()
	var out []PendingInvitation
	for rows.Next() {
		var p PendingInvitation
		var hash, data string
		if err := rows.Scan(&hash, &p.Email, &data, &p.InviterName, &p.SentAt, &p.ExpiresAt); err != nil {
			return nil, errs.Wrap(err, "read invitations")
		}
		p.Key = hash[:pendingKeyLen]
		_, p.Name = parseInvitationData(data)
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "read invitations")
}

// PendingInvitation returns the community's unused invitation with key.
// Callers check permission.
func (s *Service) PendingInvitation(ctx context.Context, q db.Q, communityID int64, key string) (PendingInvitation, error) {
	list, err := s.pendingByKey(ctx, q, communityID, key)
	if err != nil {
		return PendingInvitation{}, err
	}
	if len(list) == 0 {
		return PendingInvitation{}, errs.NotFoundf("There is no such invitation waiting: it was used, revoked or has expired.")
	}
	return list[0], nil
}

func (s *Service) pendingByKey(ctx context.Context, q db.Q, communityID int64, key string) ([]PendingInvitation, error) {
	if len(key) != pendingKeyLen || strings.Trim(key, "0123456789abcdef") != "" {
		return nil, nil
	}
	all, err := s.PendingInvitations(ctx, q, communityID, 1000)
	var out []PendingInvitation
	for _, p := range all {
		if p.Key == key {
			out = append(out, p)
		}
	}
	return out, err
}

// RevokeInvitation ends the community's invitation with key (every unused
// invitation of the same address to the community, so an older copy of the
// link stops working too). Callers check permission.
func (s *Service) RevokeInvitation(ctx context.Context, q db.Q, communityID int64, key string) (PendingInvitation, error) {
	p, err := s.PendingInvitation(ctx, q, communityID, key)
	if err != nil {
		return p, err
	}
	_, err = q.ExecContext(ctx, `DELETE FROM tokens WHERE purpose = $1 AND used_at IS NULL AND email = $2 AND (data IN ($3, $4) OR data LIKE $5)`,
		purposeInvite, p.Email, itoa(communityID), "community="+itoa(communityID), "community="+itoa(communityID)+"&%")
	return p, errs.Wrap(err, "revoke invitation")
}

// RenewInvitation replaces the community's invitation with key by a new one
// to the same address (the old link stops working), for a steward's resend:
// it returns the invitation and the new raw token.
func (s *Service) RenewInvitation(ctx context.Context, q db.Q, communityID int64, key string, invitedBy int64) (PendingInvitation, string, error) {
	p, err := s.RevokeInvitation(ctx, q, communityID, key)
	if err != nil {
		return p, "", err
	}
	raw, err := s.CreateInvitation(ctx, q, p.Email, p.Name, communityID, invitedBy)
	return p, raw, err
}
