package community

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// PracticeSettings are a community's choices about its practice library.
type PracticeSettings struct {
	Writers        string // "members": any member writes entries; "stewards": only stewards
	Editors        string // "members": any member improves any entry; "authors": authors and stewards only
	Comments       string // "open" or "closed": the default for new entries
	StaleAfterDays int    // an entry not verified for this long is flagged stale
	// ReviewAfterDays is how long a member waits before reviewing entries
	// (unless they have published one here); stewards always may.
	ReviewAfterDays int
}

// DefaultPracticeSettings are those of a new community.
func DefaultPracticeSettings() PracticeSettings {
	return PracticeSettings{Writers: "members", Editors: "members", Comments: "open", StaleAfterDays: 365, ReviewAfterDays: 7}
}

// Validate reports problems keyed by form field.
func (p PracticeSettings) Validate() error {
	var v errs.Validation
	v.Check(p.Writers == "members" || p.Writers == "stewards", "practice_writers", "Choose who may write entries.")
	v.Check(p.Editors == "members" || p.Editors == "authors", "practice_editors", "Choose who may improve entries.")
	v.Check(p.Comments == "open" || p.Comments == "closed", "comments_default", "Choose whether comments start open.")
	v.Check(p.ReviewAfterDays >= 0 && p.ReviewAfterDays <= 365, "review_after_days", "Use a number of days from 0 (any member) to 365.")
	v.Check(p.StaleAfterDays >= 30 && p.StaleAfterDays <= 3650, "stale_after_days", "Use a number of days from 30 to 3650.")
	return v.Err()
}

// UpdatePracticeSettings changes the community's practice library settings;
// stewards only.
func (s *Service) UpdatePracticeSettings(ctx context.Context, a auth.Actor, slug string, p PracticeSettings) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanEditCharter() {
			return forbiddenUnlessArchived(v, "Only the community's stewards can change how its practice library works.")
		}
		_, err = tx.ExecContext(ctx, `UPDATE communities SET practice_writers = $1, practice_editors = $2, comments_default = $3,
			stale_after_days = $4, review_after_days = $5, updated_at = $6 WHERE id = $7`, p.Writers, p.Editors, p.Comments, p.StaleAfterDays, p.ReviewAfterDays, s.now(), v.ID)
		return errs.Wrap(err, "update practice settings")
	})
}

// ViewTx returns the community as a sees it, read inside tx, for other
// capabilities' services that check permission and write in one transaction.
func (s *Service) ViewTx(ctx context.Context, tx *db.Tx, a auth.Actor, slug string) (View, error) {
	return s.view(ctx, tx, a, slug)
}

// ForSettings returns the community for its settings page: stewards (and,
// to archive it, administrators) only; a visitor is asked to sign in.
func (s *Service) ForSettings(ctx context.Context, a auth.Actor, slug string) (View, error) {
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return View{}, err
	}
	switch {
	case v.CanEditCharter() || v.CanArchive():
		return v, nil
	case !a.SignedIn():
		return View{}, errs.New(errs.Unauthenticated, "Please sign in.")
	}
	return View{}, errs.Forbiddenf("Only the community's stewards can change its settings.")
}
