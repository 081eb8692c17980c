package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
)

// The programme's content (everything inside the layout) is the same for
// every reader who sees it alike, so it is rendered once and kept whole,
// under a key of everything it shows: the cards' joined key (each card's
// of everything the card shows), the gathering and its date as worded, the
// reader's rights and standing, the pager. It is written into the layout as
// it is (keptContent), not through the template's escaper.

// keptContent: the content is kept whole.
func (p *programmePage) keptContent() template.HTML { return p.Content }

// programmeContentKey hashes everything the programme-content template
// shows of p, with cards, the joined cards' key.
func (c *fragmentCache) programmeContentKey(p *programmePage, cards uint64) uint64 {
	var k maphash.Hash
	k.SetSeed(c.seed)
	k.WriteString("programme-content\x00")
	g := p.G
	for _, s := range []string{p.C.Slug, strconv.FormatInt(g.ID, 10), g.Title,
		p.When.ISOStart(), p.When.Local(), p.When.Zone, p.PrevURL, p.NextURL} {
		k.WriteString(s)
		k.WriteByte(0)
	}
	for _, b := range []bool{p.Date.Cancelled, g.CanManage(), p.Open, p.Actor.SignedIn(), g.CanSeeAttendees(), g.CanAnswer(), p.Going} {
		maphash.WriteComparable(&k, b)
	}
	maphash.WriteComparable(&k, cards)
	return k.Sum64()
}

// programmeContentHTML renders p's content, or takes it from the fragment
// cache.
func (s *Server) programmeContentHTML(p *programmePage, cards uint64) (template.HTML, error) {
	var buf bytes.Buffer
	return s.fragments.fragment(s.fragments.programmeContentKey(p, cards), &buf, func(w io.Writer) error {
		return s.pages.sets["gatherings/programme"].ExecuteTemplate(w, "programme-content", p)
	})
}
