package web

import (
	"net/http"
	"sort"

	"hearth/internal/auth"

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
	if p.News, err = s.news(r, a); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home/member", p)
}

// newsSize is how many things "What is new" shows.
const newsSize = 20

// news merges what happened lately in the reader's communities: people who
// joined and communities that started, and entries shared in their libraries.
func (s *Server) news(r *http.Request, a auth.Actor) ([]community.Activity, error) {
	joins, err := s.Communities.Recent(r.Context(), a, newsSize)
	if err != nil {
		return nil, err
	}
	entries, err := s.Practice.Recent(r.Context(), a, newsSize)
	if err != nil {
		return nil, err
	}
	all := append(joins, entries...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].At.After(all[j].At) })
	if len(all) > newsSize {
		all = all[:newsSize]
	}
	return all, nil
}
