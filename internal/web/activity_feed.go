package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/auth"
)

// activityFeedSize is how many activities a community's activity feed holds.
const activityFeedSize = 50

// activityFeedURL is the path of a community's activity feed.
func activityFeedURL(slug string) string { return "/c/" + url.PathEscape(slug) + "/activity.atom" }

// activityFeed serves a public community's Atom feed of what happens in it.
// It is read as a visitor reads (a feed reader has no session), so only
// public communities have one; the others answer 404, to members too.
func (s *Server) activityFeed(w http.ResponseWriter, r *http.Request) {
	v, err := s.Communities.Get(r.Context(), auth.Actor{}, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.Communities.Activity(r.Context(), v, 0, activityFeedSize)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := strings.TrimRight(s.BaseURL, "/")
	f := AtomFeed{
		ID:    s.tagURI(v.CreatedAt, "community/"+strconv.FormatInt(v.ID, 10)+"/activity"),
		Title: AtomText{Type: "text", Text: v.Name + ": recent activity"},
		Links: []AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + activityFeedURL(v.Slug)},
			{Rel: "alternate", Type: "text/html", Href: base + "/c/" + url.PathEscape(v.Slug)},
		},
		Author:    AtomPerson{Name: v.Name},
		Generator: "Hearth",
		Updated:   atomTime(v.UpdatedAt),
	}
	if len(list) > 0 {
		f.Updated = atomTime(list[0].CreatedAt)
	}
	for _, a := range list {
		e := AtomEntry{
			ID:      s.tagURI(a.CreatedAt, "activity/"+strconv.FormatInt(a.ID, 10)),
			Title:   AtomText{Type: "text", Text: a.Line()},
			Updated: atomTime(a.CreatedAt),
			Links:   []AtomLink{{Rel: "alternate", Type: "text/html", Href: base + a.URL}},
			Summary: AtomText{Type: "text", Text: a.Excerpt},
		}
		if a.ActorName != "" {
			e.Authors = []AtomPerson{{Name: a.ActorName}}
		}
		f.Entries = append(f.Entries, e)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write([]byte(xml.Header))
	w.Write(out)
	w.Write([]byte("\n"))
}
