package web

import "net/http"

// helpPage is a help page: static words, the layout around them.
type helpPage struct {
	Layout
}

// helpStages explains the stages a community goes through, in the plain
// words the badges use, with the theory's names beside them.
func (s *Server) helpStages(w http.ResponseWriter, r *http.Request) {
	p := &helpPage{Layout: Layout{Title: "The stages of a community", Crumbs: []Crumb{{"Communities", "/communities"}, {"The stages of a community", ""}}}}
	s.render(w, r, http.StatusOK, "help/stages", p)
}
