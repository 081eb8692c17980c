package web

import (
	"net/http"

	"hearth/internal/gathering"
)

// calendarPage is a person's own calendar feed: whether they have one, and
// its address right after it is made (the only time it can be shown).
type calendarPage struct {
	Layout
	Feed gathering.Feed
	URL  string
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, url string) {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/signin?next=/account/calendar", http.StatusSeeOther)
		return
	}
	feed, err := s.Gatherings.FeedState(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &calendarPage{Layout: Layout{Title: "Your calendar"}, Feed: feed, URL: url}
	p.Crumbs = []Crumb{{"Your account", "/account"}, {"Your calendar", ""}}
	s.render(w, r, http.StatusOK, "account/calendar", p)
}

func (s *Server) calendar(w http.ResponseWriter, r *http.Request) { s.calendarPage(w, r, "") }

// newCalendarFeed makes (or replaces) the feed and shows its address on the
// page answering the form: it is not kept, so it cannot travel in a redirect.
func (s *Server) newCalendarFeed(w http.ResponseWriter, r *http.Request) {
	token, err := s.Gatherings.NewFeed(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.calendarPage(w, r, s.BaseURL+"/calendar-feed/"+token)
}

// confirmStopCalendarFeed asks before turning the feed off.
func (s *Server) confirmStopCalendarFeed(w http.ResponseWriter, r *http.Request) {
	if !actorOf(r).SignedIn() {
		http.Redirect(w, r, "/signin?next=/account/calendar", http.StatusSeeOther)
		return
	}
	s.confirm(w, r, &confirmPage{Layout: Layout{Title: "Turn your calendar address off"}, Heading: "Turn your calendar address off?",
		Effects: []string{"Calendar programs reading it stop receiving your gatherings; the gatherings they already show stay until they refresh.",
			"Your answers and your gatherings do not change.", "You can make a new address at any time."},
		Action: "/account/calendar/stop", Button: "Turn it off", Cancel: "/account/calendar"})
}

func (s *Server) stopCalendarFeed(w http.ResponseWriter, r *http.Request) {
	if err := s.Gatherings.StopFeed(r.Context(), actorOf(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account/calendar", "Your calendar address is turned off: calendar programs can no longer read it.")
}

// calendarFeed serves a feed to a calendar program, which has no session:
// the token in the address is the permission.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	text, err := s.Gatherings.FeedCalendar(r.Context(), r.PathValue("token"), s.BaseURL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	writeCalendar(w, "gatherings.ics", text)
}
