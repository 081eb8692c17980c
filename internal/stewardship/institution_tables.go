package stewardship

import (
	"database/sql"
	"math"
	"strconv"

	"hearth/internal/community"
)

// InstitutionTables are the institution page's figures that download as
// CSV (/institution/{name}.csv).
var InstitutionTables = []string{"communities", "stages", "value", "figures", "ei"}

// Table returns the institution's table called name (one of
// InstitutionTables).
func (in Institution) Table(name string) (Table, bool) {
	switch name {
	case "communities":
		return in.mapTable(), true
	case "stages":
		return in.stagesTable(), true
	case "value":
		return in.valueTable(), true
	case "figures":
		return in.figuresTable(), true
	case "ei":
		return in.quartersTable(), true
	}
	return Table{}, false
}

func (in Institution) mapTable() Table {
	t := Table{Name: "communities", Title: "The communities: stage, members on each ring, departments reached",
		Head: []string{"community", "stage", "core", "active", "occasional", "peripheral", "departments reached"}}
	for _, c := range in.Communities {
		row := []string{c.Name, c.Stage.Words()}
		for _, r := range RingOrder {
			row = append(row, strconv.Itoa(c.Rings[r]))
		}
		t.Rows = append(t.Rows, append(row, strconv.Itoa(c.Departments)))
	}
	return t
}

// stageCounts is how many communities are at each stage, in order.
func (in Institution) stageCounts() []int {
	counts := make([]int, len(community.Stages))
	for _, c := range in.Communities {
		for i, st := range community.Stages {
			if st.Stage == c.Stage {
				counts[i]++
			}
		}
	}
	return counts
}

func (in Institution) stagesTable() Table {
	t := Table{Name: "stages", Title: "Communities at each stage", Head: []string{"stage", "communities"}}
	for i, n := range in.stageCounts() {
		t.Rows = append(t.Rows, []string{community.Stages[i].Words, strconv.Itoa(n)})
	}
	return t
}

// StagesChart draws how many communities are at each stage.
func (in Institution) StagesChart() Chart {
	var groups []string
	s := Series{Name: "communities", Class: "s1"}
	for i, n := range in.stageCounts() {
		groups = append(groups, community.Stages[i].Words)
		s.Values = append(s.Values, float64(n))
	}
	return BarChart("stages", "Communities at each stage", "How many active communities are at each stage of their lifecycle, from forming to changing.", groups, "", s)
}

func (in Institution) valueTable() Table {
	t := Table{Name: "value", Title: "Value-creation stories by cycle",
		Head: []string{"cycle", "stories with a realised step", "of which with evidence", "share with evidence"}}
	for _, v := range in.Value {
		t.Rows = append(t.Rows, []string{v.Cycle.Name(), strconv.Itoa(v.Stories), strconv.Itoa(v.WithEvidence), percent(v.WithEvidence, v.Stories)})
	}
	return t
}

// ValueChart draws the stories realising each cycle, and those with evidence.
func (in Institution) ValueChart() Chart {
	var groups []string
	all, evidence := Series{Name: "stories", Class: "s1"}, Series{Name: "with evidence", Class: "s2"}
	for _, v := range in.Value {
		groups = append(groups, v.Cycle.Name())
		all.Values = append(all.Values, float64(v.Stories))
		evidence.Values = append(evidence.Values, float64(v.WithEvidence))
	}
	return BarChart("value", "Value created, cycle by cycle", "Stories told in the communities with a realised step of each cycle, from immediate to reframing value, and how many of those steps give evidence.",
		groups, "", all, evidence)
}

// InstitutionLine is one of the institution's figures in words.
type InstitutionLine struct {
	Group, Label, Value string
}

// share is a over b as a whole percentage, "" when b is 0 or missing.
func share(a, b sql.NullFloat64) string {
	if !a.Valid || !b.Valid || b.Float64 == 0 {
		return ""
	}
	return Number(math.Round(a.Float64*100/b.Float64)) + "%"
}

// value is v in words with unit, scaled; "" when there is none.
func value(v sql.NullFloat64, scale float64, unit string) string {
	if !v.Valid {
		return ""
	}
	return Number(math.Round(v.Float64*scale*10)/10) + unit
}

// Lines are the institution's figures in words, grouped, in the page's order.
func (in Institution) Lines() []InstitutionLine {
	f := in.Figure
	one := sql.NullFloat64{Float64: 1, Valid: true}
	return []InstitutionLine{
		{"Reach", "Active communities", value(f(InstCommunities), 1, "")},
		{"Reach", "People present in the last " + strconv.Itoa(in.Days) + " days", value(f(InstPresent), 1, "")},
		{"Reach", "Departments with a core or active member", value(f(InstDepartmentsCore), 1, "") + " of " + value(f(InstDepartments), 1, "")},
		{"Reach", "Share of departments with a core or active member", share(f(InstDepartmentsCore), f(InstDepartments))},
		{"Silo-bridging", "Questions answered (asker and answerer with a department)", value(f(InstAnswered), 1, "")},
		{"Silo-bridging", "Share answered by someone of another department", share(f(InstAnsweredAcross), f(InstAnswered))},
		{"Responsiveness", "Questions asked", value(f(InstQuestions), 1, "")},
		{"Responsiveness", "Time to a first response (communities' medians, weighted by questions)", value(f(InstMedian), 1, " h")},
		{"Responsiveness", "Questions answered within 48 hours", share(f(InstInTime), one)},
		{"Resilience", "People on a core ring", value(f(InstCore), 1, "")},
		{"Resilience", "Fewest people making half the contributions", value(f(InstAbsence), 1, "")},
		{"Resilience", "New hosts of gatherings", value(f(InstNewHosts), 1, "")},
		{"Conversion", "Newcomers of the last 12 months", value(f(InstNewcomers), 1, "")},
		{"Conversion", "Share of them active or core now", share(f(InstConverted), f(InstNewcomers))},
		{"Value", "Entries linked to in the last " + strconv.Itoa(in.Days) + " days", value(f(InstEntriesLinked), 1, "")},
	}
}

func (in Institution) figuresTable() Table {
	t := Table{Name: "figures", Title: "The institution's figures", Head: []string{"group", "figure", "value"}}
	for _, l := range in.Lines() {
		t.Rows = append(t.Rows, []string{l.Group, l.Label, l.Value})
	}
	return t
}

func (in Institution) quartersTable() Table {
	t := Table{Name: "ei", Title: "E-I index of the " + strconv.Itoa(DefaultDays) + " days before each quarter's start, across the communities",
		Head: []string{"quarter from", "inside departments", "across departments", "E-I index"}}
	for _, m := range in.Quarters {
		t.Rows = append(t.Rows, []string{m.Month.Format("2006-01"), Number(math.Round(m.Internal*10) / 10), Number(math.Round(m.External*10) / 10),
			value(EIIndex(m.Internal, m.External), 1, "")})
	}
	return t
}

// EIChart draws the institution's E-I index at each quarter's start.
func (in Institution) EIChart() Chart {
	s := Series{Name: "E-I index", Class: "s1"}
	var groups []string
	for _, m := range in.Quarters {
		groups = append(groups, m.Month.Format("Jan 2006"))
		s.Values = append(s.Values, m.ei())
	}
	return BarChart("ei", "Exchange across departments, by quarter", "The E-I index of the exchange in all the communities at each quarter's start, from −1 (all inside departments) to 1 (all across them), of the "+strconv.Itoa(DefaultDays)+" days before, recent exchange weighing more.",
		groups, "", s)
}
