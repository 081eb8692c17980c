package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
	"strings"

	"hearth/internal/practice"
)

// The library's entry cards show the same to every reader (what a reader
// may see is decided by the list's query), so each is rendered once and
// reused from the fragment cache while nothing it shows changes.

// entryCardKey hashes everything the entry-card partial shows of e in the
// community slug, to the words of its relative time.
func (c *fragmentCache) entryCardKey(slug string, e practice.Entry) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("entry-card\x00")
	for _, s := range []string{slug, strconv.FormatInt(e.ID, 10), e.Slug, string(e.Kind), e.Title, e.Summary, string(e.Maturity),
		strconv.FormatBool(e.Stale), e.StaleReason, strconv.FormatInt(e.UpdatedAt.UnixNano(), 10), ago(e.UpdatedAt),
		strconv.Itoa(e.Comments), strconv.Itoa(e.Helpful)} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, p := range e.People {
		h.WriteString(p.Name)
		h.WriteByte(1)
	}
	h.WriteByte(0)
	for _, tag := range e.Tags {
		h.WriteString(tag)
		h.WriteByte(1)
	}
	return h.Sum64()
}

// entryCards renders the entry-card partial of each entry (with t, the
// page's templates), reusing each card's cached rendering while it has not
// changed.
func (s *Server) entryCards(t *template.Template, slug string, list []practice.Entry) (template.HTML, error) {
	var out strings.Builder
	var buf bytes.Buffer
	for _, e := range list {
		h, err := s.fragments.fragment(s.fragments.entryCardKey(slug, e), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "entry-card", entryCard{CommunitySlug: slug, Kind: e.Kind, Entry: e})
		})
		if err != nil {
			return "", err
		}
		out.WriteString(string(h))
	}
	return template.HTML(out.String()), nil //nolint:gosec // fragments rendered by html/template
}
