package community

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/notify"
)

// Member is a person's membership as shown on a members page.
type Member struct {
	PersonID   int64
	Handle     string
	Name       string
	Title      string
	Department string
	Role       Role
	Status     MemberStatus
	Message    string    // what a person wrote when asking to join
	email      string    // for notices; never shown on a page
	Since      time.Time // when the membership came into force (or was asked for)
}

// Join makes the actor a member (open communities) or records a request for
// the stewards (request communities). message goes with a request.
func (s *Service) Join(ctx context.Context, a auth.Actor, slug, message string) (MemberStatus, error) {
	if err := requireVerified(a); err != nil {
		return "", err
	}
	message = strings.TrimSpace(message)
	if utf8.RuneCountInString(message) > 1000 {
		return "", errs.Field("message", "Keep your message to 1,000 characters.")
	}
	var status MemberStatus
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		switch {
		case v.Mine.Status == ActiveMember:
			return errs.Conflictf("You are a member already.")
		case v.Mine.Status == PendingMember:
			return errs.Conflictf("You asked to join already; a steward will answer soon.")
		case v.CanAcceptInvitation():
			status = ActiveMember
			// Only an invitation still waiting is accepted: of two accepts at
			// once (two tabs), the second finds none and is told so.
			res, err := tx.ExecContext(ctx, "UPDATE memberships SET status = 'active', created_at = $1, updated_at = $1 WHERE community_id = $2 AND person_id = $3 AND status = 'invited'",
				s.now(), v.ID, a.PersonID)
			if err != nil {
				return errs.Wrap(err, "accept invitation")
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.Conflictf("You are a member already.")
			}
			return recordJoined(ctx, tx, a, v)
		case v.CanJoin():
			status = ActiveMember
		case v.CanRequest():
			status = PendingMember
		case v.Archived():
			return errs.Forbiddenf("This community is archived: it takes no new members.")
		default:
			return errs.Forbiddenf("This community takes members by invitation only. Ask one of its stewards.")
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, message, created_at, updated_at)
			VALUES ($1, $2, 'member', $3, $4, $5, $5) ON CONFLICT (community_id, person_id) DO NOTHING`, v.ID, a.PersonID, status, message, now)
		if err != nil {
			return errs.Wrap(err, "join")
		}
		if n, err := res.RowsAffected(); err != nil {
			return errs.Wrap(err, "join")
		} else if n == 0 {
			// The same person's other request (another tab, a double click)
			// joined between our read and this write.
			return errs.Conflictf("You are a member already, or asked to join already.")
		}
		if status == PendingMember {
			return recordRequest(ctx, tx, a, v, message) // its stewards hear of it
		}
		return recordJoined(ctx, tx, a, v)
	})
	return status, err
}

// Leave ends the actor's membership, withdraws a request or declines an
// invitation. The last steward cannot leave: a community always keeps one.
func (s *Service) Leave(ctx context.Context, a auth.Actor, slug string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if v.Mine.Status == "" {
			return errs.Conflictf("You are not a member of this community.")
		}
		if err := s.keepAStewardWithout(ctx, tx, v.ID, a.PersonID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM memberships WHERE community_id = $1 AND person_id = $2", v.ID, a.PersonID)
		return errs.Wrap(err, "leave")
	})
}

// keepAStewardWithout refuses a change that would leave the community with no
// active steward once personID is no longer one. It locks the community's row
// until the transaction ends, so that two stewards leaving at once on
// PostgreSQL count one after the other (SQLite's writer runs one at a time).
func (s *Service) keepAStewardWithout(ctx context.Context, q db.Q, communityID, personID int64) error {
	var id int64
	if err := q.QueryRowContext(ctx, "SELECT id FROM communities WHERE id = $1"+s.db.ForUpdate(), communityID).Scan(&id); err != nil {
		return errs.Wrap(err, "lock community")
	}
	var others, isSteward int
	err := q.QueryRowContext(ctx, `SELECT
		COUNT(CASE WHEN person_id <> $2 THEN 1 END),
		COUNT(CASE WHEN person_id = $2 THEN 1 END)
		FROM memberships WHERE community_id = $1 AND role = 'steward' AND status = 'active'`, communityID, personID).Scan(&others, &isSteward)
	if err != nil {
		return errs.Wrap(err, "count stewards")
	}
	if isSteward > 0 && others == 0 {
		return errs.Conflictf("A community always keeps at least one steward. Make someone else a steward first.")
	}
	return nil
}

// managed loads the community for a steward's member management and the
// membership of the person with handle.
func (s *Service) managed(ctx context.Context, tx db.Q, a auth.Actor, slug, handle string) (View, Member, error) {
	v, err := s.view(ctx, tx, a, slug)
	if err != nil {
		return View{}, Member{}, err
	}
	if !v.CanManageMembers() {
		return View{}, Member{}, forbiddenUnlessArchived(v, "Only the community's stewards can manage its members.")
	}
	var m Member
	err = tx.QueryRowContext(ctx, `SELECT p.id, p.handle, p.name, p.email, m.role, m.status FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.community_id = $1 AND p.handle = $2`, v.ID, strings.ToLower(strings.TrimPrefix(strings.TrimSpace(handle), "@"))).
		Scan(&m.PersonID, &m.Handle, &m.Name, &m.email, &m.Role, &m.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return View{}, Member{}, errs.NotFoundf("That person is not a member of this community.")
	}
	return v, m, errs.Wrap(err, "read membership")
}

// ManagedMember returns a member the actor may manage (a steward's
// confirmation page asks it before a removal): the same checks as Remove.
func (s *Service) ManagedMember(ctx context.Context, a auth.Actor, slug, handle string) (View, Member, error) {
	return s.managed(ctx, s.db, a, slug, handle)
}

// Approve accepts a request to join.
func (s *Service) Approve(ctx context.Context, a auth.Actor, slug, handle string) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, m, err := s.managed(ctx, tx, a, slug, handle)
		if err != nil {
			return err
		}
		if m.Status != PendingMember {
			return errs.Conflictf("There is no request from @%s to approve.", m.Handle)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE memberships SET status = 'active', created_at = $1, updated_at = $1 WHERE community_id = $2 AND person_id = $3",
			s.now(), v.ID, m.PersonID); err != nil {
			return errs.Wrap(err, "approve")
		}
		if err := recordJoined(ctx, tx, auth.Actor{PersonID: m.PersonID, Handle: m.Handle, Name: m.Name}, v); err != nil {
			return err
		}
		return notify.Queue(ctx, tx, notify.Mail{To: m.email, Subject: "Welcome to " + v.Name,
			Body: fmt.Sprintf("Your request to join %s was approved.\n\nStart here: %s/c/%s\n", v.Name, s.baseURL, v.Slug)})
	})
}

// Decline turns down a request to join.
func (s *Service) Decline(ctx context.Context, a auth.Actor, slug, handle string) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, m, err := s.managed(ctx, tx, a, slug, handle)
		if err != nil {
			return err
		}
		if m.Status != PendingMember {
			return errs.Conflictf("There is no request from @%s to decline.", m.Handle)
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM memberships WHERE community_id = $1 AND person_id = $2", v.ID, m.PersonID)
		return errs.Wrap(err, "decline")
	})
}

// SetRole changes a member's role; the community keeps at least one steward.
func (s *Service) SetRole(ctx context.Context, a auth.Actor, slug, handle string, role Role) error {
	if role != RoleSteward && role != RoleModerator && role != RoleMember {
		return errs.Field("role", "Choose steward, moderator or member.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, m, err := s.managed(ctx, tx, a, slug, handle)
		if err != nil {
			return err
		}
		if m.Status != ActiveMember {
			return errs.Conflictf("@%s is not an active member yet.", m.Handle)
		}
		if role != RoleSteward {
			if err := s.keepAStewardWithout(ctx, tx, v.ID, m.PersonID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "UPDATE memberships SET role = $1, updated_at = $2 WHERE community_id = $3 AND person_id = $4",
			role, s.now(), v.ID, m.PersonID)
		return errs.Wrap(err, "set role")
	})
}

// Remove ends someone else's membership (or cancels their invitation).
func (s *Service) Remove(ctx context.Context, a auth.Actor, slug, handle string) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, m, err := s.managed(ctx, tx, a, slug, handle)
		if err != nil {
			return err
		}
		if err := s.keepAStewardWithout(ctx, tx, v.ID, m.PersonID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM memberships WHERE community_id = $1 AND person_id = $2", v.ID, m.PersonID)
		return errs.Wrap(err, "remove")
	})
}
