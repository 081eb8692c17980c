package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/gathering"
)

// comingShown is how many dates the home page shows coming up.
const comingShown = 3

// myGatheringsPage is the dates coming up in all of a person's communities.
type myGatheringsPage struct {
	Layout
	Items   []gathering.Coming
	Zone    string
	NextURL string
}

func (s *Server) myGatherings(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/signin?next=/gatherings", http.StatusSeeOther)
		return
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	items, next, err := s.Gatherings.Upcoming(r.Context(), a, after, gathering.ListSize)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &myGatheringsPage{Layout: Layout{Title: "Your gatherings"}, Items: items, Zone: a.TimeZone}
	if next != 0 {
		p.NextURL = "/gatherings?" + url.Values{"after": {strconv.FormatInt(next, 10)}}.Encode()
	}
	s.render(w, r, http.StatusOK, "gatherings/mine", p)
}
