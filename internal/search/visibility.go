package search

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/lru"
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

// readCommunities lists, as SQL lists of ids, the communities whose content
// a may read and those among them a stewards (whose drafts a sees), and the
// readable ones' slugs and names, by name, for the search page's community
// filter. It is read once per search, so that each candidate is checked
// against a short list of ids instead of joining its community and the
// reader's memberships (which cost as much again as finding the candidate).
//
// It is kept per reader under the directory version, which triggers move
// on every change to a community's row or to a membership (migrations 0005,
// 0008 and 0076; community/mine_kept.go keeps a reader's communities the
// same way): a search reads that one-row version instead of every community
// the reader may read, with their memberships (a query that grows with the
// institution's communities), and a change makes a new version, so a kept
// scope is never stale. The lists are shared: not to be changed.
func readCommunities(ctx context.Context, d *db.DB, a auth.Actor) (readable, stewards string, named []Community, err error) {
	var version int64
	if err := d.QueryRowContext(ctx, "SELECT version FROM directory_version WHERE id = 1").Scan(&version); err != nil {
		return "", "", nil, err
	}
	key := scopeKey{d: d, actor: a, version: version}
	if s, ok := keptScopes.Get(key); ok {
		return s.readable, s.stewards, s.named, nil
	}
	// Read after the version: the scope holds every change up to it, and
	// perhaps later ones, whose own versions will miss and read again.
	s, err := readScopeNow(ctx, d, a)
	if err != nil {
		return "", "", nil, err
	}
	size := 128 + len(s.readable) + len(s.stewards)
	for _, c := range s.named {
		size += 48 + len(c.Slug) + len(c.Name)
	}
	keptScopes.Put(key, s, size)
	return s.readable, s.stewards, s.named, nil
}

// readerScope is what readCommunities gives.
type readerScope struct {
	readable, stewards string
	named              []Community
}

// scopeKey names a reader's scope: the whole actor (the visibility rules
// decide by its flags) in one database at a directory version.
type scopeKey struct {
	d       *db.DB
	actor   auth.Actor
	version int64
}

// keptScopes holds some thousands of readers' scopes.
var keptScopes = lru.New[scopeKey, readerScope](4 << 20)

// readScopeNow reads a's scope from the live tables.
func readScopeNow(ctx context.Context, d *db.DB, a auth.Actor) (readerScope, error) {
	rows, err := d.QueryContext(ctx, `SELECT c.id, c.slug, c.name, EXISTS (SELECT 1 FROM memberships ds WHERE ds.community_id = c.id AND ds.person_id = $1
			AND ds.status = 'active' AND ds.role = 'steward')
		FROM communities c WHERE `+canRead("c", reader{person: "$1", signedIn: "$2", admin: "$3"})+` ORDER BY c.id`,
		a.PersonID, a.SignedIn(), a.Admin)
	if err != nil {
		return readerScope{}, err
	}
	defer rows.Close()
	var read, steward []string
	var named []Community
	for rows.Next() {
		var c Community
		var stewards bool
		if err := rows.Scan(&c.id, &c.Slug, &c.Name, &stewards); err != nil {
			return readerScope{}, err
		}
		read = append(read, strconv.FormatInt(c.id, 10))
		named = append(named, c)
		if stewards {
			steward = append(steward, strconv.FormatInt(c.id, 10))
		}
	}
	return readerScope{readable: idList(read), stewards: idList(steward), named: byName(named)}, rows.Err()
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
// (readCommunities): a steward of the community or an author sees a draft.
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
