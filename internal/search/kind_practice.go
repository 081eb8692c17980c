package search

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/db"
)

// The practice library's kinds: entries (title, tags, summary, body) and
// their comments (body). Their documents belong to the entry's community.
// Comments' SQL is all here, so moving them to another table touches this
// file only.

func init() {
	Register(Kind{Name: KindEntry, Code: 0, Load: loadEntries, After: afterIDs("entries"), Visible: entryVisible, Scope: entryScope,
		Filter: entryFilter, Show: showEntries})
	Register(Kind{Name: KindComment, Code: 1, Load: loadComments, After: afterIDs("posts"), Visible: commentVisible, Scope: commentScope,
		Filter: commentFilter, Show: showComments})
}

// The entry kinds and maturities a filter accepts; anything else is ignored.
var (
	entryKinds = map[string]bool{"story": true, "lesson": true, "practice": true, "resource": true}
	maturities = map[string]bool{"draft": true, "published": true, "reviewed": true, "endorsed": true}
)

// idArgs is ids as arguments and the list of their placeholders.
func idArgs(ids []int64) ([]any, string) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args, db.Placeholders(1, len(ids))
}

// afterIDs lists a table's ids in order, for Rebuild.
func afterIDs(table string) func(ctx context.Context, q db.Q, after int64, n int) ([]int64, error) {
	return func(ctx context.Context, q db.Q, after int64, n int) ([]int64, error) {
		rows, err := q.QueryContext(ctx, "SELECT id FROM "+table+" WHERE id > $1 ORDER BY id LIMIT $2", after, n)
		if err != nil {
			return nil, err
		}
		return scanIDs(rows)
	}
}

func loadEntries(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, "SELECT id, community_id, maturity = 'draft', title, summary, body_text FROM entries WHERE id IN ("+in+") ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	var docs []Document
	for rows.Next() {
		var doc Document
		if err := rows.Scan(&doc.ID, &doc.CommunityID, &doc.Draft, &doc.Title, &doc.Summary, &doc.Body); err != nil {
			rows.Close()
			return nil, err
		}
		docs = append(docs, doc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tags, err := tagsOf(ctx, q, "SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ("+in+") ORDER BY entry_id, tag", args)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].Tags = strings.Join(tags[docs[i].ID], ", ")
	}
	return docs, nil
}

func loadComments(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, loadCommentsSQL(in), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var doc Document
		var subject string
		if err := rows.Scan(&doc.ID, &subject, &doc.CommunityID, &doc.Draft, &doc.Body); err != nil {
			return nil, err
		}
		if subject == "entry" {
			docs = append(docs, doc)
		}
	}
	return docs, rows.Err()
}

// The comments' queries by id. Neither tests the post's kind of subject in
// SQL: SQLite would then walk posts_subject over every post about an entry
// (300,000 rows at 100,000 entries) instead of looking up the ids.
// loadComments checks it in Go; showComments needs not, as only posts about
// entries are indexed as comments.
func loadCommentsSQL(in string) string {
	return `SELECT cm.id, cm.subject_kind, e.community_id, e.maturity = 'draft', cm.body_text FROM posts cm JOIN entries e ON e.id = cm.subject_id
		WHERE cm.id IN (` + in + `) AND cm.hidden_at IS NULL AND cm.deleted_at IS NULL ORDER BY cm.id`
}

// showEntriesSQL reads the cards of entries by id, with the count of their
// comments shown (on the index posts_shown) and of those they helped.
func showEntriesSQL(in string) string {
	return `SELECT e.id, e.slug, e.title, e.kind, e.maturity, e.updated_at, c.slug, c.name,
		(SELECT COUNT(*) FROM posts pc WHERE pc.subject_kind = 'entry' AND pc.subject_id = e.id AND pc.deleted_at IS NULL AND pc.hidden_at IS NULL),
		(SELECT COUNT(*) FROM entry_helpful eh WHERE eh.entry_id = e.id)
		FROM entries e JOIN communities c ON c.id = e.community_id WHERE e.id IN (` + in + `)`
}

