package web

import (
	"net/http"

	"hearth/internal/community"
	"hearth/internal/errs"
)

// membersPage lists a community's members; its stewards also see requests
// and invitations, and manage roles.
type membersPage struct {
	Layout
	C       community.View
	Members []community.Member
	Page    int
	PrevURL string
	NextURL string
	Invite  Form
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request, status int, invite Form) {
	v, list, more, err := s.Communities.Members(r.Context(), actorOf(r), r.PathValue("slug"), pageNumber(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &membersPage{Layout: Layout{Title: "Members · " + v.Name, Tab: "members",
		Crumbs: []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}, {"Members", ""}}},
		C: v, Members: list, Page: pageNumber(r), Invite: invite}
	p.Community = &p.C
	if p.Page > 1 {
		p.PrevURL = pageURL(r, p.Page-1)
	}
	if more {
		p.NextURL = pageURL(r, p.Page+1)
	}
	s.render(w, r, status, "community/members", p)
}

func (s *Server) members(w http.ResponseWriter, r *http.Request) {
	s.membersPage(w, r, http.StatusOK, Form{})
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	status, err := s.Communities.Join(r.Context(), actorOf(r), slug, f.Get("message"))
	msg := "Welcome! You are a member now."
	if status == community.PendingMember {
		msg = "Your request is with the stewards. You will hear from them by e-mail."
	}
	if errs.Is(err, errs.Unauthenticated) {
		http.Redirect(w, r, "/signin?next=/c/"+slug, http.StatusSeeOther)
		return
	}
	s.afterAction(w, r, err, "/c/"+slug, msg)
}

func (s *Server) leave(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	err := s.Communities.Leave(r.Context(), actorOf(r), slug)
	back := "/c/" + slug
	if err == nil {
		back = "/communities"
	}
	s.afterAction(w, r, err, back, "You have left the community.")
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	err := s.Communities.Invite(r.Context(), actorOf(r), slug, f.Get("who"))
	if errs.Is(err, errs.Invalid) {
		f.Failed(err)
		s.membersPage(w, r, statusOf(err), f)
		return
	}
	s.afterAction(w, r, err, "/c/"+slug+"/members", "Invitation sent to "+f.Get("who")+".")
}

// memberAction runs a steward's action on one member and returns to the members page.
func (s *Server) memberAction(w http.ResponseWriter, r *http.Request, act func(slug, handle string) error, okMsg string) {
	slug, handle := r.PathValue("slug"), r.PathValue("handle")
	back := "/c/" + slug + "/members"
	if next := r.PostFormValue("next"); next != "" {
		back = safeNext(next) // from the steward's home page
	}
	s.afterAction(w, r, act(slug, handle), back, okMsg+" @"+handle+".")
}

func (s *Server) approve(w http.ResponseWriter, r *http.Request) {
	s.memberAction(w, r, func(slug, handle string) error { return s.Communities.Approve(r.Context(), actorOf(r), slug, handle) }, "Welcomed")
}

func (s *Server) decline(w http.ResponseWriter, r *http.Request) {
	s.memberAction(w, r, func(slug, handle string) error { return s.Communities.Decline(r.Context(), actorOf(r), slug, handle) }, "Declined the request of")
}

func (s *Server) removeMember(w http.ResponseWriter, r *http.Request) {
	s.memberAction(w, r, func(slug, handle string) error { return s.Communities.Remove(r.Context(), actorOf(r), slug, handle) }, "Removed")
}

func (s *Server) setRole(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	role := community.Role(f.Get("role"))
	s.memberAction(w, r, func(slug, handle string) error {
		return s.Communities.SetRole(r.Context(), actorOf(r), slug, handle, role)
	}, "Made "+string(role)+":")
}
