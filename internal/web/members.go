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
	PrevURL string
	NextURL string
	Invite  invitePanel
	// For stewards: the invitations waiting and the shareable links open.
	Invitations []community.Invitation
	Links       []community.InviteLink
	LinkForm    Form
	LinkDays    []int
	BaseURL     string
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request, status int, invite invitePanel, linkForm Form) {
	at := memberCursor(r)
	v, list, more, err := s.Communities.Members(r.Context(), actorOf(r), r.PathValue("slug"), at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &membersPage{Layout: Layout{Title: "Members · " + v.Name, Tab: "members",
		Crumbs: []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}, {"Members", ""}}},
		C: v, Members: list, Invite: invite, LinkForm: linkForm, LinkDays: community.LinkDays, BaseURL: s.BaseURL}
	p.Community = &p.C
	if v.CanManageMembers() {
		if _, p.Invitations, err = s.Communities.Invitations(r.Context(), actorOf(r), v.Slug); err != nil {
			s.fail(w, r, err)
			return
		}
		if p.Links, err = s.Communities.InviteLinks(r.Context(), actorOf(r), v.Slug); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	var first, last int64
	if len(list) > 0 {
		first, last = list[0].PersonID, list[len(list)-1].PersonID
	}
	p.PrevURL, p.NextURL = keysetLinks(r, at.After, at.Before, first, last, more)
	s.render(w, r, status, "community/members", p)
}

// memberCursor reads a members page's keyset cursor from its address.
func memberCursor(r *http.Request) community.At {
	return community.At{After: idParam(r.URL.Query().Get("after")), Before: idParam(r.URL.Query().Get("before"))}
}

// keysetLinks are the links to the pages before and after a page read from
// the cursor after or before, whose first and last rows have the ids first
// and last (both 0 for an empty page); more tells whether another page
// follows in the direction read.
func keysetLinks(r *http.Request, after, before, first, last int64, more bool) (prev, next string) {
	if first == 0 {
		if after != 0 || before != 0 {
			prev = cursorURL(r, "", 0) // past the end: back to the first page
		}
		return prev, ""
	}
	if after != 0 || (before != 0 && more) {
		prev = cursorURL(r, "before", first)
	}
	if more && before == 0 || before != 0 {
		next = cursorURL(r, "after", last)
	}
	return prev, next
}

func (s *Server) members(w http.ResponseWriter, r *http.Request) {
	s.membersPage(w, r, http.StatusOK, invitePanel{}, Form{})
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
