package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// gatheringListPage is a community's upcoming (or past) gatherings, a page
// of occurrences at a time.
type gatheringListPage struct {
	Layout
	C         community.View
	Items     []gathering.Item
	Past      bool
	PrevURL   string // the pager's (keyset pages go forward only)
	NextURL   string
	Zone      string // the viewer's
	CanCreate bool
}

func gatheringID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}

func occurrenceID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("occ"), 10, 64)
	return n
}

func (s *Server) gatheringList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	past := q.Get("past") == "1"
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	v, items, next, err := s.Gatherings.List(r.Context(), actorOf(r), r.PathValue("slug"), past, after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Gatherings"
	if past {
		title = "Past gatherings"
	}
	p := &gatheringListPage{Layout: communityLayout(v, title, "gatherings"), C: v, Items: items, Past: past,
		Zone: actorOf(r).TimeZone, CanCreate: v.CanScheduleGathering()}
	p.Community = &p.C
	if next != 0 {
		q.Set("after", strconv.FormatInt(next, 10))
		p.NextURL = r.URL.Path + "?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, "gatherings/list", p)
}

// gatheringFormPage is the form to schedule or change a gathering (or a
// series from one date on).
type gatheringFormPage struct {
	Layout
	C      community.View
	G      *gathering.View // nil when scheduling
	Form   Form
	Action string
	Button string
	Scope  string // gathering.AndFollowing when splitting a series
}

// weekdays are the form's days of the week, Monday first.
var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// Weekdays are the days for the form's checkboxes and selects.
func (gatheringFormPage) Weekdays() []time.Weekday { return weekdays }

// DayChecked reports whether weekday d is among the days chosen.
func (p gatheringFormPage) DayChecked(d time.Weekday) bool {
	for _, x := range p.Form.Values["days"] {
		if x == strconv.Itoa(int(d)) {
			return true
		}
	}
	return false
}

func (s *Server) renderGatheringForm(w http.ResponseWriter, r *http.Request, status int, p *gatheringFormPage) {
	p.Community = &p.C
	s.render(w, r, status, "gatherings/form", p)
}

func (s *Server) newGatheringForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.Gatherings.ForScheduling(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	zone := actorOf(r).TimeZone
	if zone == "" {
		zone = gathering.DefaultZone
	}
	f := Form{Values: url.Values{"zone": {zone}, "repeat": {""}, "interval": {"1"}, "ends": {"count"}, "count": {"10"}, "nth": {"1"}}}
	s.renderGatheringForm(w, r, http.StatusOK, &gatheringFormPage{Layout: communityLayout(v, "Schedule a gathering", "gatherings"), C: v,
		Form: f, Action: gathering.ListURL(v.Slug) + "/new", Button: "Schedule"})
}

// gatheringInput reads the gathering form.
func gatheringInput(f Form) gathering.Input {
	return gathering.Input{Title: f.Get("title"), Description: f.Get("description"), Zone: f.Get("zone"), Date: f.Get("date"),
		StartTime: f.Get("start_time"), EndDate: f.Get("end_date"), EndTime: f.Get("end_time"), OnlineURL: f.Get("online_url"),
		Place: f.Get("place"), Capacity: f.Get("capacity"), Hosts: f.Get("hosts"),
		Repeat: gathering.RepeatInput{Freq: f.Get("repeat"), Interval: f.Get("interval"), Days: f.Values["days"], Nth: f.Get("nth"),
			Weekday: f.Get("weekday"), Day: f.Get("month_day"), Ends: f.Get("ends"), Until: f.Get("until"), Count: f.Get("count")}}
}

// gatheringValues fills the form from a gathering, its first date at start.
func gatheringValues(v gathering.View, start time.Time) url.Values {
	loc := v.Location()
	start = start.In(loc)
	end := start.Add(time.Duration(v.Minutes) * time.Minute)
	vals := url.Values{"title": {v.Title}, "description": {v.Description}, "zone": {v.Zone}, "date": {start.Format(time.DateOnly)},
		"start_time": {start.Format("15:04")}, "end_time": {end.Format("15:04")}, "online_url": {v.OnlineURL}, "place": {v.Place},
		"interval": {"1"}, "ends": {"count"}, "nth": {"1"}}
	if end.Format(time.DateOnly) != start.Format(time.DateOnly) {
		vals.Set("end_date", end.Format(time.DateOnly))
	}
	if v.Capacity > 0 {
		vals.Set("capacity", strconv.Itoa(v.Capacity))
	}
	hosts := ""
	for i, h := range v.Hosts {
		if i > 0 {
			hosts += ", "
		}
		hosts += h.Handle
	}
	vals.Set("hosts", hosts)
	rp := v.Repeat()
	vals.Set("repeat", rp.Freq)
	if rp.Freq != gathering.Once {
		vals.Set("interval", strconv.Itoa(max(rp.Interval, 1)))
		for _, d := range rp.Days {
			vals.Add("days", strconv.Itoa(int(d)))
		}
		vals.Set("nth", strconv.Itoa(rp.Nth))
		vals.Set("weekday", strconv.Itoa(int(rp.Weekday)))
		vals.Set("month_day", strconv.Itoa(rp.Day))
		if rp.Count > 0 {
			vals.Set("count", strconv.Itoa(rp.Count))
		} else {
			vals.Set("ends", "until")
			vals.Set("until", rp.Until.Format(time.DateOnly))
		}
	}
	return vals
}

func (s *Server) scheduleGathering(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	g, err := s.Gatherings.Schedule(r.Context(), actorOf(r), slug, gatheringInput(f))
	if errs.Is(err, errs.Invalid) {
		v, verr := s.Gatherings.ForScheduling(r.Context(), actorOf(r), slug)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		f.Failed(err)
		s.renderGatheringForm(w, r, statusOf(err), &gatheringFormPage{Layout: communityLayout(v, "Schedule a gathering", "gatherings"), C: v,
			Form: f, Action: gathering.ListURL(slug) + "/new", Button: "Schedule"})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, g.URL(), "The gathering is scheduled.")
}

func (s *Server) editGatheringForm(w http.ResponseWriter, r *http.Request) {
	g, err := s.Gatherings.ForManaging(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderGatheringForm(w, r, http.StatusOK, &gatheringFormPage{Layout: communityLayout(g.Community, "Change "+g.Title, "gatherings"),
		C: g.Community, G: &g, Form: Form{Values: gatheringValues(g, g.Start)}, Action: g.URL() + "/edit", Button: "Save the changes"})
}

func (s *Server) editGathering(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), gatheringID(r)
	g, err := s.Gatherings.Edit(r.Context(), actorOf(r), slug, id, gatheringInput(f))
	if errs.Is(err, errs.Invalid) {
		cur, verr := s.Gatherings.ForManaging(r.Context(), actorOf(r), slug, id)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		f.Failed(err)
		s.renderGatheringForm(w, r, statusOf(err), &gatheringFormPage{Layout: communityLayout(cur.Community, "Change "+cur.Title, "gatherings"),
			C: cur.Community, G: &cur, Form: f, Action: cur.URL() + "/edit", Button: "Save the changes"})
		return
	}
	if err != nil {
		s.afterAction(w, r, err, gathering.URL(slug, id), "")
		return
	}
	s.redirect(w, r, g.URL(), "The gathering is changed; those coming are told.")
}

func (s *Server) confirmCancelGathering(w http.ResponseWriter, r *http.Request) {
	g, err := s.Gatherings.ForManaging(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	effects := []string{"Every date of “" + g.Title + "” is cancelled; it stays listed, marked cancelled.",
		"Everyone who answered going, maybe or waits for a place is told.", "Calendars that subscribed show it cancelled."}
	s.confirm(w, r, &confirmPage{Layout: communityLayout(g.Community, "Cancel "+g.Title, "gatherings"), C: g.Community,
		Heading: "Cancel “" + g.Title + "”?", Effects: effects, Action: g.URL() + "/cancel", Button: "Cancel the gathering", Cancel: g.URL()})
}

func (s *Server) cancelGathering(w http.ResponseWriter, r *http.Request) {
	slug, id := r.PathValue("slug"), gatheringID(r)
	_, err := s.Gatherings.Cancel(r.Context(), actorOf(r), slug, id)
	s.afterAction(w, r, err, gathering.URL(slug, id), "The gathering is cancelled; those coming are told.")
}

func (s *Server) gatheringCalendar(w http.ResponseWriter, r *http.Request) {
	g, err := s.Gatherings.Get(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	text, err := s.Gatherings.Calendar(r.Context(), g, s.BaseURL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeCalendar(w, "gathering-"+strconv.FormatInt(g.ID, 10)+".ics", text)
}

func (s *Server) communityCalendar(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	text, err := s.Gatherings.CommunityCalendar(r.Context(), actorOf(r), slug, s.BaseURL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeCalendar(w, slug+"-gatherings.ics", text)
}

func writeCalendar(w http.ResponseWriter, name, text string) {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Write([]byte(text))
}
