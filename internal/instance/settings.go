// Package instance keeps the settings of this Hearth instance as a whole:
// its name, who may sign up, and whether new communities need approval.
package instance

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Sign-up modes.
const (
	SignupOpen   = "open"   // anyone may create an account
	SignupInvite = "invite" // only people invited by e-mail may
)

// Settings are the instance-wide choices an administrator makes.
type Settings struct {
	Name             string // the institution's name, shown in the header
	Signup           string // SignupOpen or SignupInvite
	ApprovalRequired bool   // new communities are proposals until an administrator approves them
	SetupDone        bool   // the first administrator exists
}

// Defaults are the settings of a new instance.
func Defaults() Settings {
	return Settings{Name: "Hearth", Signup: SignupOpen}
}

// Load reads the settings through q.
func Load(ctx context.Context, q db.Q) (Settings, error) {
	s := Defaults()
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return s, errs.Wrap(err, "load settings")
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, errs.Wrap(err, "load settings")
		}
		switch k {
		case "name":
			s.Name = v
		case "signup":
			s.Signup = v
		case "approval_required":
			s.ApprovalRequired = v == "true"
		case "setup_done":
			s.SetupDone = v == "true"
		}
	}
	return s, errs.Wrap(rows.Err(), "load settings")
}

// Validate reports problems with s, keyed by form field.
func (s Settings) Validate() error {
	var v errs.Validation
	name := strings.TrimSpace(s.Name)
	v.Check(name != "", "name", "Give the instance a name, such as your institution's.")
	v.Check(utf8.RuneCountInString(name) <= 100, "name", "Keep the name to 100 characters.")
	v.Check(s.Signup == SignupOpen || s.Signup == SignupInvite, "signup", "Choose open sign-up or invitation only.")
	return v.Err()
}

// Save validates s and writes it through q.
func Save(ctx context.Context, q db.Q, s Settings) error {
	s.Name = strings.TrimSpace(s.Name)
	if err := s.Validate(); err != nil {
		return err
	}
	// Always in the same order: two saves at once on PostgreSQL then wait
	// for each other's rows instead of locking them crosswise (a deadlock).
	for _, kv := range [][2]string{
		{"approval_required", boolString(s.ApprovalRequired)},
		{"name", s.Name},
		{"setup_done", boolString(s.SetupDone)},
		{"signup", s.Signup},
	} {
		if _, err := q.ExecContext(ctx,
			"INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", kv[0], kv[1]); err != nil {
			return errs.Wrap(err, "save settings")
		}
	}
	return nil
}

// ClaimSetup marks the instance set up, through q (the set-up's transaction),
// or returns Conflict when it is set up already. It is one statement, so of
// two set-ups at once only one claims it: on PostgreSQL the second waits on
// the first's row and then finds it claimed.
func ClaimSetup(ctx context.Context, q db.Q) error {
	var key string
	err := q.QueryRowContext(ctx, `INSERT INTO settings (key, value) VALUES ('setup_done', 'true')
		ON CONFLICT (key) DO UPDATE SET value = 'true' WHERE settings.value <> 'true' RETURNING key`).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Conflictf("This instance is set up already. Sign in instead.")
	}
	return errs.Wrap(err, "claim set-up")
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Update saves the settings an administrator edits (name, sign-up, approval),
// keeping the set-up flag. Only administrators may.
func Update(ctx context.Context, d *db.DB, admin bool, s Settings) error {
	if !admin {
		return errs.Forbiddenf("Only administrators change the instance settings.")
	}
	return d.WithTx(ctx, func(tx *db.Tx) error {
		cur, err := Load(ctx, tx)
		if err != nil {
			return err
		}
		s.SetupDone = cur.SetupDone
		return Save(ctx, tx, s)
	})
}
