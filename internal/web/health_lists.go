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

// healthListKey hashes the words and links of list name's rows.
func (c *fragmentCache) healthListKey(name string, rows []string) uint64 {
	var k maphash.Hash
	k.SetSeed(c.seed)
	k.WriteString("health-list\x00")
	k.WriteString(name)
	k.WriteByte(0)
	for _, r := range rows {
		k.WriteString(r)
		k.WriteByte(0)
	}
	return k.Sum64()
}

// shownTime is what the "time" partial shows of t.
func shownTime(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) + "\x01" + ago(t) }

// healthListRows are the parts of each list's rows that its template shows.
func healthListRows(h stewardship.Health) map[string][]string {
	rows := map[string][]string{}
	for _, q := range h.Queue {
		rows["queue"] = append(rows["queue"], q.URL, q.Title, shownTime(q.Asked), strconv.Itoa(len(q.Experts)))
		for _, e := range q.Experts {
			rows["queue"] = append(rows["queue"], e.Handle, e.Name)
		}
	}
	for _, f := range h.Fading {
		seen := ""
		if f.LastSeen.Valid {
			seen = shownTime(f.LastSeen.Time)
		}
		rows["fading"] = append(rows["fading"], f.Handle, f.Name, string(f.Level), seen)
	}
	for _, c := range h.Connectors {
		rows["connectors"] = append(rows["connectors"], c.Handle, c.Name, c.Department, strconv.Itoa(c.Departments))
	}
	return rows
}

// healthListHTML renders the lists of h (t, the page's templates), or
// takes them from the fragment cache; keys receives each list's key.
func (s *Server) healthListHTML(t *template.Template, h stewardship.Health, keys *[]uint64) (map[string]template.HTML, error) {
	rows := healthListRows(h)
	out := map[string]template.HTML{}
	var buf bytes.Buffer
	for _, l := range []struct {
		name string
		list any
	}{{"queue", h.Queue}, {"fading", h.Fading}, {"connectors", h.Connectors}} {
		name, list := l.name, l.list
		key := s.fragments.healthListKey(name, rows[name])
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
