package stewardship

import (
	"database/sql"
	"time"
)

// departmentRow is a department's figures for a window, as the job stores
// them (the page hides a number with fewer than MinCell people behind it).
type departmentRow struct {
	department                          int64
	contributors, contributions         int
	prevContributors, prevContributions int
	exchangers                          int
}

// mix counts, per department, the contributions of (from, to] and who
// made them; none counts those by people with no department.
func mix(deeds []deed, from, to time.Time) (byDepartment map[int64]int, people map[int64]map[int64]bool, none int) {
	byDepartment, people = map[int64]int{}, map[int64]map[int64]bool{}
	for _, d := range deeds {
		if !d.at.After(from) || d.at.After(to) {
			continue
		}
		if d.department == 0 {
			none++
			continue
		}
		byDepartment[d.department]++
		addTo(people, d.department, d.person)
	}
	return byDepartment, people, none
}

// departmentFigures computes the department figures of a window ending at
// now (w long) and of the one before: the rows per department, the
// fewest departments making half the contributions (people with no
// department are no department), and the exchange.
func departmentFigures(h history, days int, now time.Time) (rows []departmentRow, figures []figure, cur exchangeSum) {
	w := time.Duration(days) * 24 * time.Hour
	counts, people, none := mix(h.deeds, now.Add(-w), now)
	prevCounts, prevPeople, prevNone := mix(h.deeds, now.Add(-2*w), now.Add(-w))
	cur, prev := exchangeIn(h.interactions, now.Add(-w), now), exchangeIn(h.interactions, now.Add(-2*w), now.Add(-w))
	seen := map[int64]bool{}
	for _, m := range []map[int64]int{counts, prevCounts} {
		for d := range m {
			seen[d] = true
		}
	}
	for d := range cur.people {
		seen[d] = true
	}
	total, prevTotal := none, prevNone
	var all, prevAll []int
	for d := range seen {
		rows = append(rows, departmentRow{department: d, contributors: len(people[d]), contributions: counts[d],
			prevContributors: len(prevPeople[d]), prevContributions: prevCounts[d], exchangers: len(cur.people[d])})
		total, prevTotal = total+counts[d], prevTotal+prevCounts[d]
		all, prevAll = append(all, counts[d]), append(prevAll, prevCounts[d])
	}
	figures = []figure{
		{days, FigContributions, num(total), num(prevTotal)},
		{days, FigNoDepartment, num(none), num(prevNone)},
		{days, FigDepartmentsHalf, num(AbsenceFactor(all)), num(AbsenceFactor(prevAll))},
		{days, FigEI, cur.EI(), prev.EI()},
		{days, FigConnectors, num(len(cur.connectors())), num(len(prev.connectors()))},
		{days, FigExchangeWeight, sql.NullFloat64{Float64: cur.internal + cur.external, Valid: true}, sql.NullFloat64{Float64: prev.internal + prev.external, Valid: true}},
	}
	return rows, figures, cur
}
