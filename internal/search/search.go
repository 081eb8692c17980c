// Package search is one search over everything a reader may see, built as a
// registry of document kinds (registry.go): practice entries and their
// comments, communities and people now; each later capability registers its
// own. One Go analyzer (analyze.go) folds, stems and drops stop words for
// indexing and querying alike; the engines (sqlite.go, postgres.go) only
// match its terms, and ranking (rank.go) and highlighting (highlight.go) are
// in Go, so both engines rank and mark alike.
//
// A query never scores every match: its words' posting lists are read best
// first until the top of the ranking is settled (topk.go), or, for phrases,
// prefixes and several common words, a bounded set of candidates (each a
// walk of the index, newest first, that stops after a fixed number of
// rows) is ranked exactly from their stored term weights. See
// docs/performance.md for why and what it costs.
package search

import (
	"context"
	"html/template"
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
	Kind      string // a kind of document (entry, comment, community, person, thread, reply) or an entry kind (story, lesson, practice, resource)
	Maturity  string // the entry's maturity (for a comment, its entry's)
	Tag       string // the entry's or thread's tag (for a comment or reply, its entry's or thread's)
	Author    string // a handle: entries they wrote or contributed to, comments they wrote
	Page      int    // from 1
}

// Filtered reports whether a filter narrows the query's results.
func (q Query) Filtered() bool {
	return q.Community != "" || q.Kind != "" || q.Maturity != "" || q.Tag != "" || q.Author != ""
}

// Results is one page of hits, best first.
type Results struct {
	Hits []Hit
	More bool // another page follows
	Page int
	// Communities are those the reader may search in, by name, for the
	// filter; read with the reader's scope when the query has words (else
	// nil: see Communities).
	Communities []Community
}

// Hit is one document that matched. Which fields are set depends on its kind.
type Hit struct {
	Kind          string // KindEntry, KindComment, KindCommunity, KindPerson, KindThread or KindReply
	SubjectID     int64
	Title         template.HTML // what the hit is called, with matching words marked
	Snippet       template.HTML // a passage with matching words in <mark>, the rest escaped
	URL           string
	UpdatedAt     time.Time
	CommunitySlug string
	CommunityName string
	// Entries and comments.
	EntrySlug     string
	EntryTitle    string
	EntryKind     string
	Maturity      string
	Authors       []string // for an entry: its authors' names
	Comments      int      // for an entry: its visible comments
	Helpful       int      // for an entry: how many it helped
	CommentID     int64    // for a comment or a reply
	CommentAuthor string   // for a comment or a reply: the name of who wrote it
	// Threads and their replies.
	ThreadID    int64
	ThreadKind  string // discussion or question
	ThreadTitle string // for a reply
	PostKind    string // for a reply: reply or answer
	Answers     int    // for a thread
	Answered    bool   // for a question: it has an accepted answer
	// Gatherings.
	Cancelled bool
	// People.
	Handle string
	Name   string // a person's or a community's name

	doc   indexedText
	score scored
}

// indexedText is the stored plain text of a hit, for highlighting.
type indexedText struct{ title, tags, summary, body string }

// The document kinds registered by this package.
const (
	KindEntry     = "entry"
	KindComment   = "comment"
	KindCommunity = "community"
	KindPerson    = "person"
)

