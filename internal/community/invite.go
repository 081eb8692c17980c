package community

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// InviteFailure is a recipient who was not invited, and why.
type InviteFailure struct {
	Recipient
	Message string
}

// InviteOutcome is what became of each person an invitation form named.
type InviteOutcome struct {
	Sent   []Recipient
	Failed []InviteFailure
}

// Invite invites one person, named by handle or e-mail address (see
// InviteMany); its one problem comes back as the "who" field's.
func (s *Service) Invite(ctx context.Context, a auth.Actor, slug, who string) error {
	out, err := s.InviteMany(ctx, a, slug, who)
	if err != nil {
		return err
	}
	if len(out.Failed) > 0 {
		return errs.Field("who", out.Failed[0].Message)
	}
	return nil
}

// InviteMany invites everyone text names (handles, addresses, "Name
// <address>", separated by new lines, commas or semicolons; at most
// maxRecipients). A person with an account gets an invitation to accept, in
// the app and by e-mail as they chose; an address without an account gets an
// e-mail with a link to sign up (which works on invitation-only instances),
// and signing up through it makes them a member. Each recipient the steward
// got wrong fails alone, with its reason; the others are invited. Each
// invitation counts against the inviter's rate limit.
func (s *Service) InviteMany(ctx context.Context, a auth.Actor, slug, text string) (InviteOutcome, error) {
	var out InviteOutcome
	items := splitRecipients(text)
	switch {
	case len(items) == 0:
		return out, errs.Field("who", "Enter a handle (such as @ada) or an e-mail address.")
	case len(items) > maxRecipients:
		return out, errs.Field("who", fmt.Sprintf("Invite at most %d people at a time (this names %d).", maxRecipients, len(items)))
	}
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return out, err
	}
	if !v.CanManageMembers() {
		return out, forbiddenUnlessArchived(v, "Only the community's stewards can invite people.")
	}
	var todo []Recipient
	var limited error // the rate limit's refusal, when it refused someone
	seen := map[string]bool{}
	for at, item := range items {
		r, msg := parseRecipient(item)
		r.at = at
		key := r.Handle + "|" + r.Email
		switch {
		case msg != "":
			out.Failed = append(out.Failed, InviteFailure{r, msg})
		case seen[key]:
			continue // named twice: invited once
		default:
			seen[key] = true
			if err := s.auth.Limits().Take(ctx, ratelimit.Invite, ratelimit.Person(a.PersonID)); err != nil {
				if !errs.Is(err, errs.TooManyRequests) {
					return out, err
				}
				limited = err
				out.Failed = append(out.Failed, InviteFailure{r, errs.MessageOf(err)})
				continue
			}
			todo = append(todo, r)
		}
	}
	if limited != nil && len(todo) == 0 && len(out.Failed) == len(seen) {
		return InviteOutcome{}, limited // the limit refused everyone: a 429 with its Retry-After
	}
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanManageMembers() {
			return forbiddenUnlessArchived(v, "Only the community's stewards can invite people.")
		}
		for _, r := range todo {
			msg, err := s.inviteOne(ctx, tx, a, v, r)
			if err != nil {
				return err
			}
			if msg != "" {
				out.Failed = append(out.Failed, InviteFailure{r, msg})
			} else {
				out.Sent = append(out.Sent, r)
			}
		}
		return nil
	})
	if err != nil {
		return InviteOutcome{}, err
	}
	slices.SortStableFunc(out.Failed, func(a, b InviteFailure) int { return a.at - b.at })
	return out, nil
}

// inviteOne invites r to v inside tx, or returns why not (for the steward).
func (s *Service) inviteOne(ctx context.Context, tx *db.Tx, a auth.Actor, v View, r Recipient) (string, error) {
	var personID int64
	var handle, email string
	var err error
	if r.Handle != "" {
		err = tx.QueryRowContext(ctx, "SELECT id, handle, email FROM people WHERE handle = $1 AND disabled_at IS NULL", r.Handle).Scan(&personID, &handle, &email)
		if errors.Is(err, sql.ErrNoRows) {
			return "Nobody has the handle @" + r.Handle + ". Check the spelling, or invite them by e-mail.", nil
		}
	} else {
		email = r.Email
		err = tx.QueryRowContext(ctx, "SELECT id, handle FROM people WHERE email = $1 AND disabled_at IS NULL", email).Scan(&personID, &handle)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	}
	if err != nil {
		return "", errs.Wrap(err, "find person")
	}
	if personID == 0 {
		return s.inviteAddress(ctx, tx, a, v, r)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, invited_by, created_at, updated_at)
		VALUES ($1, $2, 'member', 'invited', $3, $4, $4) ON CONFLICT DO NOTHING`, v.ID, personID, a.PersonID, s.now())
	if err != nil {
		return "", errs.Wrap(err, "invite")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "@" + handle + " is a member already, or has asked or been invited to join.", nil
	}
	if r.Handle != "" {
		// Named by handle: told in the app (and by e-mail as they chose).
		return "", recordInvited(ctx, tx, a, v, personID)
	}
	// Named by address: the steward expects an e-mail there.
	return "", s.mailInvitation(ctx, tx, a, v, email, fmt.Sprintf("%s/c/%s", s.baseURL, v.Slug))
}

// inviteAddress invites an address without an account: a link to sign up.
func (s *Service) inviteAddress(ctx context.Context, tx *db.Tx, a auth.Actor, v View, r Recipient) (string, error) {
	waiting, err := s.auth.PendingInvitations(ctx, tx, v.ID, 1000)
	if err != nil {
		return "", err
	}
	for _, p := range waiting {
		if p.Email == r.Email {
			return r.Email + " is invited already (see the invitations waiting, where you can send it again).", nil
		}
	}
	raw, err := s.auth.CreateInvitation(ctx, tx, r.Email, r.Name, v.ID, a.PersonID)
	if err != nil {
		return "", err
	}
	return "", s.mailInvitation(ctx, tx, a, v, r.Email, fmt.Sprintf("%s/signup?invite=%s", s.baseURL, raw))
}

// mailInvitation queues the e-mail of an invitation to v with link.
func (s *Service) mailInvitation(ctx context.Context, q db.Q, a auth.Actor, v View, to, link string) error {
	return notify.Queue(ctx, q, notify.Mail{To: to, Subject: a.Name + " invites you to " + v.Name,
		Body: fmt.Sprintf("%s invites you to join %s, a community of practice.\n\n%s\n\nSee it and accept here:\n%s\n\nThe link works for 14 days.\n",
			a.Name, v.Name, strings.TrimSpace(v.Purpose), link)})
}

// recordInvited records a's invitation of personID to v, addressed to them
// alone: they are told in the app.
func recordInvited(ctx context.Context, q db.Q, a auth.Actor, v View, personID int64) error {
	_, err := activity.Record(ctx, q, activity.Activity{ActorID: a.PersonID, Verb: activity.MemberInvited,
		SubjectKind: "community", SubjectID: v.ID, CommunityID: v.ID, Audience: activity.Subject,
		URL: "/c/" + v.Slug, Excerpt: v.Purpose, Targets: []activity.Target{{PersonID: personID, Reason: "invited"}}})
	return err
}
