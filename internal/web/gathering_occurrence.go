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

// occurrencePage is one date of a gathering: when (in its zone and the
// viewer's), where, the RSVP buttons, who is coming, the other dates.
type occurrencePage struct {
	Layout
	C             community.View
	G             gathering.View
	O             gathering.Occurrence
	When          gathering.When
	Mine          gathering.Answer
	Over          bool // ended
	Started       bool
	Going         []gathering.Attendee
	Maybe         []gathering.Attendee
	Waiting       []gathering.Attendee
	MoreGoing     string // the next page of those going
	Dates         []gathering.Occurrence
	Zone          string // the viewer's
	Agenda        gathering.Text
	Notes         gathering.Text
	Captured      []gathering.Captured // entries captured from this date's notes
	Comments      []gathering.Comment  // a page of the gathering's comments
	CommentCount  int
	OlderComments string
	NewerComments string
	Comment       Form     // the new comment's form
	Guest         Form     // a visitor's sign-up
	Guests        []string // guests with a place, for those who manage the gathering
}

// occurrenceForms are the forms of a date's page that may come back with
// what was typed and what was wrong.
type occurrenceForms struct{ Comment, Guest Form }

// guestsShown bounds the guests a date's page names.
const guestsShown = 200

// datesShown bounds the other dates a series' page lists.
const datesShown = 12

// URL is the page's own address.
func (p occurrencePage) URL() string { return gathering.OccurrenceURL(p.C.Slug, p.G.ID, p.O.ID) }

// DateWhen is another date's time, for the list of dates.
func (p occurrencePage) DateWhen(o gathering.Occurrence) gathering.When {
	return o.When(p.G.Gathering, p.Zone)
}

// gatheringPage shows a gathering at its next date (its last when all are past).
func (s *Server) gatheringPage(w http.ResponseWriter, r *http.Request) {
	s.showOccurrence(w, r, 0, http.StatusOK, occurrenceForms{})
}

func (s *Server) occurrencePage(w http.ResponseWriter, r *http.Request) {
	id := occurrenceID(r)
	if id == 0 {
		s.notFound(w, r)
		return
	}
	s.showOccurrence(w, r, id, http.StatusOK, occurrenceForms{})
}

