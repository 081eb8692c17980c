package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/community"
	"hearth/internal/practice"
)

// AtomFeed is an Atom 1.0 document (RFC 4287), as Hearth writes it; the
// types below are its parts. They are exported so that tests can read a
// feed back into the same structs.
type AtomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string      `xml:"id"`
	Title     AtomText    `xml:"title"`
	Subtitle  *AtomText   `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Links     []AtomLink  `xml:"link"`
	Author    AtomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []AtomEntry `xml:"entry"`
}

// AtomEntry is one entry of the practice library in the feed.
type AtomEntry struct {
	ID           string         `xml:"id"`
	Title        AtomText       `xml:"title"`
	Updated      string         `xml:"updated"`
	Published    string         `xml:"published,omitempty"`
	Authors      []AtomPerson   `xml:"author"`
	Contributors []AtomPerson   `xml:"contributor"`
	Links        []AtomLink     `xml:"link"`
	Categories   []AtomCategory `xml:"category"`
	Summary      AtomText       `xml:"summary"`
	Content      AtomText       `xml:"content"`
}

// AtomText is a text construct: Type "text" holds plain text, "html" holds
// HTML as escaped text (never as child elements).
type AtomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// AtomLink is an atom:link.
type AtomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// AtomPerson is an author or contributor, by name.
type AtomPerson struct {
	Name string `xml:"name"`
}

// AtomCategory is a tag of an entry.
type AtomCategory struct {
	Term string `xml:"term,attr"`
}

// atomTime formats t as an RFC 3339 date-time in UTC, as Atom wants.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feedURL is the path of the community's Atom feed.
func feedURL(slug string) string { return "/c/" + url.PathEscape(slug) + "/feed.atom" }

// entryPath is the path of an entry's permalink.
func entryPath(communitySlug, entrySlug string) string {
	return "/c/" + url.PathEscape(communitySlug) + "/practice/" + url.PathEscape(entrySlug)
}

// tagURI makes a tag: URI (RFC 4151) naming thing on this instance, dated
// by when it came to be: an id that stays the same however the thing is
// retitled.
func (s *Server) tagURI(day time.Time, thing string) string {
	host := "localhost"
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + day.UTC().Format("2006-01-02") + ":" + thing
}

// feed serves a public community's Atom feed of new and updated entries.
// Only public communities have one: a feed reader fetches it without a
// session, so a feed of an institution-only or private community would
// either leak it or show nothing. Those answer 404, to members too.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	v, entries, err := s.Practice.Feed(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := xml.MarshalIndent(s.atomFeed(v, entries), "", "  ")
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

// atomFeed builds the feed document of community v with its entries.
func (s *Server) atomFeed(v community.View, entries []practice.Entry) AtomFeed {
	base := strings.TrimRight(s.BaseURL, "/")
	f := AtomFeed{
		ID:    s.tagURI(v.CreatedAt, "community/"+strconv.FormatInt(v.ID, 10)+"/practice"),
		Title: AtomText{Type: "text", Text: v.Name + ": practice library"},
		Links: []AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + feedURL(v.Slug)},
			{Rel: "alternate", Type: "text/html", Href: base + "/c/" + url.PathEscape(v.Slug) + "/practice"},
		},
		Author:    AtomPerson{Name: v.Name},
		Generator: "Hearth",
		Updated:   atomTime(v.UpdatedAt),
	}
	if v.Purpose != "" {
		f.Subtitle = &AtomText{Type: "text", Text: v.Purpose}
	}
	if len(entries) > 0 {
		f.Updated = atomTime(entries[0].LastChange()) // the newest change comes first
	}
	for _, e := range entries {
		f.Entries = append(f.Entries, s.atomEntry(base, v.Slug, e))
	}
	return f
}

// atomEntry builds the feed entry of e. Its content is the body's HTML as
// stored when it was saved (rendered and sanitised by markup); encoding/xml
// escapes it as the text of type="html".
func (s *Server) atomEntry(base, communitySlug string, e practice.Entry) AtomEntry {
	ae := AtomEntry{
		ID:      s.tagURI(e.CreatedAt, "entry/"+strconv.FormatInt(e.ID, 10)),
		Title:   AtomText{Type: "text", Text: e.Title},
		Updated: atomTime(e.LastChange()),
		Links:   []AtomLink{{Rel: "alternate", Type: "text/html", Href: base + entryPath(communitySlug, e.Slug)}},
		Summary: AtomText{Type: "text", Text: e.Summary},
		Content: AtomText{Type: "html", Text: string(e.HTML)},
	}
	if e.PublishedAt != nil {
		ae.Published = atomTime(*e.PublishedAt)
	}
	for _, p := range e.People {
		if p.Role == "author" {
			ae.Authors = append(ae.Authors, AtomPerson{Name: p.Name})
		} else {
			ae.Contributors = append(ae.Contributors, AtomPerson{Name: p.Name})
		}
	}
	for _, t := range e.Tags {
		ae.Categories = append(ae.Categories, AtomCategory{Term: t})
	}
	return ae
}
