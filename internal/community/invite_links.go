package community

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// InviteLink is a shareable link that lets whoever holds it into the
// community until it expires, is revoked, or has been used MaxUses times.
type InviteLink struct {
	ID          int64
	Token       string
	CreatorName string
	CreatedAt   time.Time
	ExpiresAt   time.Time
	MaxUses     int // 0: no limit
	Uses        int
}

// Path is the link's path on this instance.
func (l InviteLink) Path() string { return "/join/" + l.Token }

// Left is how many more people may use the link (-1: no limit).
func (l InviteLink) Left() int {
	if l.MaxUses == 0 {
		return -1
	}
	return max(l.MaxUses-l.Uses, 0)
}

// LinkDays are the lifetimes a steward chooses from, in days.
var LinkDays = []int{1, 7, 30}

// Bounds of a link's use limit, and of the links a community keeps open.
const (
	maxLinkUses  = 1000
	maxOpenLinks = 20
)

// CreateInviteLink makes a new shareable link to the community, valid for
// days (one of LinkDays) and at most maxUses uses (0: no limit). Stewards only.
func (s *Service) CreateInviteLink(ctx context.Context, a auth.Actor, slug string, days, maxUses int) (InviteLink, error) {
	var v errs.Validation
	valid := false
	for _, d := range LinkDays {
		valid = valid || d == days
	}
	v.Check(valid, "days", "Choose how long the link works: 1, 7 or 30 days.")
	v.Check(maxUses >= 0 && maxUses <= maxLinkUses, "max_uses", "Use a number of uses from 1 to 1,000, or leave it empty for no limit.")
	if err := v.Err(); err != nil {
		return InviteLink{}, err
	}
	var l InviteLink
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		c, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !c.CanManageMembers() {
			return errNotFoundOr(c, "Only the community's stewards can make invitation links.")
		}
		now := s.now()
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM invite_links WHERE community_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
			c.ID, now).Scan(&open); err != nil {
			return errs.Wrap(err, "count links")
		}
		if open >= maxOpenLinks {
			return errs.Conflictf("This community has %d invitation links open. Revoke one you no longer need first.", open)
		}
		raw, _ := auth.NewToken()
		l = InviteLink{Token: raw, CreatorName: a.Name, CreatedAt: now, ExpiresAt: now.Add(time.Duration(days) * 24 * time.Hour), MaxUses: maxUses}
		var limit any
		if maxUses > 0 {
			limit = maxUses
		}
		l.ID, err = db.InsertID(ctx, tx, `INSERT INTO invite_links (community_id, token, created_by, created_at, expires_at, max_uses)
			VALUES ($1, $2, $3, $4, $5, $6)`, c.ID, raw, a.PersonID, now, l.ExpiresAt, limit)
		return errs.Wrap(err, "create link")
	})
	return l, err
}