func (s *Server) showOccurrence(w http.ResponseWriter, r *http.Request, occ int64, status int, forms occurrenceForms) {
	a := actorOf(r)
	g, shown, more, err := s.Gatherings.AtDate(r.Context(), a, r.PathValue("slug"), gatheringID(r), occ)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all := []gathering.Occurrence{shown}
	if more { // other dates to list
		if all, err = s.Gatherings.Dates(r.Context(), a, g); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	now := time.Now()
	p := &occurrencePage{C: g.Community, G: g, Zone: a.TimeZone}
	found := false
	for _, o := range all {
		if (occ != 0 && o.ID == occ) || (occ == 0 && !found && o.End.After(now)) {
			p.O, found = o, true
		}
	}
	if !found && occ == 0 && len(all) > 0 {
		p.O, found = all[len(all)-1], true
	}
	if !found {
		s.notFound(w, r)
		return
	}
	for _, o := range all {
		if o.ID != p.O.ID && o.End.After(now) && len(p.Dates) < datesShown {
			p.Dates = append(p.Dates, o)
		}
	}
	p.When = p.O.When(g.Gathering, a.TimeZone)
	p.Over, p.Started = !p.O.End.After(now), !p.O.Start.After(now)
	p.Mine = p.O.Mine
	after, _ := strconv.ParseInt(r.URL.Query().Get("going_after"), 10, 64)
	answers, err := s.Gatherings.Answers(r.Context(), g, p.O.ID, after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Going, p.Maybe, p.Waiting = answers.Going, answers.Maybe, answers.Waiting
	if answers.Next != 0 {
		p.MoreGoing = p.URL() + "?going_after=" + strconv.FormatInt(answers.Next, 10) + "#going-h"
	}
	if p.Agenda, p.Notes, err = s.Gatherings.Texts(r.Context(), g, p.O); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Captured, err = s.Gatherings.CapturedFrom(r.Context(), g, p.O); err != nil {
		s.fail(w, r, err)
		return
	}
	comments, err := s.Gatherings.Comments(r.Context(), g, gathering.CommentsAt(commentsAt(r)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Comments, p.CommentCount, p.Comment, p.Guest = comments.Posts, comments.Total, forms.Comment, forms.Guest
	if p.Guests, err = s.Gatherings.GuestsGoing(r.Context(), g, p.O.ID, guestsShown); err != nil {
		s.fail(w, r, err)
		return
	}
	here := r.URL.Path
	if comments.Older != 0 {
		p.OlderComments = here + "?before=" + strconv.FormatInt(comments.Older, 10) + "#comments-h"
	}
	if comments.Newer != 0 {
		p.NewerComments = here + "?after=" + strconv.FormatInt(comments.Newer, 10) + "#comments-h"
	}
	p.Layout = communityLayout(g.Community, p.O.Title, "gatherings")
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {g.Community.Name, "/c/" + g.Community.Slug},
		{"Gatherings", gathering.ListURL(g.Community.Slug)}, {p.O.Title, ""}}
	p.OwnH1 = true
	p.Community = &p.C
	s.render(w, r, status, "gatherings/occurrence", p)
}

func (s *Server) answerGathering(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id, occ := r.PathValue("slug"), gatheringID(r), occurrenceID(r)
	ans, err := s.Gatherings.Answer(r.Context(), actorOf(r), slug, id, occ, f.Get("answer"))
	msg := ""
	switch ans.Answer {
	case gathering.Going:
		msg = "You are going. See you there!"
	case gathering.Waitlist:
		msg = "Every place is taken: you are number " + strconv.Itoa(ans.Position) + " on the waitlist. We will tell you when a place frees."
	case gathering.Maybe:
		msg = "You might come: noted."
	case gathering.No:
		msg = "You are not going: noted."
	}
	s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ), msg)
}

func (s *Server) recordAttendance(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id, occ := r.PathValue("slug"), gatheringID(r), occurrenceID(r)
	var shown []int64
	came := map[int64]bool{}
	for _, v := range f.Values["shown"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			shown = append(shown, n)
		}
	}
	for _, v := range f.Values["came"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			came[n] = true
		}
	}
	err := s.Gatherings.RecordAttendance(r.Context(), actorOf(r), slug, id, occ, shown, came)
	s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ), "Attendance is recorded.")
}

// occurrenceFormPage changes one date ("this") or a series from it on.
type occurrenceFormPage struct {
	Layout
	C    community.View
	G    gathering.View
	O    gathering.Occurrence
	Form Form
}

func (s *Server) occurrenceForManaging(w http.ResponseWriter, r *http.Request) (gathering.View, gathering.Occurrence, bool) {
	g, err := s.Gatherings.ForManaging(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return g, gathering.Occurrence{}, false
	}
	all, err := s.Gatherings.Occurrences(r.Context(), g)
	if err != nil {
		s.fail(w, r, err)
		return g, gathering.Occurrence{}, false
	}
	for _, o := range all {
		if o.ID == occurrenceID(r) {
			return g, o, true
		}
	}
	s.notFound(w, r)
	return g, gathering.Occurrence{}, false
}

func (s *Server) editOccurrenceForm(w http.ResponseWriter, r *http.Request) {
	g, o, ok := s.occurrenceForManaging(w, r)
	if !ok {
		return
	}
	if r.URL.Query().Get("scope") == gathering.AndFollowing {
		vals := gatheringValues(g, o.OriginalStart)
		vals.Set("scope", gathering.AndFollowing)
		s.renderGatheringForm(w, r, http.StatusOK, &gatheringFormPage{Layout: communityLayout(g.Community, "Change from this date on", "gatherings"),
			C: g.Community, G: &g, Form: Form{Values: vals}, Action: gathering.OccurrenceURL(g.Community.Slug, g.ID, o.ID) + "/edit",
			Button: "Change this and following dates", Scope: gathering.AndFollowing})
		return
	}
	loc := g.Location()
	start, end := o.Start.In(loc), o.End.In(loc)
	vals := url.Values{"title": {o.Title}, "date": {start.Format(time.DateOnly)}, "start_time": {start.Format("15:04")},
		"end_time": {end.Format("15:04")}, "online_url": {o.OnlineURL}, "place": {o.Place}}
	if end.Format(time.DateOnly) != start.Format(time.DateOnly) {
		vals.Set("end_date", end.Format(time.DateOnly))
	}
	s.renderOccurrenceForm(w, r, http.StatusOK, g, o, Form{Values: vals})
}

