package practice

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// StartHereSlug names the collection every community has: the path
// newcomers see first.
const StartHereSlug = "start-here"

// Collection is an ordered, curated list of entries.
type Collection struct {
	ID          int64
	Slug        string
	Title       string
	Description string
	StartHere   bool
	Entries     []Entry // in order; only those the reader may read
}

// Collections returns the community's collections, Start here first, each
// with its entries in order (two queries whatever their number).
func (s *Service) Collections(ctx context.Context, v community.View) ([]Collection, error) {
	if !v.CanRead() {
		return nil, errs.NotFoundf("There is no such community, or you may not see it.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, slug, title, description, start_here FROM collections WHERE community_id = $1
		ORDER BY start_here DESC, title`, v.ID)
	if err != nil {
		return nil, errs.Wrap(err, "list collections")
	}
	var out []Collection
	index := map[int64]int{}
	for rows.Next() {
		var c Collection
		if err := rows.Scan(&c.ID, &c.Slug, &c.Title, &c.Description, &c.StartHere); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "list collections")
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "list collections")
	}
	if !hasStartHere(out) {
		out = append([]Collection{{Slug: StartHereSlug, Title: "Start here", StartHere: true,
			Description: "The entries a newcomer should read first."}}, out...)
		for id, i := range index {
			index[id] = i + 1
		}
	}
	rows, err = s.db.QueryContext(ctx, `SELECT `+entryColumns+`, ce.collection_id FROM collection_entries ce
		JOIN collections c ON c.id = ce.collection_id JOIN entries e ON e.id = ce.entry_id`+entryJoins+`
		WHERE c.community_id = $1 AND e.maturity <> 'draft' ORDER BY ce.collection_id, ce.position`, v.ID)
	if err != nil {
		return nil, errs.Wrap(err, "list collection entries")
	}
	defer rows.Close()
	now := s.now()
	for rows.Next() {
		var cid int64
		var e Entry
		if err := scanEntry(rows, &e, &cid); err != nil {
			return nil, errs.Wrap(err, "list collection entries")
		}
		e.Body = ""
		e.markStale(now, v.Practice.StaleAfterDays)
		if i, ok := index[cid]; ok {
			out[i].Entries = append(out[i].Entries, e)
		}
	}
	return out, errs.Wrap(rows.Err(), "list collection entries")
}

func hasStartHere(cs []Collection) bool {
	for _, c := range cs {
		if c.StartHere {
			return true
		}
	}
	return false
}

// CollectionInput is what a steward writes to make a collection.
type CollectionInput struct {
	Title       string
	Description string
}

// CreateCollection adds a collection; stewards only.
func (s *Service) CreateCollection(ctx context.Context, a auth.Actor, communitySlug string, in CollectionInput) (string, error) {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Description = strings.TrimSpace(in.Description)
	var v errs.Validation
	v.Check(utf8.RuneCountInString(in.Title) >= 3 && utf8.RuneCountInString(in.Title) <= 100, "title", "Give the collection a title of 3 to 100 characters.")
	v.Check(utf8.RuneCountInString(in.Description) <= 1000, "description", "Keep the description to 1,000 characters.")
	if err := v.Err(); err != nil {
		return "", err
	}
	var slug string
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		cv, err := s.communities.ViewTx(ctx, tx, a, communitySlug)
		if err != nil {
			return err
		}
		if !cv.CanCurate() {
			return curateRefusal(cv)
		}
		slug = community.Slugify(in.Title)
		if slug == "" || slug == StartHereSlug {
			slug = "collection-" + slug
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO collections (community_id, slug, title, description, start_here, created_at) VALUES ($1, $2, $3, $4, FALSE, $5)`,
			cv.ID, slug, in.Title, in.Description, s.now())
		if db.IsUniqueViolation(err) {
			return errs.Field("title", "There is a collection with this title already.")
		}
		return errs.Wrap(err, "create collection")
	})
	return slug, err
}

func curateRefusal(v community.View) error {
	if v.Archived() {
		return errs.Forbiddenf("This community is archived: its library is read-only.")
	}
	return errs.Forbiddenf("The community's stewards curate its collections.")
}