func showCommentsSQL(in string) string {
	return `SELECT cm.id, cm.updated_at, COALESCE(p.name, ''), e.slug, e.title, e.kind, e.maturity, c.slug, c.name
		FROM posts cm JOIN entries e ON e.id = cm.subject_id JOIN communities c ON c.id = e.community_id
		LEFT JOIN people p ON p.id = cm.author_id WHERE cm.id IN (` + in + `)`
}

// commentsOf lists an entry's comments.
func commentsOf(ctx context.Context, q db.Q, entryID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM posts WHERE subject_kind = 'entry' AND subject_id = $1", entryID)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

func entryVisible(r reader) string {
	return `EXISTS (SELECT 1 FROM entries e WHERE e.id = s.subject_id AND ` + canSeeEntryIn("e", r) + `)`
}

// entryScope is entryVisible from the stored community and draft flag.
func entryScope(r reader) string {
	return `(s.community_id IN (` + r.readable + `) AND (NOT s.draft OR s.community_id IN (` + r.stewards + `)` +
		authorOf(r, `EXISTS (SELECT 1 FROM entry_people da WHERE da.entry_id = s.subject_id AND da.person_id = `+r.person+` AND da.role = 'author')`) + `))`
}

// authorOf is " OR cond", cond being that r wrote the draft, for a reader
// signed in; nothing for a visitor, who writes nothing. (PostgreSQL ran
// the condition as a subplan hashing every post of every draft's authors,
// with parallel workers: 5 ms a visitor's query.)
func authorOf(r reader, cond string) string {
	if r.signedIn == sqlBool(false) {
		return ""
	}
	return "\n\t\tOR " + cond
}

// commentScope is commentVisible from the stored community and draft flag
// (hidden comments leave the index).
func commentScope(r reader) string {
	return `(s.community_id IN (` + r.readable + `) AND (NOT s.draft OR s.community_id IN (` + r.stewards + `)` +
		authorOf(r, `EXISTS (SELECT 1 FROM posts dc JOIN entry_people da ON da.entry_id = dc.subject_id
			WHERE dc.id = s.subject_id AND da.person_id = `+r.person+` AND da.role = 'author')`) + `))`
}

// A comment: its entry visible, itself not hidden.
func commentVisible(r reader) string {
	return `EXISTS (SELECT 1 FROM posts cm JOIN entries e ON e.id = cm.subject_id
		WHERE cm.id = s.subject_id AND cm.subject_kind = 'entry' AND cm.hidden_at IS NULL AND cm.deleted_at IS NULL AND ` + canSeeEntryIn("e", r) + `)`
}

// entryConds is the filters on an entry aliased e: maturity, tag, and an
// entry kind when kind is one.
func entryConds(f *filter, q Query, e string) []string {
	var conds []string
	if entryKinds[q.Kind] {
		conds = append(conds, e+".kind = "+f.arg(q.Kind))
	}
	if maturities[q.Maturity] {
		conds = append(conds, e+".maturity = "+f.arg(q.Maturity))
	}
	if tag := strings.Join(strings.Fields(strings.ToLower(q.Tag)), " "); tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM entry_tags ft WHERE ft.entry_id = "+e+".id AND ft.tag = "+f.arg(tag)+")")
	}
	return conds
}

func handleOf(q Query) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(q.Author), "@"))
}

