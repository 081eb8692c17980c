package search

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/db"
)

// The SQL twins of community.View's policy (internal/community/policy.go),
// over a communities row aliased c, for the reader r. The property test
// (visibility_test.go) checks them against the Go policy on both engines.

// canSee is View.CanSee: administrators see everything; a proposed or
// declined community only its proposer (its steward); otherwise public,
// institution-wide for the signed-in, private for its active and invited
// members.
func canSee(c string, r reader) string {
	return `(` + r.admin + ` OR (` + c + `.status IN ('proposed', 'declined') AND EXISTS (SELECT 1 FROM memberships sm
			WHERE sm.community_id = ` + c + `.id AND sm.person_id = ` + r.person + ` AND sm.role = 'steward'))
		OR (` + c + `.status NOT IN ('proposed', 'declined') AND (` + c + `.visibility = 'public'
			OR (` + c + `.visibility = 'institution' AND ` + r.signedIn + `)
			OR EXISTS (SELECT 1 FROM memberships sm WHERE sm.community_id = ` + c + `.id AND sm.person_id = ` + r.person + `
				AND sm.status IN ('active', 'invited')))))`
}

// canRead is View.CanRead: what one may see, but a private community's
// content only for its active members and administrators.
func canRead(c string, r reader) string {
	return `(` + canSee(c, r) + ` AND (` + c + `.visibility <> 'private' OR ` + r.admin + `
		OR EXISTS (SELECT 1 FROM memberships rm WHERE rm.community_id = ` + c + `.id AND rm.person_id = ` + r.person + ` AND rm.status = 'active')))`
}

// readScope lists, as SQL lists of ids, the communities whose content a may
// read and those among them a stewards (whose drafts a sees). It is read
// once per search, so that each candidate is checked against a short list
// of ids instead of joining its community and the reader's memberships
// (which cost as much again as finding the candidate). readCommunities
// also gives the readable ones' slugs and names, for the search page's
// community filter, from the same query.
func readScope(ctx context.Context, d *db.DB, a auth.Actor) (readable, stewards string, err error) {
	readable, stewards, _, err = readCommunities(ctx, d, a)
	return readable, stewards, err
}

func readCommunities(ctx context.Context, d *db.DB, a auth.Actor) (readable, stewards string, named []Community, err error) {
	rows, err := d.QueryContext(ctx, `SELECT c.id, c.slug, c.name, EXISTS (SELECT 1 FROM memberships ds WHERE ds.community_id = c.id AND ds.person_id = $1
			AND ds.status = 'active' AND ds.role = 'steward')
		FROM communities c WHERE `+canRead("c", reader{person: "$1", signedIn: "$2", admin: "$3"})+` ORDER BY c.id`,
		a.PersonID, a.SignedIn(), a.Admin)
	if err != nil {
		return "", "", nil, err
	}
	defer rows.Close()
	var read, steward []string
	for rows.Next() {
		var id int64
		var c Community
		var stewards bool
		if err := rows.Scan(&id, &c.Slug, &c.Name, &stewards); err != nil {
			return "", "", nil, err
		}
		read = append(read, strconv.FormatInt(id, 10))
		c.id = id
		named = append(named, c)
		if stewards {
			steward = append(steward, strconv.FormatInt(id, 10))
		}
	}
	return idList(read), idList(steward), byName(named), rows.Err()
}

// idList is ids for SQL's IN (…); NULL, which matches nothing, for none.
func idList(ids []string) string {
	if len(ids) == 0 {
		return "NULL"
	}
	return strings.Join(ids, ", ")
}

// canSeeEntryIn is View.CanSeeDraft for a draft, CanRead otherwise, over an
// entries row aliased e, with the reader's communities read beforehand
// (readScope): a steward of the community or an author sees a draft.
func canSeeEntryIn(e string, r reader) string {
	return `(` + e + `.community_id IN (` + r.readable + `) AND (` + e + `.maturity <> 'draft' OR ` + e + `.community_id IN (` + r.stewards + `)
		OR EXISTS (SELECT 1 FROM entry_people da WHERE da.entry_id = ` + e + `.id AND da.person_id = ` + r.person + ` AND da.role = 'author')))`
}

// byName orders communities by name for the filter, the first
// maxFilterCommunities of them.
func byName(cs []Community) []Community {
	slices.SortFunc(cs, func(a, b Community) int { return strings.Compare(a.Name, b.Name) })
	return cs[:min(len(cs), maxFilterCommunities)]
}

// maxFilterCommunities bounds the community filter's choices.
const maxFilterCommunities = 500
