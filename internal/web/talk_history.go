package web

import (
	"net/http"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/conversation"
)

// postHistoryPage lists the versions of a reply, newest first.
type postHistoryPage struct {
	Layout
	C        community.View
	T        conversation.ThreadView
	P        conversation.Post
	Versions []conversation.Version
	Back     string // the reply in its thread
}

func (s *Server) threadPostHistory(w http.ResponseWriter, r *http.Request) {
	post, _ := strconv.ParseInt(r.PathValue("post"), 10, 64)
	t, p, versions, err := s.Talk.PostHistory(r.Context(), actorOf(r), r.PathValue("slug"), threadID(r), post)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &postHistoryPage{Layout: communityLayout(t.Community, "History of a reply in "+t.Title, "talk"), C: t.Community, T: t,
		P: p, Versions: versions, Back: conversation.PostURL(t.Community.Slug, t.ID, p.ID)}
	pg.Crumbs = []Crumb{{"Communities", "/communities"}, {t.Community.Name, "/c/" + t.Community.Slug},
		{"Talk", talkURL(t.Community.Slug)}, {t.Title, t.URL()}, {"History of a reply", ""}}
	pg.Community = &pg.C
	s.render(w, r, http.StatusOK, "talk/history", pg)
}
