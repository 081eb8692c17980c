package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
	"strings"

	"hearth/internal/people"
)

// A list of people (the directory's 50, the experts' 20, people to meet)
// shows each person the same way to every reader, so each row is rendered
// once and reused from the fragment cache: per row, a template's dozen
// reflective field lookups were most of the directory's time.

// personRow is a person as a row of a list shows them: flat (no embedded
// structs, which the template would search field by field).
type personRow struct {
	Handle, Name, Title, Department string
	Avatar                          int
	Disabled                        bool
	ShowHandle                      bool   // the directory's row: handle, title and department
	Why                             string // the experts' row: what the ranking rests on
	Shares                          string // the row of people to meet: what they share
}

func rowOf(p people.Person) personRow {
	return personRow{Handle: p.Handle, Name: p.Name, Title: p.Title, Department: p.Department, Avatar: p.Avatar, Disabled: p.Disabled}
}

// personKey hashes everything the person-row fragment of x shows.
func (c *fragmentCache) personKey(x personRow) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("person\x00")
	for _, s := range []string{x.Handle, x.Name, x.Title, x.Department, strconv.Itoa(x.Avatar), strconv.FormatBool(x.Disabled),
		strconv.FormatBool(x.ShowHandle), x.Why, x.Shares} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// filtersKey hashes everything the people-filters fragment of x shows: each
// option, the choices made and the message on the community filter.
func (c *fragmentCache) filtersKey(x peopleFilters) uint64 {
	fields := make([]string, 0, 2*len(x.Departments)+2*len(x.Communities)+5)
	for _, d := range x.Departments {
		fields = append(fields, d.Slug, d.Name)
	}
	fields = append(fields, "\x01") // the departments end here
	for _, l := range x.Communities {
		fields = append(fields, l.Slug, l.Name)
	}
	fields = append(fields, "\x01", x.Form.Values.Get("department"), x.Form.Values.Get("community"), x.Form.Error("community"))
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("people-filters\x00")
	for _, s := range fields {
		h.WriteString(s)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// personRowsHTML renders each row (with the templates of the page set), or
// takes it from the fragment cache, and joins them: the page prints them
// at once (each row printed by the template was a reflective call of its
// escaper, a quarter of the directory's CPU).
func (s *Server) personRowsHTML(set string, rows []personRow) (template.HTML, error) {
	t := s.pages.sets[set]
	var out strings.Builder
	var buf bytes.Buffer
	for i := range rows {
		h, err := s.fragments.fragment(s.fragments.personKey(rows[i]), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "person-row", rows[i])
		})
		if err != nil {
			return "", err
		}
		out.WriteString(string(h))
	}
	return template.HTML(out.String()), nil
}

// directoryRows are the rows of the directory's people.
func directoryRows(list []people.Person) []personRow {
	out := make([]personRow, len(list))
	for i, p := range list {
		out[i] = rowOf(p)
		out[i].ShowHandle = true
	}
	return out
}

// expertRows are the rows of a ranking, each saying why.
func expertRows(list []people.Ranked) []personRow {
	out := make([]personRow, len(list))
	for i, r := range list {
		out[i] = rowOf(r.Person)
		out[i].Why = r.Why()
	}
	return out
}

// meetRows are the rows of people to meet, each with what they share.
func meetRows(list []people.Suggestion) []personRow {
	out := make([]personRow, len(list))
	for i, x := range list {
		out[i] = rowOf(x.Person)
		out[i].Shares = strings.Join(x.Shared, ", ")
	}
	return out
}