// Search finds what a may see that matches q. Empty or unusable text finds
// nothing; odd text never fails. Permissions are part of the candidate
// query, kind by kind (each kind's Scope, or Visible, the twin of its Go
// policy), and the page shown is checked again with Visible.
func Search(ctx context.Context, d *db.DB, a auth.Actor, q Query) (Results, error) {
	q.Page = min(max(q.Page, 1), MaxPage)
	res := Results{Page: q.Page}
	t := parse(q.Text).analyzed()
	if len(t) == 0 {
		return res, nil
	}
	readable, stewards, communities, err := readCommunities(ctx, d, a)
	if err != nil {
		return res, errs.Wrap(err, "search")
	}
	res.Communities = communities
	f := &filter{args: []any{nil}, readable: readable, stewards: stewards, scope: true} // $1: the engine's match
	where := f.restrict(a, q)
	if where == "" {
		return res, nil
	}
	want := q.Page*PageSize + 1
	key := rankingKey(t, where, f.args, want)
	ranked, err := keptRank(func() ([]scored, error) {
		return rank(ctx, d, engineFor(d.Dialect), t, where, f.args, want, narrowing{filtered: q.Filtered(), community: filteredTo(communities, q)})
	}, d, key, want)
	if err != nil {
		return res, errs.Wrap(err, "search")
	}
	from := (q.Page - 1) * PageSize
	if from >= len(ranked) {
		return res, nil
	}
	page := ranked[from:min(len(ranked), from+PageSize)]
	res.More = len(ranked) > from+PageSize
	page, text, err := stillVisible(ctx, d, a, q, page, readable, stewards)
	if err != nil || len(page) == 0 {
		return res, errs.Wrap(err, "search")
	}
	hits, err := keptShow(func() ([]Hit, error) { return show(ctx, d, page, text, newMatcher(t)) }, d, key, page)
	if err != nil {
		return res, errs.Wrap(err, "search")
	}
	res.Hits = hits
	return res, nil
}

// filter collects the arguments of a query's conditions.
type filter struct {
	args               []any
	readable, stewards string         // the reader's communities (readCommunities)
	scope              bool           // use the kinds' Scope where they have one
	only               map[*Kind]bool // when set, the kinds to test; the others are left out
}

