package web

import (
	"bytes"
	"context"
	"database/sql"
	"hash/maphash"
	"html/template"
	"strconv"

	"hearth/internal/stewardship"
)

// The health page's figures, charts and heatmaps (hundreds of SVG shapes:
// the exchange between 20 departments alone is 400 cells) are drawn from
// what the recount job stored, and change only when it runs again: a new
// run, a new counted_at. So the three parts of the page made of them are
// rendered once a run and window and kept in the fragment cache, and the
// job's rows are read (ReadCounted) only to render them. The departments'
// names are read on every request with the lists (a department can be
// renamed between two runs): they are part of the key.

// healthFigure is one chart or heatmap of the health page, with the table
// of data it draws. A short table (a row a month, a row a ring of
// attendees) is shown unfolded under its chart; the others are linked to
// as CSV, the chart's title and description saying what it shows: the
// weeks, cohorts, hours and pairs of departments were most of the page's
// bytes (140 KB for a year) for a table few open.
type healthFigure struct {
	table string // its name among stewardship.TableNames
	open  bool   // its table of data shown unfolded in the page, else linked
	draw  func(stewardship.Health) any
}

// healthFigures are the drawn figures of the page; the templates place
// each by its table's name.
var healthFigures = []healthFigure{
	{"rings", false, func(h stewardship.Health) any { return h.RingsChart() }},
	{"flow", true, func(h stewardship.Health) any { return h.FlowChart() }},
	{"response", false, func(h stewardship.Health) any { return h.ResponseChart() }},
	{"funnel", false, func(h stewardship.Health) any { return h.FunnelChart() }},
	{"retention", false, func(h stewardship.Health) any { return h.RetentionChart() }},
	{"rhythm", false, func(h stewardship.Health) any { return h.RhythmChart() }},
	{"gatherings", true, func(h stewardship.Health) any { return h.FollowChart() }},
	{"departments", false, func(h stewardship.Health) any { return h.DepartmentsChart() }},
	{"exchange", false, func(h stewardship.Health) any { return h.ExchangeChart() }},
	{"ei", false, func(h stewardship.Health) any { return h.EIChart() }},
}

// healthParts are the templates of the parts drawn from the job's rows:
// the figures with the rings and response times; the newcomers and the
// absence factor; the groups and moments.
var healthParts = []string{"health-counted-top", "health-counted-newcomers", "health-counted-groups"}

// healthCounted is what a part drawn from the job's rows is rendered from.
type healthCounted struct {
	C      healthCountedC
	H      stewardship.Health
	Lines  []healthLine
	Tables map[string]stewardship.Table
	Drawn  map[string]template.HTML
}

// healthCountedC is the little of the community the parts show.
type healthCountedC struct{ Slug string }

// healthPartKey hashes everything part shows of h: the community, the
// window, the run (its time and zone) and the departments as read now.
func (c *fragmentCache) healthPartKey(h stewardship.Health, part string) uint64 {
	var k maphash.Hash
	k.SetSeed(c.seed)
	k.WriteString("health-part\x00")
	for _, s := range []string{part, strconv.FormatInt(h.C.ID, 10), h.C.Slug, strconv.Itoa(h.Days), strconv.FormatInt(h.Run, 10), strconv.FormatInt(h.CountedAt.UnixNano(), 10), h.Zone} {
		k.WriteString(s)
		k.WriteByte(0)
	}
	for _, d := range h.Departments {
		for _, s := range []string{strconv.FormatInt(d.ID, 10), d.Name, nullInt(d.Contributions), nullInt(d.Previous), strconv.FormatBool(d.Exchanged)} {
			k.WriteString(s)
			k.WriteByte(1)
		}
		k.WriteByte(0)
	}
	return k.Sum64()
}

// healthCountedHTML returns the parts of the page drawn from the job's
// rows, from the fragment cache, or reads those rows into h and renders
// them (t, the page's templates).
// keys receives each part's key.
func (s *Server) healthCountedHTML(ctx context.Context, t *template.Template, h *stewardship.Health, keys *[]uint64) (map[string]template.HTML, error) {
	out := make(map[string]template.HTML, len(healthParts))
	for _, part := range healthParts {
		*keys = append(*keys, s.fragments.healthPartKey(*h, part))
	}
	for i, part := range healthParts {
		key := (*keys)[len(*keys)-len(healthParts)+i]
		html, ok := s.fragments.get(key)
		if !ok {
			// One request reads and renders; those arriving meanwhile
			// (every steward's, just after a count) wait for its parts.
			drawn, err, _ := s.fragments.drawing.Do(strconv.FormatUint(key, 16), func() (any, error) {
				return s.renderHealthCounted(ctx, t, h)
			})
			if err != nil {
				return nil, err
			}
			return drawn.(map[string]template.HTML), nil
		}
		out[part] = html
	}
	return out, nil
}

// renderHealthCounted reads the job's rows into h, renders the parts drawn
// from them and keeps them under the run they were read from.
func (s *Server) renderHealthCounted(ctx context.Context, t *template.Template, h *stewardship.Health) (map[string]template.HTML, error) {
	if err := s.Stewardship.ReadCounted(ctx, h); err != nil {
		return nil, err
	}
	v := healthCounted{C: healthCountedC{Slug: h.C.Slug}, H: *h, Lines: healthLinesOf(*h), Tables: map[string]stewardship.Table{},
		Drawn: make(map[string]template.HTML, len(healthFigures))}
	v.Tables["absence"], _ = h.Table("absence")
	var buf bytes.Buffer
	for _, f := range healthFigures {
		table, _ := h.Table(f.table)
		data := map[string]any{"Table": table, "Slug": h.C.Slug, "Days": h.Days, "Open": f.open, "Linked": !f.open}
		name := "healthchart"
		switch drawn := f.draw(*h).(type) {
		case stewardship.Heatmap:
			data["Map"], name = drawn, "healthheatmap"
		default:
			data["Chart"] = drawn
		}
		buf.Reset()
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return nil, err
		}
		v.Drawn[f.table] = template.HTML(buf.String()) //nolint:gosec // rendered by html/template: escaped already
	}
	out := make(map[string]template.HTML, len(healthParts))
	for _, part := range healthParts {
		buf.Reset()
		if err := t.ExecuteTemplate(&buf, part, v); err != nil {
			return nil, err
		}
		out[part] = template.HTML(buf.String()) //nolint:gosec // rendered by html/template: escaped already
		s.fragments.put(s.fragments.healthPartKey(*h, part), out[part])
	}
	return out, nil
}

// nullInt is n in words, "" when it is not shown.
func nullInt(n sql.NullInt64) string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatInt(n.Int64, 10)
}
