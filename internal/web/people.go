package web

import (
	"bytes"
	"html/template"
	"io"
	"net/http"
	"net/url"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/people"
	"hearth/internal/practice"
)

type peoplePage struct {
	Layout
	Filter   people.Filter
	Form     Form // the filters, with their errors
	Filtered bool
	Filters  template.HTML // the department and community filters, rendered
	Levels   []people.Level
	Rows     template.HTML // the page's people, rendered
	MeetRows template.HTML // people to meet, rendered
	PrevURL  string
	NextURL  string
}

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	q := r.URL.Query()
	f := people.Filter{Query: q.Get("q"), Department: q.Get("department"), Community: q.Get("community"),
		Topic: q.Get("topic"), Level: people.Level(q.Get("level"))}
	at := people.At{After: idParam(q.Get("after")), Before: idParam(q.Get("before"))}
	p := &peoplePage{Layout: Layout{Title: "People"}, Filter: f, Form: Form{Values: q}, Levels: people.Levels,
		Filtered: f != people.Filter{}}
	found, err := s.People.FindPage(r.Context(), a, f, at)
	status := http.StatusOK
	if err != nil {
		if !p.Form.Failed(err) {
			s.fail(w, r, err)
			return
		}
		status = statusOf(err)
	}
	p.Unread, p.UnreadRead = found.Along.Unread, found.Along.Read
	p.PrevURL, p.NextURL = peopleCursors(r, found.People, at, found.More)
	if p.Rows, err = s.personRowsHTML("people/list", directoryRows(found.People)); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Filters, err = s.filtersHTML(r, "people/list", p.Form, found.Departments, found.Along); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.MeetRows, err = s.personRowsHTML("people/list", meetRows(found.Meet)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "people/list", p)
}

type profilePage struct {
	Layout
	Person      people.Person
	Expertise   []people.Expertise
	Endorsable  []string // the topics the reader may still endorse
	Endorse     Form
	Communities []community.Listing
	Written     []practice.Written
	Answered    []conversation.Answered
	Mine        bool
}

func (s *Server) profile(w http.ResponseWriter, r *http.Request) {
	s.profilePage(w, r, http.StatusOK, Form{})
}

// profilePage renders the profile of the path's handle, with the endorsement
// form as given (its values and errors after a refused endorsement).
func (s *Server) profilePage(w http.ResponseWriter, r *http.Request, status int, endorse Form) {
	a := actorOf(r)
	person, err := s.People.Profile(r.Context(), a, r.PathValue("handle"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &profilePage{Layout: Layout{Title: person.Name, Crumbs: []Crumb{{"People", "/people"}, {person.Name, ""}}},
		Person: person, Endorse: endorse, Mine: person.ID == a.PersonID}
	if p.Endorse.Values == nil {
		p.Endorse.Values = url.Values{}
	}
	if p.Expertise, err = s.People.ExpertiseOf(r.Context(), a, person.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, x := range p.Expertise {
		if !x.Endorsed && !p.Mine {
			p.Endorsable = append(p.Endorsable, x.Tag)
		}
	}
	if p.Communities, err = s.Communities.MembershipsOf(r.Context(), a, person.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Written, err = s.Practice.WrittenBy(r.Context(), a, person.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Answered, err = s.Talk.AnsweredBy(r.Context(), a, person.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "people/profile", p)
}

// peopleFilters are the filters /people and /experts share: the
// departments, and the reader's communities, with the form's choices.
type peopleFilters struct {
	Departments []people.Department
	Communities []community.Listing // the reader's own
	Form        Form
}

// filtersHTML reads the reader's communities and renders the filters'
// choices (with the templates of the page set), or takes them from the
// fragment cache: a select of every department, each option a reflective
// call of the template, cost a tenth of the page. deps come with the page's
// people, read under the same version; so does the directory version the
// reader's communities are kept under, when along was read.
func (s *Server) filtersHTML(r *http.Request, set string, f Form, deps []people.Department, along people.Along) (template.HTML, error) {
	var mine []community.Listing
	var err error
	if along.Read {
		mine, err = s.Communities.MineAt(r.Context(), actorOf(r), along.DirectoryVersion)
	} else {
		mine, err = s.Communities.Mine(r.Context(), actorOf(r))
	}
	if err != nil {
		return "", err
	}
	x := peopleFilters{Departments: deps, Communities: mine, Form: f}
	var buf bytes.Buffer
	return s.fragments.fragment(s.fragments.filtersKey(x), &buf, func(w io.Writer) error {
		return s.pages.sets[set].ExecuteTemplate(w, "people-filters", x)
	})
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
