package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/people"
)

type expertsPage struct {
	Layout
	Query    people.ExpertQuery
	Form     Form
	Rows     template.HTML // the page's ranking, rendered
	Filters  template.HTML // the department and community filters, rendered
	FirstURL string
	NextURL  string
}

func (s *Server) experts(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	v := r.URL.Query()
	q := people.ExpertQuery{Topic: v.Get("topic"), Department: v.Get("department"), Community: v.Get("community")}
	if score, id, ok := strings.Cut(v.Get("after"), "-"); ok {
		q.AfterScore, _ = strconv.Atoi(score)
		q.AfterID = idParam(id)
	}
	p := &expertsPage{Layout: Layout{Title: "Who knows what", Crumbs: []Crumb{{"People", "/people"}, {"Who knows what", ""}}},
		Query: q, Form: Form{Values: v}}
	ranked, err := s.People.ExpertsPage(r.Context(), a, q)
	list, more := ranked.Ranked, ranked.More
	p.Unread, p.UnreadRead = ranked.Along.Unread, ranked.Along.Read
	status := http.StatusOK
	if err != nil {
		if !p.Form.Failed(err) {
			s.fail(w, r, err)
			return
		}
		status = statusOf(err)
	}
	if p.Rows, err = s.personRowsHTML("people/experts", expertRows(list)); err != nil {
		s.fail(w, r, err)
		return
	}
	if more {
		last := list[len(list)-1]
		next := url.Values{}
		for k := range v {
			next.Set(k, v.Get(k))
		}
		next.Set("after", strconv.Itoa(last.Score)+"-"+strconv.FormatInt(last.ID, 10))
		p.NextURL = "/experts?" + next.Encode()
	}
	if q.AfterID != 0 {
		p.FirstURL = cursorURL(r, "", 0)
	}
	if p.Filters, err = s.filtersHTML(r, "people/experts", p.Form, ranked.Departments, ranked.Along); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "people/experts", p)
}
