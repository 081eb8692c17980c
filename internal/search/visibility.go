package search

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

// canSeeEntry is View.CanSeeDraft for a draft, CanRead otherwise, over an
// entries row aliased e in the community aliased c.
func canSeeEntry(e, c string, r reader) string {
	return `(` + canRead(c, r) + ` AND (` + e + `.maturity <> 'draft'
		OR EXISTS (SELECT 1 FROM entry_people da WHERE da.entry_id = ` + e + `.id AND da.person_id = ` + r.person + ` AND da.role = 'author')
		OR EXISTS (SELECT 1 FROM memberships ds WHERE ds.community_id = ` + c + `.id AND ds.person_id = ` + r.person + `
			AND ds.status = 'active' AND ds.role = 'steward')))`
}
