package web

import (
	"net/http"

	"hearth/internal/notify"
)

// watchMessages say what a change of watch state means.
var watchMessages = map[string]string{
	notify.Watching: "You are watching this: you will hear of what happens in it.",
	notify.Muted:    "Muted: you will hear of this only when someone mentions you.",
	notify.Neutral:  "You will hear of this when you take part in it or are mentioned.",
}

// watchCommunity sets whether the person watches or mutes a community.
func (s *Server) watchCommunity(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	v, err := s.Communities.Get(r.Context(), actorOf(r), slug)
	if err == nil {
		err = s.Notifier.Watch(r.Context(), actorOf(r).PersonID, "community", v.ID, v.ID, f.Get("state"))
	}
	s.afterAction(w, r, err, "/c/"+slug, watchMessages[f.Get("state")])
}

// watchEntry sets whether the person watches or mutes an entry.
func (s *Server) watchEntry(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, entrySlug := r.PathValue("slug"), r.PathValue("entry")
	id, communityID, err := s.Practice.IDs(r.Context(), actorOf(r), slug, entrySlug)
	if err == nil {
		err = s.Notifier.Watch(r.Context(), actorOf(r).PersonID, "entry", id, communityID, f.Get("state"))
	}
	s.afterAction(w, r, err, entryURL(slug, entrySlug), watchMessages[f.Get("state")])
}