// InviteLinks lists the community's links still open (neither expired nor
// revoked), newest first. Stewards only.
func (s *Service) InviteLinks(ctx context.Context, a auth.Actor, slug string) ([]InviteLink, error) {
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return nil, err
	}
	if !v.CanManageMembers() {
		return nil, errNotFoundOr(v, "Only the community's stewards see its invitation links.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT l.id, l.token, COALESCE(p.name, ''), l.created_at, l.expires_at, COALESCE(l.max_uses, 0), l.uses
		FROM invite_links l LEFT JOIN people p ON p.id = l.created_by
		WHERE l.community_id = $1 AND l.revoked_at IS NULL AND l.expires_at > $2 ORDER BY l.id DESC`, v.ID, s.now())
	if err != nil {
		return nil, errs.Wrap(err, "read links")
	}
	defer rows.Close()
	var out []InviteLink
	for rows.Next() {
		var l InviteLink
		if err := rows.Scan(&l.ID, &l.Token, &l.CreatorName, &l.CreatedAt, &l.ExpiresAt, &l.MaxUses, &l.Uses); err != nil {
			return nil, errs.Wrap(err, "read links")
		}
		out = append(out, l)
	}
	return out, errs.Wrap(rows.Err(), "read links")
}

// InviteLinkToRevoke returns an open link for the steward's confirmation
// page: the same checks as RevokeInviteLink.
func (s *Service) InviteLinkToRevoke(ctx context.Context, a auth.Actor, slug string, id int64) (View, InviteLink, error) {
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return View{}, InviteLink{}, err
	}
	if !v.CanManageMembers() {
		return View{}, InviteLink{}, errNotFoundOr(v, "Only the community's stewards manage its invitation links.")
	}
	l, err := s.openLink(ctx, s.db, "l.id = $1 AND l.community_id = $2", id, v.ID)
	return v, l, err
}

// RevokeInviteLink stops a link working at once. Stewards only.
func (s *Service) RevokeInviteLink(ctx context.Context, a auth.Actor, slug string, id int64) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanManageMembers() {
			return errNotFoundOr(v, "Only the community's stewards manage its invitation links.")
		}
		res, err := tx.ExecContext(ctx, "UPDATE invite_links SET revoked_at = $1 WHERE id = $2 AND community_id = $3 AND revoked_at IS NULL",
			s.now(), id, v.ID)
		if err != nil {
			return errs.Wrap(err, "revoke link")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errLinkGone
		}
		return nil
	})
}

// errLinkGone is what every unusable link answers, whatever the reason.
var errLinkGone = errs.NotFoundf("This invitation link does not work any more: it expired, was used up or was withdrawn. Ask a steward for a new one.")

// openLink reads one link that still works, by a condition on its row.
func (s *Service) openLink(ctx context.Context, q db.Q, where string, args ...any) (InviteLink, error) {
	var l InviteLink
	n := len(args)
	err := q.QueryRowContext(ctx, `SELECT l.id, l.token, COALESCE(p.name, ''), l.created_at, l.expires_at, COALESCE(l.max_uses, 0), l.uses
		FROM invite_links l LEFT JOIN people p ON p.id = l.created_by
		WHERE `+where+` AND l.revoked_at IS NULL AND l.expires_at > $`+itoa(n+1)+` AND (l.max_uses IS NULL OR l.uses < l.max_uses)`,
		append(args, s.now())...).Scan(&l.ID, &l.Token, &l.CreatorName, &l.CreatedAt, &l.ExpiresAt, &l.MaxUses, &l.Uses)
	if errors.Is(err, sql.ErrNoRows) {
		return l, errLinkGone
	}
	return l, errs.Wrap(err, "read link")
}

// LinkInvitation is what a shareable link's holder sees before joining.
type LinkInvitation struct {
	Link InviteLink
	// The community: its name and purpose are shown even when it is
	// private, since its stewards chose to share the way in.
	Slug, Name, Purpose string
	JoinPolicy          JoinPolicy
	Mine                Membership // the reader's standing there already
}

// ByLink describes the community a shareable link invites to, for whoever
// holds the link (visitors too).
func (s *Service) ByLink(ctx context.Context, a auth.Actor, token string) (LinkInvitation, error) {
	var li LinkInvitation
	if len(token) < 20 || len(token) > 100 {
		return li, errLinkGone
	}
	l, err := s.openLink(ctx, s.db, "l.token = $1", token)
	if err != nil {
		return li, err
	}
	li.Link = l
	var role, status string
	err = s.db.QueryRowContext(ctx, `SELECT c.slug, c.name, c.purpose, c.join_policy, COALESCE(m.role, ''), COALESCE(m.status, '')
		FROM invite_links l JOIN communities c ON c.id = l.community_id
		LEFT JOIN memberships m ON m.community_id = c.id AND m.person_id = $2
		WHERE l.id = $1 AND c.status = 'active'`, l.ID, a.PersonID).Scan(&li.Slug, &li.Name, &li.Purpose, &li.JoinPolicy, &role, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return li, errLinkGone // archived since
	}
	li.Mine = Membership{Role: Role(role), Status: MemberStatus(status)}
	return li, errs.Wrap(err, "read link's community")
}

// JoinByLink lets a in through a shareable link, by the community's join
// policy: a member at once where it is open or by invitation (the link is
// the stewards' invitation), a request for the stewards where they approve
// each member. Each person who comes in counts one use; the link's row is
// locked so that concurrent joins never pass its limit.
func (s *Service) JoinByLink(ctx context.Context, a auth.Actor, token string) (string, MemberStatus, error) {
	if err := requireVerified(a); err != nil {
		return "", "", err
	}
	var slug string
	var status MemberStatus
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM invite_links WHERE token = $1"+s.db.ForUpdate(), token).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return errLinkGone
		}
		if err != nil {
			return errs.Wrap(err, "lock link")
		}
		l, err := s.openLink(ctx, tx, "l.id = $1", id)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT c.slug FROM invite_links l JOIN communities c ON c.id = l.community_id WHERE l.id = $1", l.ID).
			Scan(&slug); err != nil {
			return errs.Wrap(err, "read link's community")
		}
		v, err := s.load(ctx, tx, a, slug) // a private community: the link is the way to see it
		if err != nil {
			return err
		}
		if v.Status != Active {
			return errLinkGone
		}
		switch v.Mine.Status {
		case ActiveMember:
			return errs.Conflictf("You are a member already.")
		case PendingMember:
			return errs.Conflictf("You asked to join already; a steward will answer soon.")
		case InvitedMember:
			status = ActiveMember
			res, err := tx.ExecContext(ctx, "UPDATE memberships SET status = 'active', created_at = $1, updated_at = $1 WHERE community_id = $2 AND person_id = $3 AND status = 'invited'",
				s.now(), v.ID, a.PersonID)
			if err != nil {
				return errs.Wrap(err, "accept invitation")
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.Conflictf("You are a member already.")
			}
			return recordJoined(ctx, tx, a, v)
		}
		status = ActiveMember
		if v.JoinPolicy == Request {
			status = PendingMember
		}
		now := s.now()
		msg := ""
		if status == PendingMember {
			msg = "(Came through an invitation link from " + l.CreatorName + ".)"
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, message, created_at, updated_at)
			VALUES ($1, $2, 'member', $3, $4, $5, $5) ON CONFLICT (community_id, person_id) DO NOTHING`, v.ID, a.PersonID, status, msg, now)
		if err != nil {
			return errs.Wrap(err, "join")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflictf("You are a member already, or asked to join already.")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE invite_links SET uses = uses + 1 WHERE id = $1", l.ID); err != nil {
			return errs.Wrap(err, "count link use")
		}
		if status == PendingMember {
			return recordRequest(ctx, tx, a, v, msg)
		}
		return recordJoined(ctx, tx, a, v)
	})
	return slug, status, err
}
