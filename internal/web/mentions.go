package web

import "net/http"

// apiSuggestion is one person the @-suggestions offer (static/mentions.js).
type apiSuggestion struct {
	Handle string `json:"handle"`
	Name   string `json:"name"`
}

// suggestPeople answers the @-suggestions of a community's writing forms:
// its members matching q, as JSON. Whoever may not ask gets a 404 problem.
func (s *Server) suggestPeople(w http.ResponseWriter, r *http.Request) {
	list, err := s.Communities.Suggest(r.Context(), actorOf(r), r.PathValue("slug"), r.URL.Query().Get("q"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := struct {
		People []apiSuggestion `json:"people"`
	}{People: make([]apiSuggestion, 0, len(list))}
	for _, m := range list {
		out.People = append(out.People, apiSuggestion{Handle: m.Handle, Name: m.Name})
	}
	writeJSON(w, http.StatusOK, out)
}
