package stewardship

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Table is a figure's data, shown behind its chart and downloaded as CSV
// (/c/{slug}/health/{Name}.csv).
type Table struct {
	Name, Title string
	Head        []string
	Rows        [][]string
}

// TableNames are the figures that download as CSV.
var TableNames = []string{"rings", "flow", "response", "unanswered", "absence", "fading", "stale", "funnel", "retention",
	"rhythm", "gatherings", "departments", "exchange", "ei", "connectors"}

// Table returns the figure called name (one of TableNames).
func (h Health) Table(name string) (Table, bool) {
	switch name {
	case "rings":
		return h.ringsTable(), true
	case "flow":
		return h.flowTable(), true
	case "response":
		return h.responseTable(), true
	case "unanswered":
		return h.queueTable(), true
	case "absence":
		return h.absenceTable(), true
	case "fading":
		return h.fadingTable(), true
	case "stale":
		return h.staleTable(), true
	case "funnel":
		return h.funnelTable(), true
	case "retention":
		return h.retentionTable(), true
	case "rhythm":
		return h.rhythmTable(), true
	case "gatherings":
		return h.gatheringsTable(), true
	case "departments":
		return h.departmentsTable(), true
	case "exchange":
		return h.exchangeTable(), true
	case "ei":
		return h.eiTable(), true
	case "connectors":
		return h.connectorsTable(), true
	}
	return Table{}, false
}

func (h Health) periods() (string, string) {
	d := strconv.Itoa(h.Days)
	return "last " + d + " days", "the " + d + " days before"
}

// cell is a figure's value in words, "" when there is none.
func cell(f Figure, previous bool, scale float64) string {
	v := f.Current
	if previous {
		v = f.Previous
	}
	if !v.Valid {
		return ""
	}
	return Number(math.Round(v.Float64*scale*10) / 10)
}

func (h Health) ringsTable() Table {
	cur, prev := h.periods()
	t := Table{Name: "rings", Title: "Members on each ring", Head: []string{"ring", cur, prev}}
	for _, r := range RingOrder {
		f := h.Figures[FigRing+string(r)]
		t.Rows = append(t.Rows, []string{string(r), cell(f, false, 1), cell(f, true, 1)})
	}
	return t
}