// collectionTx returns the id of the community's collection with slug,
// creating Start here on first use.
func (s *Service) collectionTx(ctx context.Context, tx *db.Tx, communityID int64, slug string, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM collections WHERE community_id = $1 AND slug = $2", communityID, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) && slug == StartHereSlug {
		id, err = db.InsertID(ctx, tx, `INSERT INTO collections (community_id, slug, title, description, start_here, created_at)
			VALUES ($1, $2, 'Start here', 'The entries a newcomer should read first.', TRUE, $3)`, communityID, slug, now)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errs.NotFoundf("There is no such collection.")
	}
	return id, errs.Wrap(err, "find collection")
}

// AddToCollection puts an entry at the end of a collection; stewards only.
func (s *Service) AddToCollection(ctx context.Context, a auth.Actor, communitySlug, collectionSlug, entrySlug string) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		e, cid, err := s.curatedTx(ctx, tx, a, communitySlug, collectionSlug, entrySlug)
		if err != nil {
			return err
		}
		if e.Maturity == Draft { // the transaction rolls back, so a new Start here is not kept either
			return errs.Conflictf("Publish the entry before adding it to a collection.")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO collection_entries (collection_id, entry_id, position)
			SELECT $1, $2, COALESCE(MAX(position), 0) + 1 FROM collection_entries WHERE collection_id = $1
			ON CONFLICT (collection_id, entry_id) DO NOTHING`, cid, e.ID)
		return errs.Wrap(err, "add to collection")
	})
}

// curatedTx loads, for a steward's change to a collection, the entry and the
// collection's id (Start here is made on first use).
func (s *Service) curatedTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug, collectionSlug, entrySlug string) (Entry, int64, error) {
	v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
	if err != nil {
		return Entry{}, 0, err
	}
	if !v.CanCurate() {
		return Entry{}, 0, curateRefusal(v)
	}
	cid, err := s.collectionTx(ctx, tx, v.ID, collectionSlug, s.now())
	return e, cid, err
}

// RemoveFromCollection takes an entry out of a collection; stewards only.
func (s *Service) RemoveFromCollection(ctx context.Context, a auth.Actor, communitySlug, collectionSlug, entrySlug string) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		e, cid, err := s.curatedTx(ctx, tx, a, communitySlug, collectionSlug, entrySlug)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM collection_entries WHERE collection_id = $1 AND entry_id = $2", cid, e.ID)
		return errs.Wrap(err, "remove from collection")
	})
}

// MoveInCollection moves an entry one place up (or down) in a collection;
// stewards only.
func (s *Service) MoveInCollection(ctx context.Context, a auth.Actor, communitySlug, collectionSlug, entrySlug string, up bool) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		e, cid, err := s.curatedTx(ctx, tx, a, communitySlug, collectionSlug, entrySlug)
		if err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRowContext(ctx, "SELECT position FROM collection_entries WHERE collection_id = $1 AND entry_id = $2", cid, e.ID).Scan(&pos); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errs.NotFoundf("The entry is not in this collection.")
			}
			return errs.Wrap(err, "move in collection")
		}
		cmp, order := "<", "DESC"
		if !up {
			cmp, order = ">", "ASC"
		}
		var otherID int64
		var otherPos int
		err = tx.QueryRowContext(ctx, "SELECT entry_id, position FROM collection_entries WHERE collection_id = $1 AND position "+cmp+
			" $2 ORDER BY position "+order+" LIMIT 1", cid, pos).Scan(&otherID, &otherPos)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already first (or last)
		}
		if err != nil {
			return errs.Wrap(err, "move in collection")
		}
		for _, u := range [][3]int64{{int64(otherPos), cid, e.ID}, {int64(pos), cid, otherID}} {
			if _, err := tx.ExecContext(ctx, "UPDATE collection_entries SET position = $1 WHERE collection_id = $2 AND entry_id = $3", u[0], u[1], u[2]); err != nil {
				return errs.Wrap(err, "move in collection")
			}
		}
		return nil
	})
}