func entryFilter(f *filter, q Query) (string, bool) {
	if !onlyKind(q.Kind, KindEntry) && !entryKinds[q.Kind] {
		return "", false
	}
	conds := entryConds(f, q, "fe")
	if h := handleOf(q); h != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM entry_people fa JOIN people fp ON fp.id = fa.person_id
			WHERE fa.entry_id = fe.id AND fp.handle = `+f.arg(h)+`)`)
	}
	if len(conds) == 0 {
		return "", true
	}
	return "EXISTS (SELECT 1 FROM entries fe WHERE fe.id = s.subject_id AND " + strings.Join(conds, " AND ") + ")", true
}

func commentFilter(f *filter, q Query) (string, bool) {
	if !onlyKind(q.Kind, KindComment) {
		return "", false
	}
	conds := entryConds(f, q, "fe")
	if h := handleOf(q); h != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM people fp WHERE fp.id = fc.author_id AND fp.handle = "+f.arg(h)+")")
	}
	if len(conds) == 0 {
		return "", true
	}
	return "EXISTS (SELECT 1 FROM posts fc JOIN entries fe ON fe.id = fc.subject_id WHERE fc.id = s.subject_id AND fc.subject_kind = 'entry' AND " +
		strings.Join(conds, " AND ") + ")", true
}

func entryURL(community, entry string) string {
	return "/c/" + url.PathEscape(community) + "/practice/" + url.PathEscape(entry)
}

func showEntries(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, showEntriesSQL(in), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var id int64
		var h Hit
		if err := rows.Scan(&id, &h.EntrySlug, &h.EntryTitle, &h.EntryKind, &h.Maturity, &h.UpdatedAt, &h.CommunitySlug, &h.CommunityName,
			&h.Comments, &h.Helpful); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.EntrySlug, hit.EntryTitle, hit.EntryKind, hit.Maturity, hit.UpdatedAt = h.EntrySlug, h.EntryTitle, h.EntryKind, h.Maturity, h.UpdatedAt
			hit.Comments, hit.Helpful = h.Comments, h.Helpful
			hit.CommunitySlug, hit.CommunityName = h.CommunitySlug, h.CommunityName
			hit.URL = entryURL(h.CommunitySlug, h.EntrySlug)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return showAuthors(ctx, d, by, args, in)
}

// showAuthors names the authors of the page's entries (by their ids, as
// args and in), in one query, in the order their page lists them.
func showAuthors(ctx context.Context, d *db.DB, by map[int64][]*Hit, args []any, in string) error {
	rows, err := d.QueryContext(ctx, `SELECT ep.entry_id, p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id
		WHERE ep.entry_id IN (`+in+`) AND ep.role = 'author' ORDER BY ep.entry_id, ep.since, p.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.Authors = append(hit.Authors, name)
		}
	}
	return rows.Err()
}

func showComments(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, showCommentsSQL(in), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var id int64
		var at time.Time
		var h Hit
		if err := rows.Scan(&id, &at, &h.CommentAuthor, &h.EntrySlug, &h.EntryTitle, &h.EntryKind, &h.Maturity, &h.CommunitySlug, &h.CommunityName); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.CommentID, hit.UpdatedAt, hit.CommentAuthor = id, at, h.CommentAuthor
			hit.EntrySlug, hit.EntryTitle, hit.EntryKind, hit.Maturity = h.EntrySlug, h.EntryTitle, h.EntryKind, h.Maturity
			hit.CommunitySlug, hit.CommunityName = h.CommunitySlug, h.CommunityName
			c := strconv.FormatInt(id, 10)
			hit.URL = entryURL(h.CommunitySlug, h.EntrySlug) + "?comment=" + c + "#comment-" + c // the page of comments that holds it
		}
	}
	return rows.Err()
}

// byID groups hits by subject id.
func byID(hits []*Hit) map[int64][]*Hit {
	out := map[int64][]*Hit{}
	for _, h := range hits {
		out[h.SubjectID] = append(out[h.SubjectID], h)
	}
	return out
}

// tagsOf reads (id, tag) rows into tags by id.
func tagsOf(ctx context.Context, q db.Q, query string, args []any) (map[int64][]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tags := map[int64][]string{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		tags[id] = append(tags[id], t)
	}
	return tags, rows.Err()
}
