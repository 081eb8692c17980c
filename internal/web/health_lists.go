package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
	"time"

	"hearth/internal/stewardship"
)

// The health page's three lists (the waiting questions with who might
// answer, the fading regulars, the connectors: up to 50 rows each) change
// when the job runs and as their relative times' words move, so each is
// rendered once and reused from the fragment cache, keyed by everything it
// shows.

// healthListKey hashes the words and links of list name's rows of h,
// written straight into the hash: a row of strings for each of 150 rows
// was a tenth of the page's time.
func (c *fragmentCache) healthListKey(name string, h stewardship.Health) uint64 {
	var k maphash.Hash
	k.SetSeed(c.seed)
	var num [24]byte
	field := func(s string) {
		k.WriteString(s)
		k.WriteByte(0)
	}
	number := func(n int64) {
		k.Write(strconv.AppendInt(num[:0], n, 10))
		k.WriteByte(0)
	}
	when := func(t time.Time) { // what the "time" partial shows of t
		number(t.Unix())
		field(ago(t))
	}
	field("health-list")
	field(name)
	switch name {
	case "queue":
		for _, q := range h.Queue {
			field(q.URL)
			field(q.Title)
			when(q.Asked)
			number(int64(len(q.Experts)))
			for _, e := range q.Experts {
				field(e.Handle)
				field(e.Name)
			}
		}
	case "fading":
		for _, f := range h.Fading {
			field(f.Handle)
			field(f.Name)
			field(string(f.Level))
			if f.LastSeen.Valid {
				when(f.LastSeen.Time)
			} else {
				k.WriteByte(1)
			}
		}
	case "connectors":
		for _, c := range h.Connectors {
			field(c.Handle)
			field(c.Name)
			field(c.Department)
			number(int64(c.Departments))
		}
	}
	return k.Sum64()
}

// shownTime is what the "time" partial shows of t.
func shownTime(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) + "\x01" + ago(t) }

// healthListHTML renders the lists of h (t, the page's templates), or
// takes them from the fragment cache; keys receives each list's key.
func (s *Server) healthListHTML(t *template.Template, h stewardship.Health, keys *[]uint64) (map[string]template.HTML, error) {
	out := map[string]template.HTML{}
	var buf bytes.Buffer
	for _, l := range []struct {
		name string
		list any
	}{{"queue", h.Queue}, {"fading", h.Fading}, {"connectors", h.Connectors}} {
		name, list := l.name, l.list
		key := s.fragments.healthListKey(name, h)
		*keys = append(*keys, key)
		html, err := s.fragments.fragment(key, &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "health-"+name, list)
		})
		if err != nil {
			return nil, err
		}
		out[name] = html
	}
	return out, nil
}
