package practice

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// PageSize is how many entries a library page lists.
const PageSize = 20

// Filter narrows a community's library.
type Filter struct {
	Kind     Kind
	Maturity Maturity
	Tag      string
	Author   string // a handle: entries this person wrote or contributed to
	Stale    bool   // only entries flagged stale
	// Pages are cut by entry (keyset), so that a page costs the same however
	// deep it is: Before lists the entries after the one with this id in the
	// list's order (older), After those before it (newer); neither, the first.
	Before, After int64
}

// commentCount is the number of an entry's comments (of entries e) that
// readers see: neither removed nor hidden. A card shows it; each is an index
// range of posts_subject, so a page of cards costs no extra query.
const commentCount = `(SELECT COUNT(*) FROM posts pc WHERE pc.subject_kind = 'entry' AND pc.subject_id = e.id
	AND pc.deleted_at IS NULL AND pc.hidden_at IS NULL)`

// listOrder orders a library, as the index entries_community_updated does.
const listOrder = `(e.updated_at, e.id)`

// listKey is the place in listOrder of the community's entry whose id is
// the placeholder p (none, for another community's: the page is empty).
func listKey(p string) string {
	return `(SELECT k.updated_at, k.id FROM entries k WHERE k.id = ` + p + ` AND k.community_id = $1)`
}

// List returns a page of the community's entries that a may read, most
// recently updated first (f.Before and f.After choose the page), with
// whether another page follows in the direction read. Drafts appear only to
// their authors and the stewards.
func (s *Service) List(ctx context.Context, a auth.Actor, communitySlug string, f Filter) (community.View, []Entry, bool, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return v, nil, false, err
	}
	if !v.CanRead() {
		return v, nil, false, errs.NotFoundf("There is no such community, or you may not see it.")
	}
	now := s.now()
	query, args := listQuery(v, a, f, now)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return v, nil, false, errs.Wrap(err, "list entries")
	}
	defer rows.Close()
	var list []Entry
	for rows.Next() {
		var e Entry
		if err := scanEntry(rows, &e, &e.Comments); err != nil {
			return v, nil, false, errs.Wrap(err, "list entries")
		}
		e.markStale(now, v.Practice.StaleAfterDays)
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return v, nil, false, errs.Wrap(err, "list entries")
	}
	more := len(list) > PageSize
	if more {
		list = list[:PageSize]
	}
	if f.After != 0 && f.Before == 0 { // read upwards from the cursor
		slices.Reverse(list)
	}
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	if err := fillPeopleAndTags(ctx, s.db, list, ids); err != nil { // each card names its authors
		return v, nil, false, err
	}
	for i := range list {
		list[i].Body = "" // lists never show bodies; do not carry them around
	}
	return v, list, more, nil
}

// listQuery is the SQL of a library page: a walk of the index
// entries_community_updated from the cursor, stopping after a page.
func listQuery(v community.View, a auth.Actor, f Filter, now time.Time) (string, []any) {
	args := []any{v.ID, a.PersonID, v.IsSteward()}
	where := `e.community_id = $1 AND (e.maturity <> 'draft' OR $3 OR EXISTS (SELECT 1 FROM entry_people d WHERE d.entry_id = e.id AND d.person_id = $2 AND d.role = 'author'))`
	arg := func(x any) string {
		args = append(args, x)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Kind != "" {
		where += " AND e.kind = " + arg(f.Kind)
	}
	if f.Maturity != "" {
		where += " AND e.maturity = " + arg(f.Maturity)
	}
	if f.Tag != "" {
		where += " AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = " + arg(strings.ToLower(strings.TrimSpace(f.Tag))) + ")"
	}
	if f.Author != "" {
		where += " AND EXISTS (SELECT 1 FROM entry_people ap JOIN people app ON app.id = ap.person_id WHERE ap.entry_id = e.id AND app.handle = " +
			arg(strings.ToLower(strings.TrimPrefix(f.Author, "@"))) + ")"
	}
	if f.Stale {
		where += " AND " + StaleCondition(arg(now), arg(now.AddDate(0, 0, -v.Practice.StaleAfterDays)))
	}
	order := "DESC"
	switch {
	case f.Before != 0:
		where += " AND " + listOrder + " < " + listKey(arg(f.Before))
	case f.After != 0:
		where += " AND " + listOrder + " > " + listKey(arg(f.After))
		order = "ASC"
	}
	return `SELECT ` + entryColumns + `, ` + commentCount + ` FROM entries e` + entryJoins + ` WHERE ` + where +
		` ORDER BY e.updated_at ` + order + `, e.id ` + order + ` LIMIT ` + arg(PageSize+1), args
}

// StaleCondition is the SQL twin of Entry.markStale, over entries e, given
// placeholders for now and for the oldest acceptable edit or verification
// (now less the community's stale_after_days). Stewardship lists stale
// entries by it too, so that "stale" has one definition.
func StaleCondition(now, threshold string) string {
	return `(e.maturity <> 'draft' AND ((e.review_by IS NOT NULL AND e.review_by < ` + now + `)
		OR (CASE WHEN e.verified_at > e.updated_at THEN e.verified_at ELSE e.updated_at END) < ` + threshold + `))`
}
