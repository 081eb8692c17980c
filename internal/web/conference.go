package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// programmePage is a conference's programme, a page of sessions at a time,
// each with the reader's place in it and the button to take or leave one.
type programmePage struct {
	Layout
	C       community.View
	G       gathering.View
	Date    gathering.Occurrence
	When    gathering.When
	Zone    string        // the viewer's
	Cards   template.HTML // the page's sessions, each rendered (or from the fragment cache), joined
	Content template.HTML // all of the page inside the layout, kept whole (conference_content.go)
	PrevURL string        // the pager's (keyset pages go forward only)
	NextURL string
	Going   bool // the reader goes to the gathering: they may take sessions
	Open    bool // not cancelled, not over
}

// sessionCard is a session as a list of sessions shows it, with its time
// worded once here, and without embedded structs: the template's field
// lookups through an embedded struct (reflect's FieldByNameFunc) and a
// method call per field of each of 25 sessions were half the programme's
// time.
type sessionCard struct {
	ID                       int64
	Title, Room, Track, Mine string
	HTML                     template.HTML
	Capacity, Going, Waiting int
	Full                     bool
	Speakers                 []gathering.Speaker
	ISOStart, Local          string // on the gathering's clock
	Yours                    string // on the reader's clock; "" when it shows the same
	GURL                     string // the gathering's address
	CanTake, CanEdit         bool   // the reader may take a place in it, change it
}

// sessionCards words the times of items of gathering g for a reader in zone.
func sessionCards(items []gathering.Session, g gathering.Gathering, zone string) []sessionCard {
	out := make([]sessionCard, len(items))
	for i, x := range items {
		w := x.When(g, zone)
		out[i] = sessionCard{ID: x.ID, Title: x.Title, Room: x.Room, Track: x.Track, Mine: x.Mine, HTML: x.HTML,
			Capacity: x.Capacity, Going: x.Going, Waiting: x.Waiting, Full: x.Full(), Speakers: x.Speakers,
			ISOStart: w.ISOStart(), Local: w.Local()}
		if w.Differs() {
			out[i].Yours = w.Yours()
		}
	}
	return out
}

func sessionID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("sid"), 10, 64)
	return n
}

// conferenceCrumbs lead from the community to the gathering and the page.
func conferenceCrumbs(g gathering.View, title string) Layout {
	l := communityLayout(g.Community, title, "gatherings")
	l.Crumbs = []Crumb{{"Communities", "/communities"}, {g.Community.Name, "/c/" + g.Community.Slug},
		{"Gatherings", gathering.ListURL(g.Community.Slug)}, {g.Title, g.URL()}, {title, ""}}
	return l
}

func (s *Server) programme(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	g, date, items, next, err := s.Gatherings.Programme(r.Context(), a, r.PathValue("slug"), gatheringID(r), after)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &programmePage{Layout: conferenceCrumbs(g, "Programme"), C: g.Community, G: g, Date: date, Zone: a.TimeZone}
	p.When = p.Date.When(g.Gathering, a.TimeZone)
	p.Open = !p.Date.Cancelled && p.Date.End.After(time.Now())
	p.Going = date.Mine.Answer == gathering.Going && g.CanAnswer()
	cards := sessionCards(items, g.Gathering, a.TimeZone)
	for i := range cards {
		cards[i].GURL, cards[i].CanTake, cards[i].CanEdit = g.URL(), p.Open && p.Going, p.Open && g.CanManage()
	}
	var cardsKey uint64
	if p.Cards, cardsKey, err = s.sessionCardsHTML(cards); err != nil {
		s.fail(w, r, err)
		return
	}
	if next != 0 {
		p.NextURL = r.URL.Path + "?after=" + strconv.FormatInt(next, 10)
	}
	p.Community = &p.C
	p.Actor = a // the content shows whether the reader is signed in
	if p.Content, err = s.programmeContentHTML(p, cardsKey); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "gatherings/programme", p)
}

// sessionFormPage adds a session to a programme, or changes one.
type sessionFormPage struct {
	Layout
	C      community.View
	G      gathering.View
	When   gathering.When
	Form   Form
	Action string
	Button string
}

func (s *Server) renderSessionForm(w http.ResponseWriter, r *http.Request, status int, g gathering.View, o gathering.Occurrence, f Form, action, button string) {
	title := "Add a session"
	if button != "Add the session" {
		title = "Change a session"
	}
	p := &sessionFormPage{Layout: conferenceCrumbs(g, title), C: g.Community, G: g, When: o.When(g.Gathering, ""), Form: f, Action: action, Button: button}
	p.Community = &p.C
	s.render(w, r, status, "gatherings/session-form", p)
}

