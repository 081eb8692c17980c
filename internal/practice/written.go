package practice

import (
	"context"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// WrittenSize is how many entries a profile lists of what a person wrote.
const WrittenSize = 20

// Written is an entry on its author's profile, with where it lives.
type Written struct {
	Entry
	CommunitySlug string
	CommunityName string
}

// WrittenBy lists the entries person is an author of that a may read, most
// recently updated first. The policy (CanRead) is asked of all the communities
// written in at once, so the page costs the same queries however many;
// drafts show only on the author's own profile: a profile shows what the
// person has published, even to the stewards who may read a draft.
func (s *Service) WrittenBy(ctx context.Context, a auth.Actor, personID int64) ([]Written, error) {
	readable, err := s.communities.ReadableIn(ctx, a, `SELECT DISTINCT e.community_id FROM entry_people ep JOIN entries e ON e.id = ep.entry_id
		WHERE ep.person_id = $1 AND ep.role = 'author'`, personID)
	if err != nil {
		return nil, err
	}
	if len(readable) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+entryColumns+`, `+commentCount+`, c.slug, c.name FROM entries e`+entryJoins+`
		JOIN communities c ON c.id = e.community_id
		WHERE e.community_id IN (`+strings.Join(readable, ", ")+`) AND (e.maturity <> 'draft' OR $2)
		AND EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id AND ep.person_id = $1 AND ep.role = 'author')
		ORDER BY e.updated_at DESC, e.id DESC LIMIT $3`, personID, a.SignedIn() && a.PersonID == personID, WrittenSize)
	if err != nil {
		return nil, errs.Wrap(err, "list entries written")
	}
	defer rows.Close()
	var out []Written
	for rows.Next() {
		var w Written
		if err := scanEntry(rows, &w.Entry, &w.Entry.Comments, &w.CommunitySlug, &w.CommunityName); err != nil {
			return nil, errs.Wrap(err, "list entries written")
		}
		out = append(out, w)
	}
	return out, errs.Wrap(rows.Err(), "list entries written")
}
