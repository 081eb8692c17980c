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
	Communities []search.Community
	Kinds       []searchOption
	Maturities  []searchOption
	PrevURL     string
	NextURL     string
	SignInURL   string
}

// searchHit is a result with its kind in words. The hit is a named field,
// not embedded: the template reads a dozen of its fields for each of 20
// results, and a field found through an embedded struct is looked up by a
// breadth-first search of its fields each time (a quarter of the page's
// rendering).
type searchHit struct {
	Hit       search.Hit
	KindLabel string
}

// searchOption is one choice of a filter.
type searchOption struct {
	Value string
	Label string
}

var (
	searchKinds = []searchOption{{"lesson", "Lessons learned"}, {"practice", "Practices"}, {"story", "Stories"},
		{"resource", "Resources"}, {"comment", "Comments"}, {"thread", "Discussions and questions"}, {"reply", "Replies and answers"},
		{"gathering", "Gatherings"}, {"community", "Communities"}, {"person", "People"}}
	searchMaturities = []searchOption{{"published", "Published"}, {"reviewed", "Reviewed"}, {"endorsed", "Endorsed"},
		{"draft", "Draft"}}
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
		Filtered:    q.Community != "" || q.Kind != "" || q.Maturity != "" || q.Tag != "" || q.Author != "",
		Communities: communities, Kinds: searchKinds, Maturities: searchMaturities}
	p.Query.Page = res.Page
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, searchHit{Hit: h, KindLabel: practice.Kind(h.EntryKind).Label()})
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
