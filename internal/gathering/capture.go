package gathering

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/links"
	"hearth/internal/practice"
)

// A date's notes (or the part of them a person keeps) may be captured as a
// practice entry: the new-entry form starts from them, and the entry is
// linked from the occurrence (links.Became, from ("occurrence", id) to
// ("entry", id)) in the entry's transaction; both pages show the link.

// OccurrenceKind is the links kind of a gathering's date.
const OccurrenceKind = "occurrence"

// Captured is an entry captured from a date's notes.
type Captured struct {
	Slug, Title string
}

// CanCapture reports whether the actor may capture notes as an entry: those
// who may write in the community's library.
func (v View) CanCapture() bool { return v.Community.CanWritePractice() }

func mayCapture(v View) error {
	switch {
	case v.CanCapture():
		return nil
	case !v.Community.Actor.SignedIn():
		return errs.New(errs.Unauthenticated, "Please sign in.")
	}
	return errs.Forbiddenf("Only those who write in this community's library capture notes as entries.")
}

// ForCapture returns a date and its notes for the capture form.
func (s *Service) ForCapture(ctx context.Context, a auth.Actor, slug string, id, occ int64) (View, Occurrence, Text, error) {
	v, err := s.Get(ctx, a, slug, id)
	if err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	o, err := s.occurrence(ctx, s.db, id, occ, false)
	if err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	if err := mayCapture(v); err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	t, err := s.text(ctx, s.db, occ, Notes)
	return v, o, t, err
}

// Capture makes the entry in from a date of gathering id, linked from it.
// The date is checked again in the entry's transaction.
func (s *Service) Capture(ctx context.Context, lib *practice.Service, a auth.Actor, slug string, id, occ int64, in practice.Input) (practice.Entry, error) {
	if _, _, _, err := s.ForCapture(ctx, a, slug, id, occ); err != nil {
		return practice.Entry{}, err
	}
	in.Then = func(ctx context.Context, tx *db.Tx, entryID int64) error {
		c, err := s.communities.ViewTx(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if err := mayRead(c); err != nil {
			return err
		}
		if _, err := s.load(ctx, tx, c, id, false); err != nil {
			return err
		}
		if _, err := s.occurrence(ctx, tx, id, occ, true); err != nil {
			return err
		}
		return links.Add(ctx, tx, links.Thing{Kind: OccurrenceKind, ID: occ}, links.Thing{Kind: "entry", ID: entryID}, links.Became, a.PersonID, s.now())
	}
	return lib.Create(ctx, a, slug, in)
}

// CapturedFrom lists the published entries captured from occurrence o of
// v, oldest first: in two queries when any was ever captured from it, in
// none otherwise.
func (s *Service) CapturedFrom(ctx context.Context, v View, o Occurrence) ([]Captured, error) {
	if !o.Captured { // nothing was ever captured from it: no query
		return nil, nil
	}
	out, err := links.From(ctx, s.db, OccurrenceKind, []int64{o.ID})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	args := []any{v.Community.ID}
	for _, l := range out {
		args = append(args, l.To.ID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT slug, title FROM entries WHERE community_id = $1 AND maturity <> 'draft'
		AND id IN (`+db.Placeholders(2, len(out))+`) ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read captured entries")
	}
	defer rows.Close()
	var list []Captured
	for rows.Next() {
		var c Captured
		if err := rows.Scan(&c.Slug, &c.Title); err != nil {
			return nil, errs.Wrap(err, "read captured entries")
		}
		list = append(list, c)
	}
	return list, errs.Wrap(rows.Err(), "read captured entries")
}

// CaptureSource is how the new entry names where it came from.
func CaptureSource(v View, o Occurrence) string {
	return "The notes of “" + o.Title + "” on " + o.Start.In(v.Location()).Format("2 January 2006")
}
