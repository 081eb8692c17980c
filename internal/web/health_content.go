package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
)

// The health page's content (everything inside the layout) is the parts
// drawn from the job's rows and the lists, both kept already, sewn together
// with the checklist, the stale entries and a few words: a few hundred
// template actions on every request, for a page that changes with the run,
// a tick of the checklist, or a relative time's words. So the whole content
// is kept too, under a key naming the kept parts' keys and everything else
// it shows.

// healthContentKey hashes what the content of p shows besides its parts,
// whose keys are given.
func (c *fragmentCache) healthContentKey(p *healthPage, parts []uint64) uint64 {
	var k maphash.Hash
	k.SetSeed(c.seed)
	k.WriteString("health-content\x00")
	h := p.H // the stage's words and about follow from its name
	for _, s := range []string{strconv.FormatInt(p.C.ID, 10), p.C.Slug, p.C.Name, string(p.C.Stage), strconv.Itoa(h.Days),
		strconv.FormatBool(h.CountedAt.IsZero()), shownTime(h.CountedAt),
		strconv.Itoa(len(h.Queue)), strconv.Itoa(len(h.Fading)), strconv.Itoa(h.MoreFading()), strconv.Itoa(len(h.Connectors)), strconv.Itoa(h.MoreConnectors())} {
		k.WriteString(s)
		k.WriteByte(0)
	}
	for _, w := range p.Windows {
		k.WriteString(strconv.Itoa(w))
		k.WriteByte(1)
	}
	for _, t := range h.Tasks {
		k.WriteString(t.Key)
		k.WriteByte(1)
		k.WriteString(t.Text)
		k.WriteByte(1)
		if t.Done {
			k.WriteString(t.DoneAt.UTC().Format("2 January 2006")) // the "day" it shows
		}
		k.WriteByte(0)
	}
	for _, e := range h.Stale {
		k.WriteString(e.Slug)
		k.WriteByte(1)
		k.WriteString(e.Title)
		k.WriteByte(1)
		k.WriteString(strconv.Itoa(e.Views))
		k.WriteByte(1)
		if e.ReviewBy.Valid {
			k.WriteString(shownTime(e.ReviewBy.Time))
		}
		k.WriteByte(0)
	}
	for _, part := range parts {
		k.WriteString(strconv.FormatUint(part, 16))
		k.WriteByte(2)
	}
	return k.Sum64()
}

// healthContentHTML renders the content of p (t, the page's templates), or
// takes it from the fragment cache.
func (s *Server) healthContentHTML(t *template.Template, p *healthPage, parts []uint64) (template.HTML, error) {
	var buf bytes.Buffer
	return s.fragments.fragment(s.fragments.healthContentKey(p, parts), &buf, func(w io.Writer) error {
		return t.ExecuteTemplate(w, "health-content", p)
	})
}
