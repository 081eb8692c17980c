package community

import (
	"context"
	"strings"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// SuggestLimit is how many people one @-suggestion lists at most.
const SuggestLimit = 8

// MaxSuggestQuery bounds what a suggestion looks for, in characters: a
// handle is at most 32 long.
const MaxSuggestQuery = 32

// Suggest lists the community's active members whose handle or name (or a
// word of it) begins with query, at most SuggestLimit, handles that match
// first: the people someone writing in it may mention. The writer is left
// out. Only signed-in people who may read the community and its members
// ask; anyone else gets NotFound, as for the community itself.
func (s *Service) Suggest(ctx context.Context, a auth.Actor, slug, query string) ([]Member, error) {
	query = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(query), "@"))
	if utf8.RuneCountInString(query) > MaxSuggestQuery {
		return nil, errs.Field("q", "Type at most 32 characters of a name or handle.")
	}
	if !a.SignedIn() {
		return nil, errNotFound
	}
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return nil, err
	}
	if !v.CanRead() || !v.CanSeeMembers() {
		return nil, errNotFound
	}
	// LIKE escapes its wildcards so that a typed % or _ matches itself.
	q := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(query)
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.handle, p.name, m.role
		FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.community_id = $1 AND m.status = 'active' AND p.disabled_at IS NULL AND p.id <> $2
			AND (p.handle LIKE CAST($3 AS TEXT) || '%' ESCAPE '\' OR lower(p.name) LIKE CAST($3 AS TEXT) || '%' ESCAPE '\' OR lower(p.name) LIKE '% ' || CAST($3 AS TEXT) || '%' ESCAPE '\')
		ORDER BY CASE WHEN p.handle LIKE CAST($3 AS TEXT) || '%' ESCAPE '\' THEN 0 ELSE 1 END, lower(p.name), p.id
		LIMIT $4`, v.ID, a.PersonID, q, SuggestLimit)
	if err != nil {
		return nil, errs.Wrap(err, "suggest members")
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		m := Member{Status: ActiveMember}
		if err := rows.Scan(&m.PersonID, &m.Handle, &m.Name, &m.Role); err != nil {
			return nil, errs.Wrap(err, "suggest members")
		}
		out = append(out, m)
	}
	return out, errs.Wrap(rows.Err(), "suggest members")
}
