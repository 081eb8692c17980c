package stewardship

import (
	"fmt"
	"math"
)

// Chart is the geometry of a small bar chart, drawn as SVG by the page's
// template (no script): bars grouped along the x axis, one colour class
// per series, a value label under each bar's title. Every chart has a
// title, a description and its data as a Table behind it.
type Chart struct {
	ID, Title, Desc string
	Width, Height   int
	Left, Base      float64 // where the axis starts and runs
	Bars            []Bar
	Labels          []Label // group names under the axis, and the scale
	Series          []Series
	Empty           bool // nothing to draw
}

// Bar is one bar, with its value in words for a tooltip.
type Bar struct {
	X, Y, W, H float64
	Class      string
	Title      string
}

// Label is a text on the chart, turned by Rotate degrees about its point.
type Label struct {
	X, Y   float64
	Text   string
	Anchor string
	Rotate int
}

// charWidth is about how wide a character of a chart's labels is.
const charWidth = 6.5

// fit is text cut to about width, with an ellipsis when it was longer.
func fit(text string, width float64) string {
	r := []rune(text)
	n := max(int(width/charWidth), 2)
	if len(r) <= n {
		return text
	}
	return string(r[:n-1]) + "…"
}

// Series is one set of values (NaN: none) drawn in one class.
type Series struct {
	Name, Class string
	Values      []float64
}

const (
	chartHeight = 180
	chartTop    = 16
	chartBottom = 28
	chartLeft   = 36
	groupWidth  = 36
)

// BarChart lays out series over groups as grouped vertical bars, scaled
// to the largest value (and down to the smallest when one is negative,
// the axis at 0); unit follows each value in the bar's title.
func BarChart(id, title, desc string, groups []string, unit string, series ...Series) Chart {
	c := Chart{ID: id, Title: title, Desc: desc, Height: chartHeight, Series: series, Left: chartLeft}
	top, bottom := 0.0, 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				top, bottom = max(top, v), min(bottom, v)
			}
		}
	}
	c.Empty = top == 0 && bottom == 0
	if c.Empty {
		top = 1
	}
	gw := float64(groupWidth)
	switch {
	case len(groups) <= 6: // a few named groups: room for their names
		gw = 2.2 * groupWidth
	case len(groups) > 26: // a year of weeks, scrolled sideways on a phone
		gw = groupWidth / 2
	}
	c.Width = chartLeft + int(gw)*len(groups) + 8
	plot := float64(chartHeight - chartTop - chartBottom)
	span := top - bottom
	zero := float64(chartTop) + top/span*plot
	c.Base = zero
	bw := (gw - 4) / float64(max(len(series), 1))
	every := max(1, len(groups)/8) // label one group in every few
	for g, name := range groups {
		x0 := float64(chartLeft) + gw*float64(g) + 2
		for i, s := range series {
			if g >= len(s.Values) || math.IsNaN(s.Values[g]) {
				continue
			}
			v := s.Values[g]
			h := math.Abs(v) / span * plot
			y := zero - h
			if v < 0 {
				y = zero
			}
			c.Bars = append(c.Bars, Bar{X: x0 + bw*float64(i), Y: y, W: bw - 1, H: h, Class: s.Class,
				Title: fmt.Sprintf("%s, %s: %s%s", name, s.Name, Number(v), unit)})
		}
		if g%every == 0 {
			c.Labels = append(c.Labels, Label{X: x0 + (gw-4)/2, Y: chartHeight - chartBottom + 14, Text: fit(name, gw*float64(every)-12), Anchor: "middle"})
		}
	}
	c.Labels = append(c.Labels, Label{X: chartLeft - 4, Y: chartTop + 4, Text: Number(top) + unit, Anchor: "end"},
		Label{X: chartLeft - 4, Y: zero, Text: "0", Anchor: "end"})
	if bottom < 0 {
		c.Labels = append(c.Labels, Label{X: chartLeft - 4, Y: chartTop + plot, Text: Number(bottom) + unit, Anchor: "end"})
	}
	return c
}

// Number is v in words: whole numbers bare, others to one decimal.
func Number(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// Heatmap is the geometry of a grid of shares (0 to 1): a row per group,
// a column per step, each cell shaded by its share.
type Heatmap struct {
	ID, Title, Desc string
	Width, Height   int
	Cells           []Cell
	Labels          []Label
}

// Cell is one square of a heatmap.
type Cell struct {
	X, Y, W, H float64
	Opacity    float64 // the share, at least a trace so that 0 is visible
	Title      string
	Mark       string // a short text drawn in the cell ("" none)
}

// CX and CY are where the cell's mark is written: its middle.
func (c Cell) CX() float64 { return c.X + c.W/2 }

// CY: see CX.
func (c Cell) CY() float64 { return c.Y + c.H/2 + 4 }

// HeatmapOf lays out shares[row][column] (NaN: no cell) with row and
// column names, room left for the longest (column names longer than a
// cell is wide are turned); title names a cell (row i, column j) for its
// tooltip.
func HeatmapOf(id, title, desc string, rows, columns []string, shares [][]float64, cellTitle func(i, j int) string) Heatmap {
	const size = 28.0
	longest := func(names []string) float64 {
		n := 0
		for _, s := range names {
			n = max(n, len([]rune(s)))
		}
		return float64(n) * charWidth
	}
	left, top, turn := max(64, longest(rows)+10), 20.0, longest(columns) > size
	if turn {
		top = longest(columns)*0.7 + 14 // sin 45°
	}
	h := Heatmap{ID: id, Title: title, Desc: desc, Width: int(left + size*float64(len(columns)) + 8), Height: int(top + size*float64(len(rows)) + 8)}
	if turn { // the last names lean out to the right
		h.Width += int(longest(columns) * 0.7)
	}
	for j, c := range columns {
		l := Label{X: left + size*float64(j) + size/2, Y: top - 6, Text: c, Anchor: "middle"}
		if turn {
			l.Anchor, l.Rotate = "start", -45
		}
		h.Labels = append(h.Labels, l)
	}
	for i, r := range rows {
		y := top + size*float64(i)
		h.Labels = append(h.Labels, Label{X: left - 6, Y: y + size/2 + 4, Text: r, Anchor: "end"})
		for j, v := range shares[i] {
			if math.IsNaN(v) {
				continue
			}
			h.Cells = append(h.Cells, Cell{X: left + size*float64(j) + 1, Y: y + 1, W: size - 2, H: size - 2, Opacity: max(v, 0.04),
				Title: cellTitle(i, j)})
		}
	}
	return h
}
