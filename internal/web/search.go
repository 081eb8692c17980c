package web

import (
	"net/http"
	"net/url"
	"strings"

	"hearth/internal/practice"
	"hearth/internal/search"
)

// searchPage is /search: the query, its filters and a page of results.
type searchPage struct {
	Layout
	Query       search.Query
	Results     search.Results
	Hits        []searchHit
	Asked       bool // there were words to search for
	Filtered    bool // a filter narrows the results
	Communities []searchOption
	Kinds       []searchOption
	Maturities  []searchOption
	PrevURL     string
	NextURL     string
	SignInURL   string
}

// searchHit is a result with what the template tells apart decided here:
// its kind and its badges. A template's function call (eq) costs several
// field reads, and a page of 20 results made about 300 of them. The hit is
// a named field, not embedded: a field found through an embedded struct is
// looked up by a breadth-first search of its fields each time.
type searchHit struct {
	Hit       search.Hit
	KindLabel string
	// One of these is set: the kind of the hit (Entry for an entry).
	Community, Person, Thread, Gathering, Reply, Comment, Entry bool

	Question bool   // a thread that is a question
	Answer   bool   // a reply that is an answer
	Maturity string // the entry's or the comment's entry's maturity badge: its words
	Badge    string // and its class
}

func newSearchHit(h search.Hit) searchHit {
	sh := searchHit{Hit: h, KindLabel: practice.Kind(h.EntryKind).Label(), Question: h.ThreadKind == "question", Answer: h.PostKind == "answer"}
	switch h.Kind {
	case search.KindCommunity:
		sh.Community = true
	case search.KindPerson:
		sh.Person = true
	case search.KindThread:
		sh.Thread = true
	case search.KindGathering:
		sh.Gathering = true
	case search.KindReply:
		sh.Reply = true
	case search.KindComment:
		sh.Comment = true
	default:
		sh.Entry = true
	}
	switch h.Maturity {
	case "draft":
		sh.Maturity, sh.Badge = "Draft", "proposed"
	case "reviewed":
		sh.Maturity, sh.Badge = "Reviewed", "ok"
	case "endorsed":
		sh.Maturity, sh.Badge = "Endorsed", "mine"
	default:
		sh.Maturity, sh.Badge = "Published", "quiet"
	}
	return sh
}

// searchOption is one choice of a filter.
type searchOption struct {
	Value    string
	Label    string
	Selected bool
}

// choices is options with the one whose value is chosen selected.
func choices(options []searchOption, chosen string) []searchOption {
	out := make([]searchOption, len(options))
	for i, o := range options {
		o.Selected = o.Value == chosen
		out[i] = o
	}
	return out
}

var (
	searchKinds = []searchOption{{Value: "lesson", Label: "Lessons learned"}, {Value: "practice", Label: "Practices"},
		{Value: "story", Label: "Stories"}, {Value: "resource", Label: "Resources"}, {Value: "comment", Label: "Comments"},
		{Value: "thread", Label: "Discussions and questions"}, {Value: "reply", Label: "Replies and answers"},
		{Value: "gathering", Label: "Gatherings"}, {Value: "community", Label: "Communities"}, {Value: "person", Label: "People"}}
	searchMaturities = []searchOption{{Value: "published", Label: "Published"}, {Value: "reviewed", Label: "Reviewed"},
		{Value: "endorsed", Label: "Endorsed"}, {Value: "draft", Label: "Draft"}}
)

// searchText bounds the words a page carries back into its form.
const searchText = 2 * search.MaxQueryRunes

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := search.Query{Text: clipRunes(v.Get("q"), searchText), Community: v.Get("community"), Kind: v.Get("kind"),
		Maturity: v.Get("maturity"), Tag: clipRunes(v.Get("tag"), 40), Author: clipRunes(v.Get("author"), 40), Page: pageNumber(r)}
	a := actorOf(r)
	res, err := search.Limited(r.Context(), s.DB, s.Auth.Limits(), a, clientIP(r), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	communities := res.Communities
	if communities == nil { // no words were searched for: the filter's choices alone
		if communities, err = search.Communities(r.Context(), s.DB, a); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	title := "Search"
	if t := strings.TrimSpace(q.Text); t != "" {
		title = "Search: " + clipRunes(t, 60)
	}
	p := &searchPage{Layout: Layout{Title: title}, Query: q, Results: res, Asked: strings.TrimSpace(q.Text) != "",
		Filtered: q.Filtered(),
		Kinds:    choices(searchKinds, q.Kind), Maturities: choices(searchMaturities, q.Maturity)}
	for _, c := range communities {
		p.Communities = append(p.Communities, searchOption{Value: c.Slug, Label: c.Name, Selected: c.Slug == q.Community})
	}
	p.Query.Page = res.Page
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, newSearchHit(h))
	}
	if !a.SignedIn() {
		p.SignInURL = "/signin?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	if res.Page > 1 {
		p.PrevURL = pageURL(r, res.Page-1)
	}
	if res.More {
		p.NextURL = pageURL(r, res.Page+1)
	}
	s.render(w, r, http.StatusOK, "search/results", p)
}

// clipRunes cuts s to at most n runes.
func clipRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