func (s *Server) renderOccurrenceForm(w http.ResponseWriter, r *http.Request, status int, g gathering.View, o gathering.Occurrence, f Form) {
	p := &occurrenceFormPage{Layout: communityLayout(g.Community, "Change one date", "gatherings"), C: g.Community, G: g, O: o, Form: f}
	p.Community = &p.C
	s.render(w, r, status, "gatherings/occurrence-form", p)
}

func (s *Server) editOccurrence(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id, occ := r.PathValue("slug"), gatheringID(r), occurrenceID(r)
	if f.Get("scope") == gathering.AndFollowing {
		nv, err := s.Gatherings.SplitFrom(r.Context(), actorOf(r), slug, id, occ, gatheringInput(f))
		if errs.Is(err, errs.Invalid) {
			g, _, ok := s.occurrenceForManaging(w, r)
			if !ok {
				return
			}
			f.Failed(err)
			s.renderGatheringForm(w, r, statusOf(err), &gatheringFormPage{Layout: communityLayout(g.Community, "Change from this date on", "gatherings"),
				C: g.Community, G: &g, Form: f, Action: gathering.OccurrenceURL(slug, id, occ) + "/edit",
				Button: "Change this and following dates", Scope: gathering.AndFollowing})
			return
		}
		if err != nil {
			s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ), "")
			return
		}
		s.redirect(w, r, nv.URL(), "From this date on, the series is changed; those coming are told.")
		return
	}
	_, o, err := s.Gatherings.ChangeOccurrence(r.Context(), actorOf(r), slug, id, occ, gathering.OccurrenceInput{Title: f.Get("title"),
		Date: f.Get("date"), StartTime: f.Get("start_time"), EndDate: f.Get("end_date"), EndTime: f.Get("end_time"),
		OnlineURL: f.Get("online_url"), Place: f.Get("place")})
	if errs.Is(err, errs.Invalid) {
		g, cur, ok := s.occurrenceForManaging(w, r)
		if !ok {
			return
		}
		f.Failed(err)
		s.renderOccurrenceForm(w, r, statusOf(err), g, cur, f)
		return
	}
	if err != nil {
		s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ), "")
		return
	}
	s.redirect(w, r, gathering.OccurrenceURL(slug, id, o.ID), "This date is changed; those coming are told.")
}

func (s *Server) confirmCancelOccurrence(w http.ResponseWriter, r *http.Request) {
	g, o, ok := s.occurrenceForManaging(w, r)
	if !ok {
		return
	}
	when := o.When(g.Gathering, actorOf(r).TimeZone).Local()
	back := gathering.OccurrenceURL(g.Community.Slug, g.ID, o.ID)
	s.confirm(w, r, &confirmPage{Layout: communityLayout(g.Community, "Cancel a date", "gatherings"), C: g.Community,
		Heading: "Cancel “" + o.Title + "” on " + when + "?",
		Effects: []string{"Only this date is cancelled; the other dates stay as they are.",
			"Everyone who answered going, maybe or waits for a place on this date is told.",
			"Calendars leave this date out."},
		Action: back + "/cancel", Button: "Cancel this date", Cancel: back})
}

func (s *Server) cancelOccurrence(w http.ResponseWriter, r *http.Request) {
	slug, id, occ := r.PathValue("slug"), gatheringID(r), occurrenceID(r)
	_, err := s.Gatherings.CancelOccurrence(r.Context(), actorOf(r), slug, id, occ)
	s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ), "This date is cancelled; those coming are told.")
}
