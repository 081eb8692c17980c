package web

import (
	"net/http"
	"time"

	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// Visitors come to a public community's gathering as guests, when those
// who manage it open it to them: a name and an e-mail address on the
// date's page, then a link mailed to confirm (or give back) the place.

// signUpGuest takes a visitor's sign-up; a mistake comes back next to the
// field on the date's page, with what was typed.
func (s *Server) signUpGuest(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id, occ := r.PathValue("slug"), gatheringID(r), occurrenceID(r)
	err := s.Gatherings.SignUpGuest(r.Context(), actorOf(r), slug, id, occ, f.Get("name"), f.Get("email"), clientIP(r))
	if err != nil {
		if errs.Is(err, errs.Invalid) && f.Failed(err) {
			s.showOccurrence(w, r, occ, statusOf(err), occurrenceForms{Guest: f})
			return
		}
		s.afterAction(w, r, err, gathering.OccurrenceURL(slug, id, occ), "")
		return
	}
	s.renderMessage(w, r, http.StatusOK, "Check your e-mail",
		"We sent a link to "+f.Get("email")+". Your place counts once you confirm it there; the same link lets you give it back.",
		Crumb{"Back to the gathering", gathering.OccurrenceURL(slug, id, occ)})
}

// setGuestsOpen opens a gathering to visitors' sign-ups, or closes it.
func (s *Server) setGuestsOpen(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), gatheringID(r)
	open := f.Get("open") == "yes"
	err := s.Gatherings.SetGuestsOpen(r.Context(), actorOf(r), slug, id, open)
	msg := "Visitors can no longer sign up (guests who have a place keep it)."
	if open {
		msg = "Visitors can now sign up to come, with their name and e-mail address."
	}
	s.afterAction(w, r, err, gathering.URL(slug, id), msg)
}

// guestPlacePage is a guest's place at a date, behind the link mailed to them.
type guestPlacePage struct {
	Layout
	Token string
	Guest gathering.Guest
	When  gathering.When
	Over  bool
	Done  string // what the last action did
}

func (s *Server) guestPlace(w http.ResponseWriter, r *http.Request) {
	g, err := s.Gatherings.GuestPlace(r.Context(), r.PathValue("token"))
	s.showGuestPlace(w, r, g, err, "")
}

func (s *Server) confirmGuest(w http.ResponseWriter, r *http.Request) {
	parseForm(w, r)
	g, err := s.Gatherings.ConfirmGuest(r.Context(), r.PathValue("token"))
	s.showGuestPlace(w, r, g, err, "Your place is confirmed. See you there!")
}

func (s *Server) cancelGuest(w http.ResponseWriter, r *http.Request) {
	parseForm(w, r)
	g, err := s.Gatherings.CancelGuest(r.Context(), r.PathValue("token"))
	s.showGuestPlace(w, r, g, err, "Your place is given back. Thank you for letting the hosts know.")
}

// showGuestPlace shows the place after an action: done when it worked, the
// refusal (every place taken, the date over) in its place otherwise.
func (s *Server) showGuestPlace(w http.ResponseWriter, r *http.Request, g gathering.Guest, err error, done string) {
	status := http.StatusOK
	if err != nil {
		if !errs.Is(err, errs.Conflict) {
			s.fail(w, r, err)
			return
		}
		status, done = http.StatusConflict, errs.MessageOf(err)
		if g, err = s.Gatherings.GuestPlace(r.Context(), r.PathValue("token")); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	// The token is in this page's address: no other site may see it.
	w.Header().Set("Referrer-Policy", "no-referrer")
	p := &guestPlacePage{Layout: Layout{Title: "Your place: " + g.Occurrence.Title}, Token: r.PathValue("token"), Guest: g,
		When: g.Occurrence.When(g.Gathering.Gathering, ""), Over: g.Over(time.Now()), Done: done}
	s.render(w, r, status, "gatherings/guest", p)
}
