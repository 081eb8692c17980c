package practice

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
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
	return mayRead(v, maturity, author), nil
}

// mayRead is Visible's rule: the entry's community readable, and a draft
// only to its authors and those who may see drafts.
func mayRead(v community.View, maturity Maturity, author bool) bool {
	return v.CanRead() && (maturity != Draft || v.CanSeeDraft(author))
}

// VisibleMany is Visible for several entries at once, in one query for the
// entries and one lookup for each of their communities: the fan-out asks it
// once a batch for what a visitor may see. An entry that is gone is not
// visible.
func (s *Service) VisibleMany(ctx context.Context, a auth.Actor, ids []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InIDs(2, ids)
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, c.slug, e.maturity,
		EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id AND ep.person_id = $1 AND ep.role = 'author')
		FROM entries e JOIN communities c ON c.id = e.community_id WHERE e.id IN (`+in+`)`, append([]any{a.PersonID}, args...)...)
	if err != nil {
		return nil, errs.Wrap(err, "read entries")
	}
	type entry struct {
		id       int64
		slug     string
		maturity Maturity
		author   bool
	}
	var found []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.slug, &e.maturity, &e.author); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "read entries")
		}
		found = append(found, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read entries")
	}
	views := map[string]*community.View{} // nil: not found for a
	for _, e := range found {
		v, known := views[e.slug]
		if !known {
			got, err := s.communities.Get(ctx, a, e.slug)
			if err != nil && !errs.Is(err, errs.NotFound) {
				return nil, err
			}
			if err == nil {
				v = &got
			}
			views[e.slug] = v
		}
		out[e.id] = v != nil && mayRead(*v, e.maturity, e.author)
	}
	return out, nil
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
