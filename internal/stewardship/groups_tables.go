package stewardship

import (
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"time"
)

// weekdays are the rhythm's rows, Monday first.
var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// hourSpan is an hour of the day as "14:00–15:00".
func hourSpan(h int) string { return fmt.Sprintf("%02d:00–%02d:00", h, (h+1)%24) }

func (h Health) rhythmTable() Table {
	t := Table{Name: "rhythm", Title: "Contributions and gatherings by weekday and hour (" + h.Zone + ")",
		Head: []string{"weekday", "hour", "contributions", "gatherings starting"}}
	for _, d := range weekdays {
		for _, c := range h.Rhythm {
			if c.Weekday == d {
				t.Rows = append(t.Rows, []string{d.String(), hourSpan(c.Hour), strconv.Itoa(c.Contributions), strconv.Itoa(c.Gatherings)})
			}
		}
	}
	return t
}

// RhythmChart shades each weekday (rows) and hour (columns) of the
// community's zone by its contributions, and marks the gatherings that
// started in it with their number.
func (h Health) RhythmChart() Heatmap {
	type key struct {
		day  time.Weekday
		hour int
	}
	cells, most := map[key]RhythmCell{}, 0
	for _, c := range h.Rhythm {
		cells[key{c.Weekday, c.Hour}] = c
		most = max(most, c.Contributions)
	}
	var rows, columns []string
	for _, d := range weekdays {
		rows = append(rows, d.String()[:3])
	}
	for hour := range 24 {
		columns = append(columns, strconv.Itoa(hour))
	}
	shares := make([][]float64, len(weekdays))
	for i, d := range weekdays {
		shares[i] = make([]float64, 24)
		for hour := range 24 {
			if most > 0 {
				shares[i][hour] = float64(cells[key{d, hour}].Contributions) / float64(most)
			}
		}
	}
	m := HeatmapOf("rhythm", "Rhythm of the week", "Contributions by weekday (rows) and hour (columns) in "+h.Zone+": darker is more; a number is how many gatherings started in that hour.",
		rows, columns, shares, func(i, j int) string {
			c := cells[key{weekdays[i], j}]
			return fmt.Sprintf("%s %s: %s, %s", weekdays[i], hourSpan(j), plural(c.Contributions, "contribution"), plural(c.Gatherings, "gathering"))
		})
	for i := range m.Cells { // every cell is drawn (no NaN above): cell i is row i/24, hour i%24
		row, hour := i/24, i%24
		if n := cells[key{weekdays[row], hour}].Gatherings; n > 0 {
			m.Cells[i].Mark = strconv.Itoa(n)
		}
	}
	return m
}

// plural is n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func (h Health) gatheringsTable() Table {
	cur, prev := h.periods()
	t := Table{Name: "gatherings", Title: "Gathering follow-through", Head: []string{"figure", cur, prev}}
	for _, r := range []struct {
		label, fig string
		scale      float64
	}{{"gatherings held", FigHeld, 1}, {"attendees", FigAttendees, 1}, {"first-time attendees", FigFirstTimers, 1},
		{"repeat attendees (two or more gatherings)", FigRepeat, 1}, {"attendees of gatherings at least 7 days old", FigJudged, 1},
		{"of whom contributed within 7 days (%)", FigFollowed, 100}} {
		f := h.Figures[r.fig]
		t.Rows = append(t.Rows, []string{r.label, cell(f, false, r.scale), cell(f, true, r.scale)})
	}
	return t
}

// FollowChart draws the attendees, first-timers and repeat attendees of
// the window and the one before.
func (h Health) FollowChart() Chart {
	cur, prev := h.periods()
	now, before := Series{Name: cur, Class: "s1"}, Series{Name: prev, Class: "s2"}
	var groups []string
	for _, g := range []struct{ label, fig string }{{"attendees", FigAttendees}, {"first-timers", FigFirstTimers}, {"repeat", FigRepeat}} {
		f := h.Figures[g.fig]
		groups = append(groups, g.label)
		now.Values = append(now.Values, nan(f.Current.Float64, f.Current.Valid))
		before.Values = append(before.Values, nan(f.Previous.Float64, f.Previous.Valid))
	}
	return BarChart("gatherings", "Who came to gatherings", "People who attended a gathering, those attending for the first time, and those who attended two or more, in the "+cur+" and "+prev+".",
		groups, "", now, before)
}

// shareOf is n of the figure's total as a percentage, NaN when either is missing.
func shareOf(n int64, ok bool, total float64, totalOK bool) float64 {
	if !ok || !totalOK || total == 0 {
		return math.NaN()
	}
	return math.Round(float64(n)*1000/total) / 10
}

func (h Health) departmentShares() (cur, prev []float64) {
	total := h.Figures[FigContributions]
	for _, d := range h.Departments {
		cur = append(cur, shareOf(d.Contributions.Int64, d.Contributions.Valid, total.Current.Float64, total.Current.Valid))
		prev = append(prev, shareOf(d.Previous.Int64, d.Previous.Valid, total.Previous.Float64, total.Previous.Valid))
	}
	return cur, prev
}

// percentCell is a share in words, "" for NaN.
func percentCell(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return Number(v) + "%"
}

