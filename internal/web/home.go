package web

import (
	"net/http"
	"time"

	"hearth/internal/activity"
	"hearth/internal/community"
	"hearth/internal/gathering"
)

// homePage is the landing page: for visitors, what this instance is and its
// public communities; for members, their communities and what is new.
type homePage struct {
	Layout
	Public  []community.Listing
	Mine    []community.Listing
	Invited []community.Listing
	Pending []community.Listing
	News    []activity.Activity
	// Since is when the person's previous visit began: news after it is
	// marked new (zero on a first visit).
	Since      time.Time
	Requests   []community.JoinRequest // waiting for the person as a steward
	First      bool                    // their first visit: "Welcome", not "Welcome back"
	Coming     []gathering.Coming      // the next dates in their communities
	MoreComing bool
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
	if p.Since, err = s.Communities.Visit(r.Context(), a); err != nil {
		s.fail(w, r, err)
		return
	}
	p.First = p.Since.IsZero()
	if p.News, err = s.Communities.News(r.Context(), a, newsSize); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Requests, err = s.Communities.WaitingRequests(r.Context(), a, requestsShown); err != nil {
		s.fail(w, r, err)
		return
	}
	var more int64
	if p.Coming, more, err = s.Gatherings.Upcoming(r.Context(), a, 0, comingShown); err != nil {
		s.fail(w, r, err)
		return
	}
	p.MoreComing = more != 0
	s.render(w, r, http.StatusOK, "home/member", p)
}

// newsSize is how many things "What is new" shows; requestsShown how many
// requests to join wait on a steward's home.
const (
	newsSize      = 20
	requestsShown = 10
)
