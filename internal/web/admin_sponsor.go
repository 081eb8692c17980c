package web

import "net/http"

// adminGrantSponsor makes a person a sponsor: they read the institution's
// page. The auth service checks again that the actor administers.
func (s *Server) adminGrantSponsor(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.Auth.SetSponsor(r.Context(), actorOf(r), r.PathValue("handle"), true)
	s.afterAction(w, r, err, "/admin/people", "@"+r.PathValue("handle")+" is a sponsor: they read the institution's page.")
}

// adminRevokeSponsor takes the sponsor role back.
func (s *Server) adminRevokeSponsor(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.Auth.SetSponsor(r.Context(), actorOf(r), r.PathValue("handle"), false)
	s.afterAction(w, r, err, "/admin/people", "@"+r.PathValue("handle")+" is no longer a sponsor.")
}
