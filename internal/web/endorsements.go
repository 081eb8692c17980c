package web

import "net/http"

func (s *Server) endorse(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	handle := r.PathValue("handle")
	if err := s.People.Endorse(r.Context(), actorOf(r), handle, f.Get("topic"), f.Get("note")); err != nil {
		if f.Failed(err) {
			s.profilePage(w, r, statusOf(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/people/"+handle+"#expertise", "Your endorsement is recorded.")
}

func (s *Server) hideEndorsement(w http.ResponseWriter, r *http.Request) {
	s.setEndorsementHidden(w, r, true, "The endorsement is hidden: only you see it now.")
}

func (s *Server) showEndorsement(w http.ResponseWriter, r *http.Request) {
	s.setEndorsementHidden(w, r, false, "The endorsement shows on your profile again.")
}

func (s *Server) setEndorsementHidden(w http.ResponseWriter, r *http.Request, hidden bool, flash string) {
	a := actorOf(r)
	if err := s.People.SetEndorsementHidden(r.Context(), a, r.PathValue("handle"), idParam(r.PathValue("id")), hidden); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/people/"+a.Handle+"#expertise", flash)
}
