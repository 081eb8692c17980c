package practice

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// Visible reports whether a may read the entry with id now (a draft only to
// its authors and stewards), without counting a view: notifications ask it
// for every person they would tell, so it costs two small queries.
func (s *Service) Visible(ctx context.Context, a auth.Actor, entryID int64) (bool, error) {
	var communitySlug string
	var maturity Maturity
	var author bool
	err := s.db.QueryRowContext(ctx, `SELECT c.slug, e.maturity,
		EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id AND ep.person_id = $2 AND ep.role = 'author')
		FROM entries e JOIN communities c ON c.id = e.community_id WHERE e.id = $1`,
		entryID, a.PersonID).Scan(&communitySlug, &maturity, &author)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "read entry")
	}
	v, err := s.communities.Get(ctx, a, communitySlug)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return v.CanRead() && (maturity != Draft || v.CanSeeDraft(author)), nil
}

// IDs returns the ids of an entry and its community, for an actor who may
// read it (NotFound otherwise), without counting a view.
func (s *Service) IDs(ctx context.Context, a auth.Actor, communitySlug, entrySlug string) (entryID, communityID int64, err error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return 0, 0, err
	}
	e, err := s.loadEntry(ctx, s.db, v, entrySlug)
	if err != nil {
		return 0, 0, err
	}
	return e.ID, v.ID, nil
}
