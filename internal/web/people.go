package web

import (
	"net/http"

	"hearth/internal/community"
	"hearth/internal/people"
)

type peoplePage struct {
	Layout
	People  []people.Person
	Query   string
	PrevURL string
	NextURL string
}

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	page := pageNumber(r)
	list, more, err := s.People.List(r.Context(), actorOf(r), q, page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &peoplePage{Layout: Layout{Title: "People"}, People: list, Query: q}
	if page > 1 {
		p.PrevURL = pageURL(r, page-1)
	}
	if more {
		p.NextURL = pageURL(r, page+1)
	}
	s.render(w, r, http.StatusOK, "people/list", p)
}

type profilePage struct {
	Layout
	Person      people.Person
	Communities []community.Listing
	Mine        bool
}

func (s *Server) profile(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	person, err := s.People.Profile(r.Context(), a, r.PathValue("handle"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.Communities.MembershipsOf(r.Context(), a, person.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "people/profile", &profilePage{Layout: Layout{Title: person.Name,
		Crumbs: []Crumb{{"People", "/people"}, {person.Name, ""}}}, Person: person, Communities: list, Mine: person.ID == a.PersonID})
}
