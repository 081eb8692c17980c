// Package search is one search over everything a reader may see: practice
// entries (title, tags, summary and body, weighted in that order) and their
// comments. The index is kept in-line, in the transaction of each write
// (IndexEntry, IndexComment, RemoveEntry, RemoveComment); Search ranks,
// highlights, filters and pages, and checks permissions in its SQL.
//
// The two engines differ only inside this package (sqlite.go, postgres.go):
// SQLite uses an FTS5 table ranked by bm25 with snippet(); PostgreSQL a
// table with a weighted tsvector and a GIN index, ranked by ts_rank_cd with
// ts_headline.
package search

import (
	"context"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// PageSize is how many results a page holds.
const PageSize = 20

// MaxPage bounds how deep a reader may page.
const MaxPage = 500

// Query is what a reader asks: words, and filters that narrow the results.
type Query struct {
	Text      string
	Community string // a community's slug
	Kind      string // an entry kind (story, lesson, practice, resource): those entries only; "comment": comments only
	Maturity  string // the entry's maturity (for a comment, its entry's)
	Tag       string // the entry's tag (for a comment, its entry's)
	Author    string // a handle: entries they wrote or contributed to, comments they wrote
	Page      int    // from 1
}

// Results is one page of hits, best first.
type Results struct {
	Hits []Hit
	More bool // another page follows
	Page int
}

// Hit is one entry or comment that matched.
type Hit struct {
	Kind          string // KindEntry or KindComment
	CommunitySlug string
	CommunityName string
	EntrySlug     string
	EntryTitle    string
	Title         template.HTML // EntryTitle with matching words marked
	EntryKind     string
	Maturity      string
	Snippet       template.HTML // a passage with matching words in <mark>, the rest escaped
	CommentID     int64         // for a comment
	CommentAuthor string        // for a comment: the name of who wrote it
	URL           string        // the entry, or the comment on its entry's page (the page of comments that holds it)
	UpdatedAt     time.Time
}

// The entry kinds and maturities a filter accepts; anything else is ignored.
var (
	entryKinds = map[string]bool{"story": true, "lesson": true, "practice": true, "resource": true}
	maturities = map[string]bool{"draft": true, "published": true, "reviewed": true, "endorsed": true}
)

// Search finds what a may see that matches q. Empty or unusable text finds
// nothing; odd text never fails. Permissions are part of the query: only
// communities a may read (as community.View.CanRead decides), and drafts only
// for their authors and the community's stewards.
func Search(ctx context.Context, d *db.DB, a auth.Actor, q Query) (Results, error) {
	q.Page = min(max(q.Page, 1), MaxPage)
	res := Results{Page: q.Page}
	t := parse(q.Text)
	if t.empty() {
		return res, nil
	}
	e := engineFor(d.Dialect)
	f := filter{args: []any{e.match(t)}}
	f.restrict(a, q)
	limit, offset := f.arg(PageSize+1), f.arg((q.Page-1)*PageSize)
	hits, err := e.search(ctx, d, f.where(), limit, offset, f.args)
	if err != nil {
		return res, errs.Wrap(err, "search")
	}
	if len(hits) > PageSize {
		hits, res.More = hits[:PageSize], true
	}
	for i := range hits {
		h := &hits[i]
		h.URL = "/c/" + url.PathEscape(h.CommunitySlug) + "/practice/" + url.PathEscape(h.EntrySlug)
		if h.Kind == KindComment {
			id := strconv.FormatInt(h.CommentID, 10)
			h.URL += "?comment=" + id + "#comment-" + id // the page of comments that holds it
		}
	}
	res.Hits = hits
	return res, nil
}

// filter builds the WHERE conditions over s (the index), e (entries), c
// (communities) and cm (the comment, for a comment), with their arguments;
// $1 is the engine's query.
type filter struct {
	conds []string
	args  []any
}

func (f *filter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

func (f *filter) add(cond string) { f.conds = append(f.conds, cond) }

func (f *filter) where() string { return strings.Join(f.conds, " AND ") }

// restrict adds the permission conditions for a and the filters of q.
func (f *filter) restrict(a auth.Actor, q Query) {
	person, signedIn, admin := f.arg(a.PersonID), f.arg(a.SignedIn()), f.arg(a.Admin)
	f.add(readable(person, signedIn, admin))
	// A draft (and its comments): its authors and the community's stewards.
	f.add(`(e.maturity <> 'draft'
		OR EXISTS (SELECT 1 FROM entry_people da WHERE da.entry_id = e.id AND da.person_id = ` + person + ` AND da.role = 'author')
		OR EXISTS (SELECT 1 FROM memberships ds WHERE ds.community_id = c.id AND ds.person_id = ` + person + `
			AND ds.status = 'active' AND ds.role = 'steward'))`)
	// A comment must still exist and not be hidden (hidden ones are not indexed either).
	f.add(`(s.kind = 'entry' OR (cm.id IS NOT NULL AND cm.hidden_at IS NULL))`)

	if slug := strings.TrimSpace(q.Community); slug != "" {
		f.add("c.slug = " + f.arg(strings.ToLower(slug)))
	}
	switch {
	case q.Kind == KindComment:
		f.add("s.kind = 'comment'")
	case entryKinds[q.Kind]:
		f.add("s.kind = 'entry' AND e.kind = " + f.arg(q.Kind))
	}
	if maturities[q.Maturity] {
		f.add("e.maturity = " + f.arg(q.Maturity))
	}
	if tag := strings.Join(strings.Fields(strings.ToLower(q.Tag)), " "); tag != "" {
		f.add("EXISTS (SELECT 1 FROM entry_tags ft WHERE ft.entry_id = e.id AND ft.tag = " + f.arg(tag) + ")")
	}
	if handle := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(q.Author), "@")); handle != "" {
		h := f.arg(handle)
		f.add(`((s.kind = 'entry' AND EXISTS (SELECT 1 FROM entry_people fa JOIN people fp ON fp.id = fa.person_id
				WHERE fa.entry_id = e.id AND fp.handle = ` + h + `))
			OR (s.kind = 'comment' AND EXISTS (SELECT 1 FROM people fc WHERE fc.id = cm.author_id AND fc.handle = ` + h + `)))`)
	}
}

