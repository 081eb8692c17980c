package web

import (
	"cmp"
	"net/http"
	"net/url"

	"hearth/internal/auth"
	"hearth/internal/errs"
	"hearth/internal/instance"
)

type signupPage struct {
	Layout
	Form       Form
	InviteOnly bool
	Invite     string
	Invitation auth.Invitation // who invited the person, to which community
	Next       string          // where to come back to once the address is confirmed
}

func (s *Server) signupForm(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).SignedIn() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	p := &signupPage{Layout: Layout{Title: "Create your account"}, Invite: r.URL.Query().Get("invite"), Next: nextParam(r.URL.Query().Get("next"))}
	p.Form.Values = url.Values{}
	if p.Invite != "" {
		inv, err := s.Auth.InvitationFor(r.Context(), p.Invite)
		if err != nil {
			s.renderMessage(w, r, statusOf(err), "This invitation does not work", errs.MessageOf(err), Crumb{"Go to sign in", "/signin"})
			return
		}
		p.Invitation = inv
		p.Form.Values.Set("email", inv.Email)
		p.Form.Values.Set("name", inv.Name)
	}
	st, err := s.instanceSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.InviteOnly = st.Signup == instance.SignupInvite && p.Invite == ""
	s.render(w, r, http.StatusOK, "account/signup", p)
}

// nextParam is a page to come back to after confirming an address: a path
// on this site, or "" (safeNext's "/" is no page to come back to).
func nextParam(next string) string {
	if n := safeNext(next); n != "/" {
		return n
	}
	return ""
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	n := newAccount(f)
	n.Client = clientIP(r)
	n.Next = nextParam(f.Get("next"))
	var invited auth.Invitation // read before the sign-up uses it: where to take the new member
	if n.Invite != "" {
		invited, _ = s.Auth.InvitationFor(r.Context(), n.Invite) // an unusable one: SignUp says so
	}
	a, token, err := s.Auth.SignUp(r.Context(), n, r.UserAgent())
	if err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			p := &signupPage{Layout: Layout{Title: "Create your account"}, Form: f, Invite: f.Get("invite"), Next: n.Next}
			if p.Invite != "" {
				p.Invitation, _ = s.Auth.InvitationFor(r.Context(), p.Invite) // gone since: the form's own error says so
			}
			s.render(w, r, statusOf(err), "account/signup", p)
			return
		}
		s.fail(w, r, err)
		return
	}
	if token == "" {
		// The same page whether or not the address has an account: sign-up does not tell.
		s.renderMessage(w, r, http.StatusOK, "Check your e-mail",
			"We sent a message to "+auth.NormalizeEmail(f.Get("email"))+". Open the link in it to confirm your address, then sign in. It may take a minute to arrive.",
			Crumb{"Go to sign in", "/signin"})
		return
	}
	s.setSession(w, token)
	if slug := invited.CommunitySlug; slug != "" {
		// Signed up through a steward's invitation: a member already, so
		// the community is the place to start. Its page says welcome.
		s.redirect(w, r, "/c/"+url.PathEscape(slug), "Welcome, "+a.Name+": you are a member now.")
		return
	}
	s.redirect(w, r, "/", "")
}

type signinPage struct {
	Layout
	Form Form
	Next string
}

func (s *Server) signinForm(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if actorOf(r).SignedIn() {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "account/signin", &signinPage{Layout: Layout{Title: "Sign in"}, Next: next})
}

func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	next := safeNext(f.Get("next"))
	_, token, err := s.Auth.SignIn(r.Context(), f.Get("email"), f.Get("password"), clientIP(r), r.UserAgent())
	if err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			f.Values.Del("password")
			s.render(w, r, statusOf(err), "account/signin", &signinPage{Layout: Layout{Title: "Sign in"}, Form: f, Next: next})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.setSession(w, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(s.cookieName()); err == nil {
		if err := s.Auth.SignOut(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSession(w)
	s.redirect(w, r, "/", "You are signed out.")
}

func (s *Server) verifyEmail(w http.ResponseWriter, r *http.Request) {
	next, err := s.Auth.VerifyEmail(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		s.renderMessage(w, r, statusOf(err), "This link does not work", errs.MessageOf(err), Crumb{"Go to your account", "/account"})
		return
	}
	next = nextParam(next)
	if !actorOf(r).SignedIn() {
		target := "/signin"
		if next != "" {
			target += "?next=" + url.QueryEscape(next)
		}
		s.redirect(w, r, target, "Thank you: your e-mail address is confirmed. Sign in to go on.")
		return
	}
	s.redirect(w, r, cmp.Or(next, "/"), "Thank you: your e-mail address is confirmed.")
}

// resendVerification sends a new confirmation link. A form may send its
// draft along (the start-a-community form does): the link then brings the
// person back to it, with what they typed.
func (s *Server) resendVerification(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	next := nextParam(f.Get("next"))
	if next == "/communities/new" {
		next = draftURL(f)
	}
	if err := s.Auth.ResendVerification(r.Context(), actorOf(r), next); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, cmp.Or(next, "/account"), "We sent a new confirmation link. Open it and you come back here. It may take a minute to arrive.")
}

func (s *Server) renderMessage(w http.ResponseWriter, r *http.Request, status int, heading, msg string, link Crumb) {
	s.render(w, r, status, "message", &messagePage{Layout: Layout{Title: heading}, Heading: heading, Message: msg, Link: link})
}

func (s *Server) resetRequestForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account/reset-request", &formPage{Layout: Layout{Title: "Reset your password"}})
}

func (s *Server) resetRequest(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	if err := s.Auth.RequestReset(r.Context(), f.Get("email"), clientIP(r)); err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			s.render(w, r, statusOf(err), "account/reset-request", &formPage{Layout: Layout{Title: "Reset your password"}, Form: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.renderMessage(w, r, http.StatusOK, "Check your inbox",
		"If an account uses "+f.Get("email")+", we sent it a link to choose a new password. The link works for one hour.", Crumb{"Back to sign in", "/signin"})
}

type resetPage struct {
	Layout
	Form  Form
	Token string
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if err := s.Auth.CheckResetToken(r.Context(), token); err != nil {
		s.renderMessage(w, r, statusOf(err), "This link does not work", errs.MessageOf(err), Crumb{"Ask for a new link", "/reset"})
		return
	}
	s.render(w, r, http.StatusOK, "account/reset", &resetPage{Layout: Layout{Title: "Choose a new password"}, Token: token})
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	token := f.Get("token")
	if err := s.Auth.ResetPassword(r.Context(), token, f.Get("password")); err != nil {
		if (errs.FieldsOf(err) != nil || errs.Is(err, errs.Unavailable)) && f.Failed(err) {
			setRetryAfter(w.Header(), err)
			s.render(w, r, statusOf(err), "account/reset", &resetPage{Layout: Layout{Title: "Choose a new password"}, Form: f, Token: token})
			return
		}
		s.renderMessage(w, r, statusOf(err), "This link does not work", errs.MessageOf(err), Crumb{"Ask for a new link", "/reset"})
		return
	}
	s.clearSession(w)
	s.redirect(w, r, "/signin", "Your password is changed. Sign in with the new one.")
}
