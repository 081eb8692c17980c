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
	loc        *time.Location
}

// At is the time item starts on the reader's clock.
func (p monthPage) At(it gathering.Item) string { return it.Start.In(p.loc).Format("15:04") }

// monthDay is one cell of the calendar.
type monthDay struct {
	Date    time.Time
	InMonth bool
	Today   bool
	Items   []gathering.Item
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

func (s *Server) gatheringMonth(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	zone := a.TimeZone
	if zone == "" {
		zone = gathering.DefaultZone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	now := time.Now()
	first, err := parseMonth(r.URL.Query().Get("month"), now, loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := first.AddDate(0, 1, 0)
	from := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7)) // the Monday on or before
	to := next.AddDate(0, 0, (7-(int(next.Weekday())+6)%7)%7)      // the Monday on or after the last day
	v, items, more, err := s.Gatherings.Month(r.Context(), a, r.PathValue("slug"), from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := gathering.ListURL(v.Slug)
	p := &monthPage{Layout: communityLayout(v, first.Format("January 2006")+" · Gatherings", "gatherings"), C: v, Month: first,
		More: more, Zone: zone, Empty: len(items) == 0, CanCreate: v.CanScheduleGathering(), DayNames: weekdays,
		PrevURL: base + "/month?month=" + first.AddDate(0, -1, 0).Format("2006-01"), NextURL: base + "/month?month=" + next.Format("2006-01"),
		ThisMonth: base + "/month", ListURL: base, ICSURL: base + ".ics", MonthLabel: first.Format("January 2006"), loc: loc}
	p.Community = &p.C
	p.Weeks = monthWeeks(from, to, first.Month(), now.In(loc), items, loc)
	s.render(w, r, http.StatusOK, "gatherings/month", p)
}

// monthWeeks lays out the weeks of [from, to) (Mondays), each day with the
// items starting on it at loc's clock (items come sorted by start).
func monthWeeks(from, to time.Time, month time.Month, today time.Time, items []gathering.Item, loc *time.Location) [][]monthDay {
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
