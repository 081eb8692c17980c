package web

import (
	"net/http"
	"slices"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/people"
)

// askExpertsPage is where the asker of a question chooses people who know its
// topics to ask for an answer.
type askExpertsPage struct {
	Layout
	C           community.View
	T           conversation.ThreadView
	Suggestions []people.ExpertSuggestion
	Form        Form
	PerQuestion int
}

// Chosen reports whether the form chose handle.
func (p askExpertsPage) Chosen(handle string) bool {
	return slices.Contains(p.Form.Values["expert"], handle)
}

func (s *Server) expertsForm(w http.ResponseWriter, r *http.Request) {
	s.expertsFormPage(w, r, http.StatusOK, Form{})
}

func (s *Server) expertsFormPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	t, list, err := s.People.SuggestExperts(r.Context(), actorOf(r), r.PathValue("slug"), threadID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &askExpertsPage{Layout: communityLayout(t.Community, "Ask the experts", "talk"), C: t.Community, T: t, Suggestions: list, Form: f,
		PerQuestion: people.AsksPerQuestion}
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {t.Community.Name, "/c/" + t.Community.Slug},
		{"Talk", "/c/" + t.Community.Slug + "/talk"}, {t.Title, t.URL()}, {"Ask the experts", ""}}
	p.Community = &p.C
	s.render(w, r, status, "talk/experts", p)
}

func (s *Server) askExperts(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	n, err := s.People.AskExperts(r.Context(), actorOf(r), r.PathValue("slug"), threadID(r), f.Values["expert"])
	if err != nil {
		if f.Failed(err) {
			s.expertsFormPage(w, r, statusOf(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	msg := "They were asked already."
	if n > 0 {
		msg = "Asked " + strconv.Itoa(n) + " " + map[bool]string{true: "person", false: "people"}[n == 1] + " to answer: they are told in Hearth and by e-mail."
	}
	s.redirect(w, r, conversation.ThreadURL(r.PathValue("slug"), threadID(r)), msg)
}
