package community

import (
	"context"
	"errors"

	"hearth/internal/auth"
)

// With is a row another capability reads in the community's own statement
// (one round trip instead of two; on PostgreSQL each is one): the tables
// joined to communities c (placeholders from $3 on, $2 being the reader's
// person id), their columns, an optional tail after the WHERE clause
// (" AND ..." or " ORDER BY ... LIMIT 1"), and where the columns are scanned.
type With struct {
	Columns, Join, Tail string
	Args, Dest          []any
}

// GetWith is Get reading w's row with the community; found is false when
// the community may be seen but w's join finds no row (the caller says
// what is missing). The rights are Get's: a community a may not see is
// NotFound, whatever w finds.
func (s *Service) GetWith(ctx context.Context, a auth.Actor, slug string, w With) (v View, found bool, err error) {
	v, err = s.loadWith(ctx, s.db, a, slug, w)
	if errors.Is(err, errNotFound) {
		// No row: the community is missing or hidden (its error), or w's row is.
		v, err = s.Get(ctx, a, slug)
		return v, false, err
	}
	if err != nil {
		return View{}, false, err
	}
	if !v.CanSee() {
		return View{}, false, errNotFound
	}
	return v, true, nil
}
