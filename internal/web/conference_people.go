package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"hearth/internal/community"
	"hearth/internal/gathering"
)

// rosterPage is a page of those going to a conference, by name, with a
// name search: the attendee list for members, the check-in page (a button
// a person) for the hosts at the door.
type rosterPage struct {
	Layout
	C       community.View
	R       gathering.Roster
	CheckIn bool
	PrevURL string // the pager's (keyset pages go forward only)
	NextURL string
	Self    string // the page's address with its search and page, to come back to
}

func (s *Server) renderRoster(w http.ResponseWriter, r *http.Request, ro gathering.Roster, checkIn bool) {
	title, tmpl := "Who is coming", "gatherings/attendees"
	if checkIn {
		title, tmpl = "Check-in", "gatherings/checkin"
	}
	p := &rosterPage{Layout: conferenceCrumbs(ro.View, title), C: ro.Community, R: ro, CheckIn: checkIn, Self: r.URL.RequestURI()}
	if ro.Next != 0 {
		q := url.Values{"after": {strconv.FormatInt(ro.Next, 10)}}
		if ro.Search != "" {
			q.Set("q", ro.Search)
		}
		p.NextURL = r.URL.Path + "?" + q.Encode()
	}
	p.Community = &p.C
	s.render(w, r, http.StatusOK, tmpl, p)
}

func rosterQuery(r *http.Request) (string, int64) {
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	return q.Get("q"), after
}

func (s *Server) attendeeList(w http.ResponseWriter, r *http.Request) {
	search, after := rosterQuery(r)
	ro, err := s.Gatherings.AttendeeList(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), search, after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRoster(w, r, ro, false)
}

func (s *Server) checkInPage(w http.ResponseWriter, r *http.Request) {
	search, after := rosterQuery(r)
	ro, err := s.Gatherings.ForCheckIn(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), search, after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRoster(w, r, ro, true)
}

// checkIn records one person at the door (or undoes it) and goes back to
// the page the host was on, with its search.
func (s *Server) checkIn(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), gatheringID(r)
	person, _ := strconv.ParseInt(f.Get("person"), 10, 64)
	came := f.Get("came") != "no"
	back := gathering.URL(slug, id) + "/checkin"
	if next := safeNext(f.Get("next")); len(next) > len(back) && next[:len(back)] == back {
		back = next
	}
	at, err := s.Gatherings.CheckIn(r.Context(), actorOf(r), slug, id, person, came)
	msg := at.Name + " is checked in."
	if !came {
		msg = at.Name + " is no longer checked in."
	}
	s.afterAction(w, r, err, back, msg)
}

// exportAttendees sends the hosts the conference's attendees as CSV,
// streamed as it is read.
func (s *Server) exportAttendees(w http.ResponseWriter, r *http.Request) {
	g, o, err := s.Gatherings.ForExport(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportWriteTime))
	name := g.Community.Slug + "-gathering-" + strconv.FormatInt(g.ID, 10) + "-attendees.csv"
	s.sendDownload(w, r, name, "text/csv; charset=utf-8", func(dw io.Writer) error {
		return s.Gatherings.ExportAttendees(r.Context(), g, o, dw)
	})
}

// schedulePage is one's own schedule of a conference.
type schedulePage struct {
	Layout
	C     community.View
	G     gathering.View
	Zone  string
	Items []sessionCard
}

func (s *Server) mySchedule(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	g, _, items, err := s.Gatherings.MySchedule(r.Context(), a, r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &schedulePage{Layout: conferenceCrumbs(g, "My schedule"), C: g.Community, G: g, Zone: a.TimeZone, Items: sessionCards(items, g.Gathering, a.TimeZone)}
	p.Community = &p.C
	s.render(w, r, http.StatusOK, "gatherings/schedule", p)
}

func (s *Server) myScheduleCalendar(w http.ResponseWriter, r *http.Request) {
	g, o, items, err := s.Gatherings.MySchedule(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeCalendar(w, "schedule-"+strconv.FormatInt(g.ID, 10)+".ics", s.Gatherings.ScheduleCalendar(g, o, items, s.BaseURL))
}
