package practice

import (
	"context"
	"strconv"
	"strings"

	"hearth/internal/errs"
)

// RelatedLimit is how many entries on the same tags an entry page suggests.
const RelatedLimit = 5

// relatedTags bounds the tags compared, and relatedPerTag the entries read
// for each (the community's most recent on that tag), so that suggesting
// costs the same however large the library or popular the tag.
const (
	relatedTags   = 5
	relatedPerTag = 30
)

// Link is an entry named by another page: enough to link to it.
type Link struct {
	ID       int64
	Slug     string
	Title    string
	Kind     Kind
	Maturity Maturity
}

// Related is what an entry page's side column suggests reading next.
type Related struct {
	// StartHere is the community's Start here path when the entry is on it,
	// in order; Position is the entry's place on it (from 1), 0 when not.
	StartHere []Link
	Position  int
	// ByTags are other published entries of the community sharing tags
	// with it, those sharing most first, then the most recently updated.
	ByTags []Link
}

// Related finds what to read next after ev, which the reader may read: in
// two queries whatever the size of the library.
func (s *Service) Related(ctx context.Context, ev EntryView) (Related, error) {
	var r Related
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.slug, e.title, e.kind, e.maturity FROM collections c
		JOIN collection_entries ce ON ce.collection_id = c.id JOIN entries e ON e.id = ce.entry_id
		WHERE c.community_id = $1 AND c.start_here AND e.maturity <> 'draft'
		AND EXISTS (SELECT 1 FROM collection_entries me WHERE me.collection_id = c.id AND me.entry_id = $2)
		ORDER BY ce.position LIMIT 100`, ev.Community.ID, ev.ID)
	if err != nil {
		return r, errs.Wrap(err, "read start here")
	}
	if r.StartHere, err = scanLinks(rows); err != nil {
		return r, errs.Wrap(err, "read start here")
	}
	for i, l := range r.StartHere {
		if l.ID == ev.ID {
			r.Position = i + 1
		}
	}
	tags := ev.Tags[:min(len(ev.Tags), relatedTags)]
	if len(tags) == 0 {
		return r, nil
	}
	query, args := relatedQuery(ev.Community.ID, ev.ID, tags)
	rows, err = s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return r, errs.Wrap(err, "read related entries")
	}
	r.ByTags, err = scanLinks(rows)
	return r, errs.Wrap(err, "read related entries")
}

// relatedQuery reads, for each tag, the community's most recent entries on
// it but entry (the index entry_tags_community_tag read backwards, nothing
// else), counted by how many of the tags they share; drafts are left out
// when the candidates' rows are read, once each. (Testing each walked
// entry's maturity read twice as many rows of a large table.)
func relatedQuery(communityID, entry int64, tags []string) (string, []any) {
	args := []any{communityID, entry}
	var walks []string
	for _, t := range tags {
		args = append(args, t)
		walks = append(walks, `SELECT * FROM (SELECT t.entry_id FROM entry_tags t
			WHERE t.community_id = $1 AND t.tag = $`+strconv.Itoa(len(args))+` AND t.entry_id <> $2
			ORDER BY t.entry_id DESC LIMIT `+strconv.Itoa(relatedPerTag)+`) w`+strconv.Itoa(len(args)))
	}
	return `SELECT e.id, e.slug, e.title, e.kind, e.maturity FROM (
			SELECT m.entry_id, COUNT(*) AS shared FROM (` + strings.Join(walks, " UNION ALL ") + `) m GROUP BY m.entry_id
		) r JOIN entries e ON e.id = r.entry_id WHERE e.maturity <> 'draft'
		ORDER BY r.shared DESC, e.updated_at DESC, e.id DESC LIMIT ` + strconv.Itoa(RelatedLimit), args
}

func scanLinks(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}) ([]Link, error) {
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		if err := rows.Scan(&l.ID, &l.Slug, &l.Title, &l.Kind, &l.Maturity); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
