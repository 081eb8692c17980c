package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/community"
	"hearth/internal/errs"
)

// invitePanel is a steward's invitation form, with what became of the last
// one sent: the people invited, and each one who was not, with why.
type invitePanel struct {
	Form   Form
	Sent   []community.Recipient
	Failed []community.InviteFailure
}

// invite sends the invitations of a steward's form (from the community's
// home or its members page, whichever "from" names). When some fail, the
// form comes back holding only those, each with its reason.
func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	fromHome := f.Get("from") == "home"
	back := "/c/" + slug + "/members"
	if fromHome {
		back = "/c/" + slug
	}
	out, err := s.Communities.InviteMany(r.Context(), actorOf(r), slug, f.Get("who"))
	if err != nil {
		if errs.FieldsOf(err) == nil && !errs.Is(err, errs.TooManyRequests) {
			s.afterAction(w, r, err, back, "")
			return
		}
		setRetryAfter(w.Header(), err)
		f.Failed(err)
		s.invitePage(w, r, fromHome, statusOf(err), invitePanel{Form: f})
		return
	}
	if len(out.Failed) == 0 {
		s.redirect(w, r, back, "Invitation sent to "+recipientList(out.Sent)+".")
		return
	}
	kept := make([]string, len(out.Failed))
	for i, x := range out.Failed {
		kept[i] = x.Text
	}
	f.Values.Set("who", strings.Join(kept, "\n"))
	f.Errors = map[string]string{"who": notInvited(len(out.Failed))}
	s.invitePage(w, r, fromHome, http.StatusUnprocessableEntity, invitePanel{Form: f, Sent: out.Sent, Failed: out.Failed})
}

// recipientList names the people invited, for a message.
func recipientList(rs []community.Recipient) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		switch {
		case r.Handle != "":
			names[i] = "@" + r.Handle
		case r.Name != "":
			names[i] = r.Name + " (" + r.Email + ")"
		default:
			names[i] = r.Email
		}
	}
	return strings.Join(names, ", ")
}

// invitePage shows the invitation form again on the page it came from.
func (s *Server) invitePage(w http.ResponseWriter, r *http.Request, fromHome bool, status int, panel invitePanel) {
	if fromHome {
		s.communityHomePage(w, r, status, panel)
		return
	}
	s.membersPage(w, r, status, panel, Form{})
}

func (s *Server) resendInvitation(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	i, err := s.Communities.ResendInvitation(r.Context(), actorOf(r), slug, r.PathValue("key"))
	if errs.Is(err, errs.TooManyRequests) {
		s.redirect(w, r, "/c/"+slug+"/members#invitations", errs.MessageOf(err))
		return
	}
	s.afterAction(w, r, err, "/c/"+slug+"/members#invitations", "Sent the invitation to "+i.Label()+" again.")
}

// confirmRevokeInvitation asks a steward before withdrawing an invitation.
func (s *Server) confirmRevokeInvitation(w http.ResponseWriter, r *http.Request) {
	v, i, err := s.Communities.InvitationToRevoke(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	effects := []string{i.Label() + " can no longer accept it: the link in their e-mail stops working."}
	if i.Handle != "" {
		effects[0] = i.Label() + " no longer sees it to accept."
	}
	effects = append(effects, "You can invite them again later.")
	s.confirm(w, r, &confirmPage{Layout: communityLayout(v, "Withdraw an invitation", "members"), C: v,
		Heading: "Withdraw the invitation of " + i.Label() + "?", Effects: effects,
		Action: "/c/" + v.Slug + "/invitations/" + url.PathEscape(i.Key) + "/revoke", Button: "Withdraw the invitation",
		Cancel: "/c/" + v.Slug + "/members#invitations"})
}

func (s *Server) revokeInvitation(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	i, err := s.Communities.RevokeInvitation(r.Context(), actorOf(r), slug, r.PathValue("key"))
	s.afterAction(w, r, err, "/c/"+slug+"/members#invitations", "Withdrew the invitation of "+i.Label()+".")
}

func (s *Server) createInviteLink(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	days, _ := strconv.Atoi(f.Get("days"))
	uses := 0
	if t := strings.TrimSpace(f.Get("max_uses")); t != "" {
		var err error
		if uses, err = strconv.Atoi(t); err != nil || uses < 1 {
			uses = -1 // the service says what is wrong
		}
	}
	_, err := s.Communities.CreateInviteLink(r.Context(), actorOf(r), slug, days, uses)
	if errs.FieldsOf(err) != nil {
		f.Failed(err)
		s.membersPage(w, r, statusOf(err), invitePanel{}, f)
		return
	}
	s.afterAction(w, r, err, "/c/"+slug+"/members#links", "A new invitation link is ready: copy it from the list.")
}

// confirmRevokeInviteLink asks a steward before withdrawing a link.
func (s *Server) confirmRevokeInviteLink(w http.ResponseWriter, r *http.Request) {
	v, l, err := s.Communities.InviteLinkToRevoke(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.confirm(w, r, &confirmPage{Layout: communityLayout(v, "Withdraw a link", "members"), C: v,
		Heading: "Withdraw this invitation link?",
		Effects: []string{
			"Nobody can join through it any more, wherever it was shared.",
			"People who joined through it stay members.",
		},
		Action: "/c/" + v.Slug + "/invitation-links/" + strconv.FormatInt(l.ID, 10) + "/revoke", Button: "Withdraw the link",
		Cancel: "/c/" + v.Slug + "/members#links"})
}

func (s *Server) revokeInviteLink(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	err := s.Communities.RevokeInviteLink(r.Context(), actorOf(r), slug, idParam(r.PathValue("id")))
	s.afterAction(w, r, err, "/c/"+slug+"/members#links", "The link is withdrawn: nobody can join through it any more.")
}

// joinLinkPage is what the holder of a shareable link sees.
type joinLinkPage struct {
	Layout
	Invite community.LinkInvitation
	Here   string // this page's path, to come back to after signing in or up
}

func (s *Server) joinLinkForm(w http.ResponseWriter, r *http.Request) {
	li, err := s.Communities.ByLink(r.Context(), actorOf(r), r.PathValue("token"))
	if err != nil {
		s.renderMessage(w, r, statusOf(err), "This invitation link does not work", errs.MessageOf(err), Crumb{"See the communities", "/communities"})
		return
	}
	s.render(w, r, http.StatusOK, "community/join-link", &joinLinkPage{Layout: Layout{Title: "Join " + li.Name}, Invite: li, Here: r.URL.Path})
}

func (s *Server) joinByLink(w http.ResponseWriter, r *http.Request) {
	if !actorOf(r).SignedIn() {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return
	}
	slug, status, err := s.Communities.JoinByLink(r.Context(), actorOf(r), r.PathValue("token"))
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			s.renderMessage(w, r, http.StatusNotFound, "This invitation link does not work", errs.MessageOf(err), Crumb{"See the communities", "/communities"})
			return
		}
		s.afterAction(w, r, err, r.URL.Path, "")
		return
	}
	msg := "Welcome! You are a member now."
	if status == community.PendingMember {
		msg = "Your request is with the stewards. You will hear from them by e-mail."
	}
	s.redirect(w, r, "/c/"+slug, msg)
}

// notInvited is the form's message when n recipients failed.
func notInvited(n int) string {
	if n == 1 {
		return "1 person was not invited: see why below, correct and send again."
	}
	return fmt.Sprintf("%d people were not invited: see why below each, correct and send again.", n)
}
