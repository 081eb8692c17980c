package web

import (
	"net/http"

	"hearth/internal/community"
)

// homePage is the landing page: for visitors, what this instance is and its
// public communities; for members, their communities and what is new.
type homePage struct {
	Layout
	Public  []community.Listing
	Mine    []community.Listing
	Invited []community.Listing
	Pending []community.Listing
	News    []community.Activity
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	p := &homePage{Layout: Layout{Title: "Home"}}
	var err error
	if !a.SignedIn() {
		if p.Public, err = s.Communities.Public(r.Context(), 12); err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "home/visitor", p)
		return
	}
	mine, err := s.Communities.Mine(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, l := range mine {
		switch l.Mine.Status {
		case community.InvitedMember:
			p.Invited = append(p.Invited, l)
		case community.PendingMember:
			p.Pending = append(p.Pending, l)
		default:
			p.Mine = append(p.Mine, l)
		}
	}
	if p.News, err = s.Communities.Recent(r.Context(), a, 20); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home/member", p)
}