func (s *Server) newSessionForm(w http.ResponseWriter, r *http.Request) {
	g, o, err := s.Gatherings.ForProgramme(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	start := o.Start.In(g.Location())
	vals := url.Values{"date": {start.Format(time.DateOnly)}, "start_time": {start.Format("15:04")},
		"end_time": {start.Add(time.Hour).Format("15:04")}}
	s.renderSessionForm(w, r, http.StatusOK, g, o, Form{Values: vals}, gathering.URL(g.Community.Slug, g.ID)+"/sessions/new", "Add the session")
}

// sessionInput reads the session form.
func sessionInput(f Form) gathering.SessionInput {
	return gathering.SessionInput{Title: f.Get("title"), Description: f.Get("description"), Date: f.Get("date"), StartTime: f.Get("start_time"),
		EndDate: f.Get("end_date"), EndTime: f.Get("end_time"), Room: f.Get("room"), Track: f.Get("track"), Capacity: f.Get("capacity"),
		Speakers: f.Get("speakers")}
}

// sessionValues fills the form from a session.
func sessionValues(g gathering.View, x gathering.Session) url.Values {
	loc := g.Location()
	start, end := x.Start.In(loc), x.End.In(loc)
	speakers := make([]string, len(x.Speakers))
	for i, sp := range x.Speakers {
		speakers[i] = sp.Guest
		if sp.ID != 0 {
			speakers[i] = "@" + sp.Handle
		}
	}
	vals := url.Values{"title": {x.Title}, "description": {x.Description}, "date": {start.Format(time.DateOnly)},
		"start_time": {start.Format("15:04")}, "end_time": {end.Format("15:04")}, "room": {x.Room}, "track": {x.Track},
		"speakers": {strings.Join(speakers, "\n")}}
	if end.Format(time.DateOnly) != start.Format(time.DateOnly) {
		vals.Set("end_date", end.Format(time.DateOnly))
	}
	if x.Capacity > 0 {
		vals.Set("capacity", strconv.Itoa(x.Capacity))
	}
	return vals
}

func (s *Server) addSession(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), gatheringID(r)
	x, err := s.Gatherings.AddSession(r.Context(), actorOf(r), slug, id, sessionInput(f))
	if errs.Is(err, errs.Invalid) {
		g, o, verr := s.Gatherings.ForProgramme(r.Context(), actorOf(r), slug, id)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		f.Failed(err)
		s.renderSessionForm(w, r, statusOf(err), g, o, f, gathering.URL(slug, id)+"/sessions/new", "Add the session")
		return
	}
	if err != nil {
		s.afterAction(w, r, err, gathering.ProgrammeURL(slug, id), "")
		return
	}
	s.redirect(w, r, gathering.ProgrammeURL(slug, id)+"#session-"+strconv.FormatInt(x.ID, 10), "The session is in the programme.")
}

func (s *Server) editSessionForm(w http.ResponseWriter, r *http.Request) {
	g, o, x, err := s.Gatherings.ForSession(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), sessionID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderSessionForm(w, r, http.StatusOK, g, o, Form{Values: sessionValues(g, x)}, gathering.SessionURL(g.Community.Slug, g.ID, x.ID)+"/edit", "Save the session")
}

func (s *Server) editSession(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id, sid := r.PathValue("slug"), gatheringID(r), sessionID(r)
	_, err := s.Gatherings.EditSession(r.Context(), actorOf(r), slug, id, sid, sessionInput(f))
	if errs.Is(err, errs.Invalid) {
		g, o, _, verr := s.Gatherings.ForSession(r.Context(), actorOf(r), slug, id, sid)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		f.Failed(err)
		s.renderSessionForm(w, r, statusOf(err), g, o, f, gathering.SessionURL(slug, id, sid)+"/edit", "Save the session")
		return
	}
	if err != nil {
		s.afterAction(w, r, err, gathering.ProgrammeURL(slug, id), "")
		return
	}
	s.redirect(w, r, gathering.ProgrammeURL(slug, id)+"#session-"+strconv.FormatInt(sid, 10), "The session is changed.")
}

func (s *Server) confirmDeleteSession(w http.ResponseWriter, r *http.Request) {
	g, _, x, err := s.Gatherings.ForSession(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), sessionID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := gathering.SessionURL(g.Community.Slug, g.ID, x.ID)
	s.confirm(w, r, &confirmPage{Layout: conferenceCrumbs(g, "Remove a session"), C: g.Community,
		Heading: "Remove “" + x.Title + "” from the programme?",
		Effects: []string{"The session leaves the programme and everyone's schedule (" + strconv.Itoa(x.Going) + " with a place, " +
			strconv.Itoa(x.Waiting) + " waiting).", "This cannot be undone."},
		Action: u + "/delete", Button: "Remove the session", Cancel: gathering.ProgrammeURL(g.Community.Slug, g.ID)})
}

func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	slug, id := r.PathValue("slug"), gatheringID(r)
	err := s.Gatherings.DeleteSession(r.Context(), actorOf(r), slug, id, sessionID(r))
	s.afterAction(w, r, err, gathering.ProgrammeURL(slug, id), "The session is removed from the programme.")
}

// placeInSession takes a place in a session (or its waitlist), or leaves it.
func (s *Server) placeInSession(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id, sid := r.PathValue("slug"), gatheringID(r), sessionID(r)
	back := gathering.ProgrammeURL(slug, id) + "#session-" + strconv.FormatInt(sid, 10)
	if next := safeNext(f.Get("next")); strings.HasPrefix(next, gathering.URL(slug, id)+"/") {
		back = next
	}
	if f.Get("action") == "leave" {
		err := s.Gatherings.LeaveSession(r.Context(), actorOf(r), slug, id, sid)
		s.afterAction(w, r, err, back, "The session is off your schedule.")
		return
	}
	ans, err := s.Gatherings.JoinSession(r.Context(), actorOf(r), slug, id, sid)
	msg := "The session is on your schedule."
	if ans.Answer == gathering.Waitlist {
		msg = "Every place is taken: you are number " + strconv.Itoa(ans.Position) + " on the session's waitlist. We will tell you when a place frees."
	}
	s.afterAction(w, r, err, back, msg)
}