func (h Health) departmentsTable() Table {
	c, p := h.periods()
	t := Table{Name: "departments", Title: "Share of the contributions by department",
		Head: []string{"department", "share, " + c, "share, " + p, "contributions, " + c, "contributions, " + p}}
	cur, prev := h.departmentShares()
	for i, d := range h.Departments {
		t.Rows = append(t.Rows, []string{d.Name, percentCell(cur[i]), percentCell(prev[i]), nullInt(d.Contributions), nullInt(d.Previous)})
	}
	return t
}

// nullInt is n in words, "" when not given.
func nullInt(n sql.NullInt64) string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatInt(n.Int64, 10)
}

// DepartmentsChart draws each shown department's share of the contributions.
func (h Health) DepartmentsChart() Chart {
	c, p := h.periods()
	cur, prev := h.departmentShares()
	var groups []string
	for i, d := range h.Departments {
		groups = append(groups, d.Name)
		cur[i], prev[i] = math.Round(cur[i]), math.Round(prev[i]) // whole percentages: the table has the tenths
	}
	return BarChart("departments", "Contributions by department", "Each department's share of all the contributions, in the "+c+" and "+p+"; departments with fewer than 5 contributors are not shown.",
		groups, "%", Series{Name: c, Class: "s1", Values: cur}, Series{Name: p, Class: "s2", Values: prev})
}

// exchanging are the departments shown in the exchange, by name.
func (h Health) exchanging() []DepartmentShare {
	var out []DepartmentShare
	for _, d := range h.Departments {
		if d.Exchanged {
			out = append(out, d)
		}
	}
	return out
}

// exchangeShares is the share (0 to 1) of the window's exchange between
// each two shown departments, symmetric.
func (h Health) exchangeShares() ([]DepartmentShare, [][]float64) {
	deps := h.exchanging()
	at := map[int64]int{}
	for i, d := range deps {
		at[d.ID] = i
	}
	grid := make([][]float64, len(deps))
	for i := range grid {
		grid[i] = make([]float64, len(deps))
	}
	total := h.Figures[FigExchangeWeight].Current.Float64
	for _, c := range h.Exchange {
		a, okA := at[c.A]
		b, okB := at[c.B]
		if okA && okB && total > 0 {
			grid[a][b], grid[b][a] = c.Weight/total, c.Weight/total
		}
	}
	return deps, grid
}

func (h Health) exchangeTable() Table {
	deps, grid := h.exchangeShares()
	t := Table{Name: "exchange", Title: "Share of the exchange between departments", Head: []string{"department"}}
	for _, d := range deps {
		t.Head = append(t.Head, d.Name)
	}
	for i, d := range deps {
		row := []string{d.Name}
		for j := range deps {
			row = append(row, percentCell(math.Round(grid[i][j]*1000)/10))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// ExchangeChart shades each pair of shown departments by its share of the
// exchange (the diagonal: inside one department).
func (h Health) ExchangeChart() Heatmap {
	deps, grid := h.exchangeShares()
	most := 0.0
	var names []string
	for i, d := range deps {
		names = append(names, d.Name)
		for _, v := range grid[i] {
			most = max(most, v)
		}
	}
	shade := make([][]float64, len(grid))
	for i := range grid {
		shade[i] = make([]float64, len(grid[i]))
		for j, v := range grid[i] {
			if most > 0 {
				shade[i][j] = v / most
			}
		}
	}
	return HeatmapOf("exchange", "Exchange between departments", "The share of all the exchange (replies, answers, endorsements, attending together) between the people of two departments, rows and columns; the diagonal is inside one department; darker is more.",
		names, names, shade, func(i, j int) string {
			return fmt.Sprintf("%s with %s: %s%%", names[i], names[j], Number(math.Round(grid[i][j]*1000)/10))
		})
}

// ei is a month's E-I index, NaN when there was no exchange.
func (m ExchangeMonth) ei() float64 {
	v := EIIndex(m.Internal, m.External)
	return nan(math.Round(v.Float64*100)/100, v.Valid)
}

func (h Health) eiTable() Table {
	t := Table{Name: "ei", Title: "E-I index of the " + strconv.Itoa(DefaultDays) + " days before each month's start",
		Head: []string{"month", "inside departments", "across departments", "E-I index"}}
	for _, m := range h.ExchangeMonths {
		ei := ""
		if v := m.ei(); !math.IsNaN(v) {
			ei = strconv.FormatFloat(v, 'f', 2, 64)
		}
		t.Rows = append(t.Rows, []string{m.Month.Format("2006-01"), strconv.FormatFloat(m.Internal, 'f', 2, 64), strconv.FormatFloat(m.External, 'f', 2, 64), ei})
	}
	return t
}

// EIChart draws the E-I index month by month: above 0 more exchange across
// departments than inside them.
func (h Health) EIChart() Chart {
	s := Series{Name: "E-I index", Class: "s1"}
	var groups []string
	for _, m := range h.ExchangeMonths {
		groups = append(groups, m.Month.Format("Jan"))
		s.Values = append(s.Values, m.ei())
	}
	return BarChart("ei", "Exchange across departments", "The E-I index at each month's start, from −1 (all exchange inside departments) to 1 (all across them), of the "+strconv.Itoa(DefaultDays)+" days before, recent exchange weighing more.",
		groups, "", s)
}

func (h Health) connectorsTable() Table {
	t := Table{Name: "connectors", Title: "Connectors", Head: []string{"member", "handle", "department", "other departments"}}
	for _, c := range h.Connectors {
		t.Rows = append(t.Rows, []string{c.Name, c.Handle, c.Department, strconv.Itoa(c.Departments)})
	}
	return t
}