func (f *filter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

// personMark stands for the reader's person in the kinds' conditions until
// restrict makes it a parameter.
const personMark = "\x00person\x00"

// reader is the actor as placeholders, for the kinds' visibility SQL, and
// the communities they may read and steward as lists of ids (readCommunities).
type reader struct{ person, signedIn, admin, readable, stewards string }

// restrict is the condition over s (search_docs) for what a may see and the
// filters of q: one branch per kind, or "" when no kind can match.
func (f *filter) restrict(a auth.Actor, q Query) string {
	q = withKnownKind(q)
	// The reader's flags are written into the SQL as literals, so that the
	// engine can fold them. Their person is a parameter, put in where a kind
	// looks at it (personMark): the statements are then the same text for
	// every reader of the same communities, and stay prepared (a literal
	// made each signed-in reader's searches new texts, parsed and planned
	// at each reader's first search); a kind that does not look at it leaves
	// no parameter untyped (PostgreSQL refuses those).
	r := reader{person: personMark, signedIn: sqlBool(a.SignedIn()), admin: sqlBool(a.Admin),
		readable: f.readable, stewards: f.stewards}
	var branches []string
	for _, k := range kinds() {
		if f.only != nil && !f.only[k] {
			continue
		}
		cond, ok := k.Filter(f, q)
		if !ok {
			continue
		}
		visible := k.Visible
		if f.scope && k.Scope != nil {
			visible = k.Scope
		}
		b := "(s.kind = '" + k.Name + "' AND " + visible(r)
		if cond != "" {
			b += " AND " + cond
		}
		branches = append(branches, b+")")
	}
	if len(branches) == 0 {
		return ""
	}
	where := "(" + strings.Join(branches, " OR ") + ")"
	if strings.Contains(where, personMark) {
		where = strings.ReplaceAll(where, personMark, f.arg(a.PersonID))
	}
	if slug := strings.TrimSpace(q.Community); slug != "" {
		where += " AND s.community_id = (SELECT id FROM communities WHERE slug = " + f.arg(strings.ToLower(slug)) + ")"
	}
	return where
}

// withKnownKind is q without its kind filter when no kind knows it: an
// unknown filter is ignored, as any is.
func withKnownKind(q Query) Query {
	if q.Kind == "" {
		return q
	}
	for _, k := range kinds() {
		if _, ok := k.Filter(&filter{}, Query{Kind: q.Kind}); ok {
			return q
		}
	}
	q.Kind = ""
	return q
}

// stillVisible keeps the hits of page that a may see by the live tables
// (each kind's Visible): the walks judged them by their stored scope, which
// a write may not have updated yet. In the same query it reads their stored
// text, for showing them.
func stillVisible(ctx context.Context, d *db.DB, a auth.Actor, q Query, page []scored, readable, stewards string) ([]scored, map[int64]indexedText, error) {
	// Only the kinds on the page are tested: PostgreSQL plans this query at
	// every search, and each kind's branch adds subqueries to plan (a
	// tenth of a search's time at 100,000 entries).
	f := &filter{readable: readable, stewards: stewards, only: map[*Kind]bool{}}
	ids := make([]int64, len(page))
	for i, s := range page {
		ids[i] = s.id
		f.only[kindOf(s.id)] = true
	}
	where := f.restrict(a, q)
	if where == "" {
		return nil, nil, nil
	}
	in, idArgs := db.InIDs(len(f.args)+1, ids) // a few texts, which stay prepared
	rows, err := d.QueryContext(ctx, "SELECT s.doc_id, s.title, s.tags, s.summary, s.body FROM search_docs s WHERE s.doc_id IN ("+in+") AND "+where,
		append(f.args, idArgs...)...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	text := map[int64]indexedText{}
	for rows.Next() {
		var id int64
		var t indexedText
		if err := rows.Scan(&id, &t.title, &t.tags, &t.summary, &t.body); err != nil {
			return nil, nil, err
		}
		text[id] = t
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(text) == len(page) {
		return page, text, nil
	}
	out := page[:0:0]
	for _, s := range page {
		if _, ok := text[s.id]; ok {
			out = append(out, s)
		}
	}
	return out, text, nil
}

// sqlBool is b as an SQL literal both engines read.
func sqlBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// onlyKind reports whether a kind's documents may match the kind filter k.
func onlyKind(k, name string) bool { return k == "" || k == name }

// show loads each kind's display fields of the page's hits, then marks the
// matching words in their stored text.
func show(ctx context.Context, d *db.DB, page []scored, text map[int64]indexedText, m matcher) ([]Hit, error) {
	hits := make([]Hit, len(page))
	byKind := map[*Kind][]*Hit{}
	for i, s := range page {
		k := kindOf(s.id)
		hits[i] = Hit{Kind: k.Name, SubjectID: s.id >> 4, doc: text[s.id], score: s}
		byKind[k] = append(byKind[k], &hits[i])
	}
	for _, k := range kinds() {
		if len(byKind[k]) > 0 {
			if err := k.Show(ctx, d, byKind[k]); err != nil {
				return nil, err
			}
		}
	}
	for i := range hits {
		h := &hits[i]
		h.Title = m.mark(h.doc.title)
		switch h.Kind { // their words are in their body; the title is their entry's or thread's
		case KindComment:
			h.Title = template.HTML(template.HTMLEscapeString(h.EntryTitle))
		case KindReply:
			h.Title = template.HTML(template.HTMLEscapeString(h.ThreadTitle))
		}
		switch h.Kind {
		case KindPerson: // job title and department, rather than a passage
			h.Snippet = m.mark(strings.Trim(h.doc.summary+" · "+h.doc.tags, " ·"))
		default:
			h.Snippet = m.pick(h.doc.summary, h.doc.body)
		}
	}
	return hits, nil
}

// Community is a community the reader may search in, for the filter.
type Community struct {
	Slug string
	Name string
	id   int64 // when read by readCommunities
}

// filteredTo is the id of the community of cs that q is filtered to; 0 for
// none, or one not among them (the query's condition filters it anyway).
func filteredTo(cs []Community, q Query) int64 {
	slug := strings.ToLower(strings.TrimSpace(q.Community))
	if slug == "" {
		return 0
	}
	for _, c := range cs {
		if c.Slug == slug {
			return c.id
		}
	}
	return 0
}

// Communities lists the communities a may read, by name, for the community
// filter (the first 500): kept with the reader's scope (readCommunities),
// so the list is shared and not to be changed.
func Communities(ctx context.Context, d *db.DB, a auth.Actor) ([]Community, error) {
	_, _, named, err := readCommunities(ctx, d, a)
	return named, errs.Wrap(err, "list searchable communities")
}