func (h Health) flowTable() Table {
	t := Table{Name: "flow", Title: "The rings at each month's start, and how members moved",
		Head: []string{"month", "core", "active", "occasional", "peripheral", "moved inward", "held", "moved outward", "joined"}}
	for _, f := range h.Flow {
		row := []string{f.Month.Format("2006-01")}
		for _, n := range []int{f.Rings[RingOrder[0]], f.Rings[RingOrder[1]], f.Rings[RingOrder[2]], f.Rings[RingOrder[3]], f.Inward, f.Held, f.Outward, f.Joined} {
			row = append(row, strconv.Itoa(n))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (h Health) responseTable() Table {
	t := Table{Name: "response", Title: "Time to first response, week by week",
		Head: []string{"week from", "questions", "answered", "answered within 48 h", "median hours", "90th percentile hours"}}
	for _, w := range h.Weeks {
		t.Rows = append(t.Rows, []string{w.Start.Format("2006-01-02"), strconv.Itoa(w.Questions), strconv.Itoa(w.Answered), strconv.Itoa(w.InTime),
			cell(Figure{Current: w.Median}, false, 1), cell(Figure{Current: w.P90}, false, 1)})
	}
	return t
}

func (h Health) queueTable() Table {
	t := Table{Name: "unanswered", Title: "Questions waiting for an answer, oldest first", Head: []string{"question", "asked", "address", "suggested experts"}}
	for _, q := range h.Queue {
		var names []string
		for _, e := range q.Experts {
			names = append(names, e.Name+" (@"+e.Handle+")")
		}
		t.Rows = append(t.Rows, []string{q.Title, q.Asked.UTC().Format(time.RFC3339), q.URL, strings.Join(names, "; ")})
	}
	return t
}

func (h Health) absenceTable() Table {
	cur, prev := h.periods()
	t := Table{Name: "absence", Title: "Contributor absence factor", Head: []string{"contributions", cur, prev}}
	for _, r := range []struct{ label, fig string }{{"all", FigAbsenceAll}, {"answers", FigAbsenceAns}} {
		f := h.Figures[r.fig]
		t.Rows = append(t.Rows, []string{r.label, cell(f, false, 1), cell(f, true, 1)})
	}
	return t
}

func (h Health) fadingTable() Table {
	t := Table{Name: "fading", Title: "Fading regulars", Head: []string{"member", "handle", "level", "last seen"}}
	for _, f := range h.Fading {
		seen := ""
		if f.LastSeen.Valid {
			seen = f.LastSeen.Time.UTC().Format(time.RFC3339)
		}
		t.Rows = append(t.Rows, []string{f.Name, f.Handle, string(f.Level), seen})
	}
	return t
}

// RingsChart draws the members on each ring, this window and the one before.
func (h Health) RingsChart() Chart {
	cur, prev := h.periods()
	var groups []string
	now, before := Series{Name: cur, Class: "s1"}, Series{Name: prev, Class: "s2"}
	for _, r := range RingOrder {
		f := h.Figures[FigRing+string(r)]
		groups = append(groups, r.Label())
		now.Values = append(now.Values, nan(f.Current.Float64, f.Current.Valid))
		before.Values = append(before.Values, nan(f.Previous.Float64, f.Previous.Valid))
	}
	return BarChart("rings", "Members on each ring", "Members on the core, active, occasional and peripheral rings, in the "+cur+" and "+prev+".", groups, "", now, before)
}

// ResponseChart draws the weekly median and 90th percentile of the time to
// a first response, every week of the window.
func (h Health) ResponseChart() Chart {
	byWeek := map[time.Time]Week{}
	for _, w := range h.Weeks {
		byWeek[w.Start] = w
	}
	var groups []string
	median, p90 := Series{Name: "median", Class: "s1"}, Series{Name: "90th percentile", Class: "s2"}
	for w := WeekStart(h.CountedAt.AddDate(0, 0, -h.Days)); !w.After(h.CountedAt); w = w.AddDate(0, 0, 7) {
		groups = append(groups, w.Format("2 Jan"))
		x := byWeek[w]
		median.Values = append(median.Values, nan(x.Median.Float64, x.Median.Valid))
		p90.Values = append(p90.Values, nan(x.P90.Float64, x.P90.Valid))
	}
	return BarChart("response", "Time to first response", "Hours from a question to the first reply by someone other than its asker, week by week: the median and the 90th percentile.",
		groups, " h", median, p90)
}

// FlowChart draws, month by month, how many members moved inward and outward.
func (h Health) FlowChart() Chart {
	var groups []string
	in, out := Series{Name: "moved inward", Class: "s1"}, Series{Name: "moved outward", Class: "s2"}
	for _, f := range h.Flow {
		groups = append(groups, f.Month.Format("Jan"))
		in.Values = append(in.Values, float64(f.Inward))
		out.Values = append(out.Values, float64(f.Outward))
	}
	return BarChart("flow", "Moving between rings", "Members who moved to a ring nearer the centre, and away from it, since the month before, at each month's start.",
		groups, "", in, out)
}

func nan(v float64, ok bool) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}

// percent is n of all as a whole percentage, "" when all is 0.
func percent(n, all int) string {
	if all == 0 {
		return ""
	}
	return Number(math.Round(float64(n)*100/float64(all))) + "%"
}

func (h Health) funnelTable() Table {
	t := Table{Name: "funnel", Title: "Newcomers by the month they joined",
		Head: []string{"joined", "members", "first contribution within 30 days", "second within 90 days", "active or core now",
			"contributed", "first contribution welcomed within 48 h"}}
	for _, c := range h.Cohorts {
		t.Rows = append(t.Rows, []string{c.Month.Format("2006-01"), strconv.Itoa(c.Members), strconv.Itoa(c.First30), strconv.Itoa(c.Second90), strconv.Itoa(c.Active),
			strconv.Itoa(c.Contributed), strconv.Itoa(c.Welcomed)})
	}
	return t
}

func (h Health) retentionTable() Table {
	t := Table{Name: "retention", Title: "Share of each month's newcomers present, by months since joining", Head: []string{"joined", "members"}}
	for k := range CohortMonths {
		t.Head = append(t.Head, "month "+strconv.Itoa(k))
	}
	for _, c := range h.Cohorts {
		row := []string{c.Month.Format("2006-01"), strconv.Itoa(c.Members)}
		for _, n := range c.Present {
			row = append(row, percent(n, c.Members))
		}
		for len(row) < len(t.Head) {
			row = append(row, "")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// FunnelChart draws, per month of joining, the shares who made a first
// contribution within 30 days, a second within 90, and are active now.
func (h Health) FunnelChart() Chart {
	var groups []string
	first, second, active := Series{Name: "first within 30 days", Class: "s1"}, Series{Name: "second within 90 days", Class: "s2"}, Series{Name: "active or core now", Class: "s3"}
	for _, c := range h.Cohorts {
		groups = append(groups, c.Month.Format("Jan"))
		share := func(n int) float64 { return math.Round(float64(n) * 100 / float64(c.Members)) }
		first.Values = append(first.Values, share(c.First30))
		second.Values = append(second.Values, share(c.Second90))
		active.Values = append(active.Values, share(c.Active))
	}
	return BarChart("funnel", "Newcomers' first steps", "For the members who joined each month: the share who made a first contribution within 30 days of joining, a second within 90 days, and who are active or core now.",
		groups, "%", first, second, active)
}

// RetentionChart shades, per month of joining, the share of those members
// present in each month since.
func (h Health) RetentionChart() Heatmap {
	var rows, columns []string
	var shares [][]float64
	for k := range CohortMonths {
		columns = append(columns, strconv.Itoa(k))
	}
	for _, c := range h.Cohorts {
		rows = append(rows, c.Month.Format("Jan 2006"))
		line := make([]float64, CohortMonths)
		for k := range line {
			line[k] = math.NaN()
			if k < len(c.Present) {
				line[k] = float64(c.Present[k]) / float64(c.Members)
			}
		}
		shares = append(shares, line)
	}
	return HeatmapOf("retention", "Retention", "For the members who joined each month (rows), the share present in the community in each month since (columns, 0 the month they joined): darker is more.",
		rows, columns, shares, func(i, j int) string {
			return fmt.Sprintf("%s, month %s: %s%%", rows[i], columns[j], Number(math.Round(shares[i][j]*100)))
		})
}
