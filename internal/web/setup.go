package web

import (
	"net/http"

	"hearth/internal/auth"
)

type formPage struct {
	Layout
	Form Form
}

type messagePage struct {
	Layout
	Heading string
	Message string
	Link    Crumb
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) {
	if st, err := s.instanceSettings(r.Context()); err == nil && st.SetupDone {
		s.forgetSettings()
		if st, err = s.instanceSettings(r.Context()); err == nil && st.SetupDone {
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
	}
	s.render(w, r, http.StatusOK, "account/setup", &formPage{Layout: Layout{Title: "Set up Hearth"}})
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	_, token, err := s.Auth.Setup(r.Context(), f.Get("instance_name"), newAccount(f), r.UserAgent())
	if err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			s.render(w, r, statusOf(err), "account/setup", &formPage{Layout: Layout{Title: "Set up Hearth"}, Form: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.forgetSettings()
	s.setSession(w, token)
	s.redirect(w, r, "/admin/departments", "Welcome! Your instance is ready. Add your institution's departments, then start the first community.")
}

func newAccount(f Form) auth.NewAccount {
	return auth.NewAccount{Name: f.Get("name"), Handle: f.Get("handle"), Email: f.Get("email"), Password: f.Get("password"), Invite: f.Get("invite")}
}
