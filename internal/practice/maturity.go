package practice

import (
	"context"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/search"
)

// SetMaturity moves an entry to another maturity, by the rules of who may:
// authors and stewards publish and take back to draft; a member other than
// the authors confirms (reviewed); stewards endorse.
func (s *Service) SetMaturity(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, to Maturity) error {
	now := s.now()
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		ev := EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}
		if to == Reviewed {
			if err := s.reviewStanding(ctx, tx, &ev); err != nil {
				return err
			}
		}
		var query string
		var args []any
		switch {
		case to == Published && ev.CanPublish() && e.Maturity == Draft:
			query, args = "UPDATE entries SET maturity = 'published', published_at = COALESCE(published_at, $1) WHERE id = $2", []any{now, e.ID}
		case to == Draft && ev.CanPublish() && e.Maturity != Draft:
			query, args = "UPDATE entries SET maturity = 'draft', reviewed_by = NULL, endorsed_by = NULL WHERE id = $1", []any{e.ID}
		case to == Reviewed && ev.CanReview():
			query, args = "UPDATE entries SET maturity = 'reviewed', reviewed_by = $1 WHERE id = $2", []any{a.PersonID, e.ID}
		case to == Endorsed && ev.CanEndorse():
			query, args = "UPDATE entries SET maturity = 'endorsed', endorsed_by = $1 WHERE id = $2", []any{a.PersonID, e.ID}
		default:
			return maturityRefusal(ev, to)
		}
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return errs.Wrap(err, "set maturity")
		}
		if verb, ok := maturityVerbs[to]; ok {
			was := e.Maturity
			e.Maturity = to
			if to != Published || was == Draft {
				if err := recordEntry(ctx, tx, a, verb, v, e, "", nil); err != nil {
					return err
				}
			}
		}
		return search.IndexEntry(ctx, tx, tx.Dialect(), e.ID)
	})
}

func maturityRefusal(ev EntryView, to Maturity) error {
	if ev.Community.Archived() {
		return errs.Forbiddenf("This community is archived: its library is read-only.")
	}
	switch to {
	case Published, Draft:
		if ev.Maturity == to {
			return errs.Conflictf("The entry is %s already.", to)
		}
		return errs.Forbiddenf("Only the entry's authors and the community's stewards can do that.")
	case Reviewed:
		if ev.Author {
			return errs.Forbiddenf("A review confirms an entry from outside: a member other than its authors reviews it.")
		}
		if ev.Maturity != Published {
			return errs.Conflictf("Only a published entry can be reviewed (this one is %s).", ev.Maturity)
		}
		if wait := ev.ReviewWait(); wait != "" {
			return errs.Forbiddenf("%s", wait)
		}
		return errs.Forbiddenf("Members of the community review its entries.")
	case Endorsed:
		if ev.Maturity == Draft || ev.Maturity == Endorsed {
			return errs.Conflictf("Only a published or reviewed entry can be endorsed (this one is %s).", ev.Maturity)
		}
		if ev.Author && ev.Community.CanCurate() {
			return errs.Forbiddenf("No one endorses their own entry: another steward can.")
		}
		return errs.Forbiddenf("The community's stewards endorse entries.")
	}
	return errs.Field("maturity", "Choose draft, published, reviewed or endorsed.")
}

// Verify records that a says the entry is still accurate. That answers a
// review-by date that has passed (it is cleared) and staleness from age.
func (s *Service) Verify(ctx context.Context, a auth.Actor, communitySlug, entrySlug string) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		if !(EntryView{Entry: e, Community: v}).CanVerify() {
			return errs.Forbiddenf("Members of the community verify its published entries.")
		}
		_, err = tx.ExecContext(ctx, `UPDATE entries SET verified_at = $1, verified_by = $2,
			review_by = CASE WHEN review_by < $1 THEN NULL ELSE review_by END WHERE id = $3`, s.now(), a.PersonID, e.ID)
		return errs.Wrap(err, "verify entry")
	})
}

// maturityVerbs are the activities of a change of maturity (back to draft
// is none: the entry leaves the community's sight).
var maturityVerbs = map[Maturity]string{
	Published: activity.EntryPublished,
	Reviewed:  activity.EntryReviewed,
	Endorsed:  activity.EntryEndorsed,
}
