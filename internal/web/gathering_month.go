package web

import (
	"net/http"
	"time"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// monthPage is a community's gatherings as a month's calendar: weeks from
// Monday, each day with its dates at the reader's time.
type monthPage struct {
	Layout
	C          community.View
	Month      time.Time // its first day, in the reader's zone
	Weeks      [][]monthDay
	More       bool // past gathering.MonthLimit dates: some are not shown
	PrevURL    string
	NextURL    string
	ThisMonth  string // the address of the month of today
	Zone       string
	Empty      bool
	CanCreate  bool
	DayNames   []time.Weekday
	ListURL    string
	ICSURL     string
	MonthLabel string
	Across     bool // every community of the reader's, not one
	loc        *time.Location
}

// At is the time item starts on the reader's clock.
func (p monthPage) At(it monthItem) string { return it.Start.In(p.loc).Format("15:04") }

// monthDay is one cell of the calendar.
type monthDay struct {
	Date    time.Time
	InMonth bool
	Today   bool
	Items   []monthItem
}

// monthItem is a date in the calendar, with its address and, across
// communities, the community's name.
type monthItem struct {
	gathering.Item
	URL       string
	Community string
}

// parseMonth reads ?month=YYYY-MM in loc; the current month when absent.
func parseMonth(value string, now time.Time, loc *time.Location) (time.Time, error) {
	if value == "" {
		n := now.In(loc)
		return time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc), nil
	}
	t, err := time.ParseInLocation("2006-01", value, loc)
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, errs.New(errs.Invalid, "Give the month as a year and a month between 2000 and 2100, such as 2026-03.")
	}
	return t, nil
}

// monthSpan is the month a calendar page shows, in the reader's zone.
type monthSpan struct {
	zone     string
	loc      *time.Location
	now      time.Time
	first    time.Time // the month's first day
	next     time.Time // the next month's
	from, to time.Time // the Monday on or before first, the Monday on or after the last day
}

// monthOf reads the month a request asks for (?month=YYYY-MM, the current
// one by default) at the reader's clock.
func monthOf(r *http.Request) (monthSpan, error) {
	m := monthSpan{zone: actorOf(r).TimeZone, now: time.Now()}
	if m.zone == "" {
		m.zone = gathering.DefaultZone
	}
	var err error
	if m.loc, err = time.LoadLocation(m.zone); err != nil {
		m.loc = time.UTC
	}
	if m.first, err = parseMonth(r.URL.Query().Get("month"), m.now, m.loc); err != nil {
		return m, err
	}
	m.next = m.first.AddDate(0, 1, 0)
	m.from = m.first.AddDate(0, 0, -((int(m.first.Weekday()) + 6) % 7))
	m.to = m.next.AddDate(0, 0, (7-(int(m.next.Weekday())+6)%7)%7)
	return m, nil
}

// newMonthPage is the calendar of m with items, its months' addresses under
// base (a community's gatherings, or /gatherings across them).
func newMonthPage(layout Layout, m monthSpan, base string, items []monthItem, more bool) *monthPage {
	label := m.first.Format("January 2006")
	return &monthPage{Layout: layout, Month: m.first, More: more, Zone: m.zone, Empty: len(items) == 0, DayNames: weekdays,
		PrevURL: base + "/month?month=" + m.first.AddDate(0, -1, 0).Format("2006-01"), NextURL: base + "/month?month=" + m.next.Format("2006-01"),
		ThisMonth: base + "/month", ListURL: base, MonthLabel: label, loc: m.loc,
		Weeks: monthWeeks(m.from, m.to, m.first.Month(), m.now.In(m.loc), items, m.loc)}
}

func (s *Server) gatheringMonth(w http.ResponseWriter, r *http.Request) {
	m, err := monthOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, items, more, err := s.Gatherings.Month(r.Context(), actorOf(r), r.PathValue("slug"), m.from, m.to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list := make([]monthItem, len(items))
	for i, it := range items {
		list[i] = monthItem{Item: it, URL: gathering.OccurrenceURL(v.Slug, it.GatheringID, it.ID)}
	}
	base := gathering.ListURL(v.Slug)
	p := newMonthPage(communityLayout(v, m.first.Format("January 2006")+" · Gatherings", "gatherings"), m, base, list, more)
	p.C, p.CanCreate, p.ICSURL = v, v.CanScheduleGathering(), base+".ics"
	p.Community = &p.C
	s.render(w, r, http.StatusOK, "gatherings/month", p)
}

// monthWeeks lays out the weeks of [from, to) (Mondays), each day with the
// items starting on it at loc's clock (items come sorted by start).
func monthWeeks(from, to time.Time, month time.Month, today time.Time, items []monthItem, loc *time.Location) [][]monthDay {
	var weeks [][]monthDay
	i := 0
	for day := from; day.Before(to); {
		week := make([]monthDay, 7)
		for d := range week {
			end := day.AddDate(0, 0, 1)
			cell := monthDay{Date: day, InMonth: day.Month() == month, Today: sameDay(day, today)}
			for i < len(items) && items[i].Start.In(loc).Before(end) {
				cell.Items = append(cell.Items, items[i])
				i++
			}
			week[d] = cell
			day = end
		}
		weeks = append(weeks, week)
	}
	return weeks
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// myMonth is the month's calendar across the reader's communities.
func (s *Server) myMonth(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/signin?next=/gatherings/month", http.StatusSeeOther)
		return
	}
	m, err := monthOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, more, err := s.Gatherings.MonthAcross(r.Context(), a, m.from, m.to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list := make([]monthItem, len(items))
	for i, it := range items {
		list[i] = monthItem{Item: it.Item, URL: it.URL(), Community: it.CommunityName}
	}
	label := m.first.Format("January 2006")
	p := newMonthPage(Layout{Title: label + " · Your gatherings", Crumbs: []Crumb{{"Your gatherings", "/gatherings"}, {label, ""}}},
		m, "/gatherings", list, more)
	p.Across = true
	s.render(w, r, http.StatusOK, "gatherings/month", p)
}
