package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"

	"hearth/internal/people"
	"hearth/internal/stewardship"
)

// The site's bar (the brand, the main links, the search box, the person's
// menu with their unread count) is on every page and is most of the
// layout's template actions; it shows a few words about the reader and which
// main page this is. So it is rendered from a flat siteBar and kept, in a
// fragment cache of its own (a reader's bar must not push a thread's replies
// out of the page fragments' budget), under everything it shows.

// siteBar is what the bar shows.
type siteBar struct {
	Instance                     string
	Current                      string // the main link this page is, "" when none
	SignedIn, Admin, Institution bool
	Name, Handle, Initials       string
	Unread                       int
}

// barBudget bounds the kept bars: about 3 KB each, a few thousand readers.
const barBudget = 8 << 20

// mainPaths are the pages the bar marks as the current one.
var mainPaths = []string{"/communities", "/people", "/search", "/notifications", "/account", "/institution", "/admin"}

// barOf is what the bar shows for l.
func barOf(l *Layout) siteBar {
	b := siteBar{Instance: l.Instance.Name, Unread: l.Unread}
	for _, p := range mainPaths {
		if l.Path == p {
			b.Current = p
		}
	}
	if a := l.Actor; a.SignedIn() {
		b.SignedIn, b.Admin, b.Institution, b.Name, b.Handle = true, a.Admin, stewardship.ReadsInstitution(a), a.Name, a.Handle
	}
	return b
}

// barKey hashes everything b shows.
func (c *fragmentCache) barKey(b siteBar) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, s := range []string{"bar", b.Instance, b.Current, strconv.FormatBool(b.SignedIn), strconv.FormatBool(b.Admin),
		strconv.FormatBool(b.Institution), b.Name, b.Handle, strconv.Itoa(b.Unread)} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// siteBar renders the bar of l with t (a page's templates), or takes it
// from the kept bars.
func (s *Server) siteBar(t *template.Template, l *Layout) (template.HTML, error) {
	b := barOf(l)
	var buf bytes.Buffer
	return s.bars.fragment(s.bars.barKey(b), &buf, func(w io.Writer) error {
		b.Initials = people.Initials(b.Name)
		return t.ExecuteTemplate(w, "layout-bar", b)
	})
}
