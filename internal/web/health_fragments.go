package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"

	"hearth/internal/stewardship"
)

// The health page's charts and heatmaps are hundreds of SVG shapes each
// (the exchange between 20 departments alone is 400 cells): rendering them
// on every request made the page 1% of the reference page's speed at
// 100,000 contributions. Each is drawn from the figures the job stored, so
// each is rendered once and reused from the fragment cache, keyed by
// everything it shows: the window, the run and its table of data (the
// chart is a drawing of that table).

// healthFigure is one chart or heatmap of the health page, with the table
// of data it draws.
type healthFigure struct {
	table string // its name among stewardship.TableNames
	open  bool   // its table of data shown unfolded
	draw  func(stewardship.Health) any
}

// healthFigures are the drawn figures of the page; the template places
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

// healthFigureKey hashes everything figure f of h shows: the community,
// the window, the run and its table of data.
func (c *fragmentCache) healthFigureKey(h stewardship.Health, f healthFigure, t stewardship.Table) uint64 {
	var k maphash.Hash
	k.SetSeed(c.seed)
	k.WriteString("health-figure\x00")
	for _, s := range []string{h.C.Slug, strconv.Itoa(h.Days), strconv.FormatInt(h.CountedAt.UnixNano(), 10), h.Zone, f.table,
		strconv.FormatBool(f.open), t.Title} {
		k.WriteString(s)
		k.WriteByte(0)
	}
	for _, row := range append([][]string{t.Head}, t.Rows...) {
		for _, cell := range row {
			k.WriteString(cell)
			k.WriteByte(1)
		}
		k.WriteByte(0)
	}
	return k.Sum64()
}

// healthFigureHTML renders each drawn figure of h with its table of data
// (t, the page's templates), or takes it from the fragment cache.
func (s *Server) healthFigureHTML(t *template.Template, h stewardship.Health, tables map[string]stewardship.Table) (map[string]template.HTML, error) {
	out := make(map[string]template.HTML, len(healthFigures))
	var buf bytes.Buffer
	for _, f := range healthFigures {
		table := tables[f.table]
		html, err := s.fragments.fragment(s.fragments.healthFigureKey(h, f, table), &buf, func(w io.Writer) error {
			data := map[string]any{"Table": table, "Slug": h.C.Slug, "Days": h.Days, "Open": f.open}
			switch drawn := f.draw(h).(type) {
			case stewardship.Heatmap:
				data["Map"] = drawn
				return t.ExecuteTemplate(w, "healthheatmap", data)
			default:
				data["Chart"] = drawn
				return t.ExecuteTemplate(w, "healthchart", data)
			}
		})
		if err != nil {
			return nil, err
		}
		out[f.table] = html
	}
	return out, nil
}
