package notify

import (
	"context"
	"fmt"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// E-mail choices, per person and per community.
const (
	EmailImmediate = "immediate"
	EmailDaily     = "daily"
	EmailWeekly    = "weekly"
	EmailNever     = "never"
)

// DefaultEmail is the choice of a person who made none: told at once, since
// only what they take part in, watch, or are mentioned in reaches them.
const DefaultEmail = EmailImmediate

// ValidEmailChoice reports whether s is one of the e-mail choices.
func ValidEmailChoice(s string) bool {
	switch s {
	case EmailImmediate, EmailDaily, EmailWeekly, EmailNever:
		return true
	}
	return false
}

// choices are the e-mail choices of several people, by person and community.
type choices map[int64]map[int64]string

// emailPrefs reads the e-mail choices of the people with ids, in one query.
func emailPrefs(ctx context.Context, q db.Q, ids []int64) (choices, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, `SELECT person_id, community_id, email FROM notification_prefs WHERE person_id IN (`+db.Placeholders(1, len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read e-mail choices: %w", err)
	}
	defer rows.Close()
	out := choices{}
	for rows.Next() {
		var person, community int64
		var email string
		if err := rows.Scan(&person, &community, &email); err != nil {
			return nil, fmt.Errorf("read e-mail choices: %w", err)
		}
		if out[person] == nil {
			out[person] = map[int64]string{}
		}
		out[person][community] = email
	}
	return out, rows.Err()
}

// of is personID's choice for a community's notifications, as emailPref.
func (c choices) of(personID, communityID int64) string {
	if e, ok := c[personID][communityID]; ok {
		return e
	}
	if e, ok := c[personID][0]; ok {
		return e
	}
	return DefaultEmail
}

// Prefs are a person's e-mail choices: Default for everything, and the
// communities where they chose otherwise.
type Prefs struct {
	Default     string
	ByCommunity map[int64]string
}

// LoadPrefs reads personID's e-mail choices.
func LoadPrefs(ctx context.Context, q db.Q, personID int64) (Prefs, error) {
	p := Prefs{Default: DefaultEmail, ByCommunity: map[int64]string{}}
	rows, err := q.QueryContext(ctx, `SELECT community_id, email FROM notification_prefs WHERE person_id = $1`, personID)
	if err != nil {
		return p, errs.Wrap(err, "read e-mail choices")
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		var e string
		if err := rows.Scan(&c, &e); err != nil {
			return p, errs.Wrap(err, "read e-mail choices")
		}
		if c == 0 {
			p.Default = e
		} else {
			p.ByCommunity[c] = e
		}
	}
	return p, errs.Wrap(rows.Err(), "read e-mail choices")
}

// SetPref sets personID's e-mail choice for a community (0: their default).
// The empty choice for a community removes it, so the default applies.
func SetPref(ctx context.Context, q db.Q, personID, communityID int64, email string) error {
	if personID == 0 {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	if email == "" && communityID != 0 {
		_, err := q.ExecContext(ctx, `DELETE FROM notification_prefs WHERE person_id = $1 AND community_id = $2`, personID, communityID)
		return errs.Wrap(err, "save e-mail choice")
	}
	if !ValidEmailChoice(email) {
		return errs.Field("email", "Choose immediately, a daily digest, a weekly digest, or never.")
	}
	_, err := q.ExecContext(ctx, `INSERT INTO notification_prefs (person_id, community_id, email) VALUES ($1, $2, $3)
		ON CONFLICT (person_id, community_id) DO UPDATE SET email = excluded.email`, personID, communityID, email)
	return errs.Wrap(err, "save e-mail choice")
}