// readable is the SQL twin of community.View.CanRead over communities c, for
// the actor given by placeholders for their person id, whether they are
// signed in and whether they administer: active and archived communities
// that are public, or for the institution and the actor is signed in, or
// of which the actor is an active member; administrators read them all.
func readable(person, signedIn, admin string) string {
	return `(c.status IN ('active', 'archived') AND (c.visibility = 'public'
		OR (c.visibility = 'institution' AND ` + signedIn + `)
		OR ` + admin + `
		OR EXISTS (SELECT 1 FROM memberships rm WHERE rm.community_id = c.id AND rm.person_id = ` + person + ` AND rm.status = 'active')))`
}

// Community is a community the reader may search in, for the filter.
type Community struct {
	Slug string
	Name string
}

// Communities lists the communities a may read, by name, for the community
// filter.
func Communities(ctx context.Context, d *db.DB, a auth.Actor) ([]Community, error) {
	rows, err := d.QueryContext(ctx, `SELECT c.slug, c.name FROM communities c WHERE `+readable("$1", "$2", "$3")+
		` ORDER BY c.name LIMIT 500`, a.PersonID, a.SignedIn(), a.Admin)
	if err != nil {
		return nil, errs.Wrap(err, "list searchable communities")
	}
	defer rows.Close()
	var out []Community
	for rows.Next() {
		var c Community
		if err := rows.Scan(&c.Slug, &c.Name); err != nil {
			return nil, errs.Wrap(err, "list searchable communities")
		}
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "list searchable communities")
}

// engine is where the two databases differ: how documents are stored and
// how a query is matched, ranked and highlighted.
type engine interface {
	// put stores docs, replacing any earlier version of each.
	put(ctx context.Context, q db.Q, docs []document) error
	// remove deletes the documents with these ids, if present.
	remove(ctx context.Context, q db.Q, ids []int64) error
	// clear deletes every document.
	clear(ctx context.Context, q db.Q) error
	// match renders parsed terms as the engine's query, argument $1.
	match(t terms) string
	// search runs the query with the conditions in where (over s, e, c,
	// cm), best first, and fills in every field of the hits but URL.
	search(ctx context.Context, d *db.DB, where, limit, offset string, args []any) ([]Hit, error)
}

func engineFor(d db.Dialect) engine {
	if d == db.Postgres {
		return postgres{}
	}
	return sqlite{}
}

// pickSnippet chooses what to show of a hit: the body's passage when it
// holds a match, else the summary's, else the summary (or the body) as it
// starts.
func pickSnippet(summary, body string) template.HTML {
	switch {
	case marked(body):
		return snippetHTML(body)
	case marked(summary), summary != "":
		return snippetHTML(summary)
	}
	return snippetHTML(body)
}
