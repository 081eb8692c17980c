package web

import (
	"net/http"

	"hearth/internal/community"
	"hearth/internal/people"
	"hearth/internal/practice"
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
	at := people.At{After: idParam(r.URL.Query().Get("after")), Before: idParam(r.URL.Query().Get("before"))}
	list, more, err := s.People.List(r.Context(), actorOf(r), q, at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &peoplePage{Layout: Layout{Title: "People"}, People: list, Query: q}
	p.PrevURL, p.NextURL = peopleCursors(r, list, at, more)
	s.render(w, r, http.StatusOK, "people/list", p)
}

type profilePage struct {
	Layout
	Person      people.Person
	Communities []community.Listing
	Written     []practice.Written
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
	written, err := s.Practice.WrittenBy(r.Context(), a, person.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "people/profile", &profilePage{Layout: Layout{Title: person.Name,
		Crumbs: []Crumb{{"People", "/people"}, {person.Name, ""}}}, Person: person, Communities: list, Written: written,
		Mine: person.ID == a.PersonID})
}

// peopleCursors are the links to the pages before and after a page of
// people read at at: keyset, by the first and last person shown.
func peopleCursors(r *http.Request, list []people.Person, at people.At, more bool) (prev, next string) {
	if len(list) == 0 {
		if at.After != 0 || at.Before != 0 {
			prev = cursorURL(r, "", 0) // past the end: back to the first page
		}
		return prev, ""
	}
	if at.After != 0 || (at.Before != 0 && more) {
		prev = cursorURL(r, "before", list[0].ID)
	}
	if more && at.Before == 0 || at.Before != 0 {
		next = cursorURL(r, "after", list[len(list)-1].ID)
	}
	return prev, next
}
