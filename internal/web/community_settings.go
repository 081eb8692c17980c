package web

import (
	"net/http"

	"hearth/internal/community"
	"hearth/internal/errs"
)

func (s *Server) settingsForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.Communities.ForSettings(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err) // a visitor signs in and comes back here
		return
	}
	p := s.communityPage(v, "settings")
	p.Title = "Settings · " + p.C.Name
	p.Form.Values = formValues(community.CharterOf(p.C.Community))
	s.render(w, r, http.StatusOK, "community/settings", p)
}

func formValues(ch community.Charter) map[string][]string {
	return map[string][]string{"name": {ch.Name}, "purpose": {ch.Purpose}, "scope": {ch.Scope}, "key_questions": {ch.KeyQuestions},
		"who_should_join": {ch.WhoShouldJoin}, "tags": {ch.Tags}, "visibility": {string(ch.Visibility)}, "join_policy": {string(ch.JoinPolicy)}}
}

func (s *Server) updateSettings(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	if err := s.Communities.UpdateCharter(r.Context(), actorOf(r), slug, charterFrom(f)); err != nil {
		if errs.Is(err, errs.Invalid) {
			p, ok := s.loadCommunity(w, r, "settings")
			if !ok {
				return
			}
			f.Failed(err)
			p.Title, p.Form = "Settings · "+p.C.Name, f
			s.render(w, r, statusOf(err), "community/settings", p)
			return
		}
		s.afterAction(w, r, err, "/c/"+slug+"/settings", "")
		return
	}
	s.redirect(w, r, "/c/"+slug, "The charter is saved.")
}

// afterAction finishes a POST that has no form to show again: back to the
// page with a message, or the error page when the thing is not to be seen.
func (s *Server) afterAction(w http.ResponseWriter, r *http.Request, err error, back, okMsg string) {
	if err == nil {
		s.redirect(w, r, back, okMsg)
		return
	}
	switch errs.KindOf(err) {
	case errs.Invalid, errs.Conflict, errs.Forbidden: // a refusal for going too fast is a 429 with Retry-After, through fail
		s.redirect(w, r, back, errs.MessageOf(err))
	default:
		s.fail(w, r, err)
	}
}

func (s *Server) setStage(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	err := s.Communities.SetStage(r.Context(), actorOf(r), slug, community.Stage(f.Get("stage")))
	s.afterAction(w, r, err, "/c/"+slug, "The community's stage is now "+f.Get("stage")+".")
}

func (s *Server) archive(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	err := s.Communities.SetArchived(r.Context(), actorOf(r), slug, true)
	s.afterAction(w, r, err, "/c/"+slug, "The community is archived: it stays readable, and takes no changes.")
}

func (s *Server) unarchive(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	err := s.Communities.SetArchived(r.Context(), actorOf(r), slug, false)
	s.afterAction(w, r, err, "/c/"+slug, "The community is active again.")
}
