package web

import (
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
}

func (s *Server) signupForm(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).SignedIn() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	p := &signupPage{Layout: Layout{Title: "Create your account"}, Invite: r.URL.Query().Get("invite")}
	p.Form.Values = url.Values{}
	if p.Invite != "" {
		email, err := s.Auth.InvitationEmail(r.Context(), p.Invite)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Form.Values.Set("email", email)
	}
	st, err := s.instanceSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.InviteOnly = st.Signup == instance.SignupInvite && p.Invite == ""
	s.render(w, r, http.StatusOK, "account/signup", p)
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	n := newAccount(f)
	n.Client = clientIP(r)
	a, token, err := s.Auth.SignUp(r.Context(), n, r.UserAgent())
	if err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			s.render(w, r, statusOf(err), "account/signup", &signupPage{Layout: Layout{Title: "Create your account"}, Form: f, Invite: f.Get("invite")})
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
	s.redirect(w, r, "/", "Welcome, "+a.Name+"! Your account is ready.")
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
	if err := s.Auth.VerifyEmail(r.Context(), r.URL.Query().Get("token")); err != nil {
		s.renderMessage(w, r, statusOf(err), "This link does not work", errs.MessageOf(err), Crumb{"Go to your account", "/account"})
		return
	}
	if !actorOf(r).SignedIn() {
		s.redirect(w, r, "/signin", "Thank you: your e-mail address is confirmed. Sign in to start.")
		return
	}
	s.redirect(w, r, "/", "Thank you: your e-mail address is confirmed.")
}

func (s *Server) resendVerification(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.ResendVerification(r.Context(), actorOf(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "We sent a new confirmation link. It may take a minute to arrive.")
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
