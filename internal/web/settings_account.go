package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/errs"
	"hearth/internal/people"
)

// accountPage is the person's own settings: profile, e-mail, password, devices.
type accountPage struct {
	Layout
	Email       string
	Sessions    int
	Departments []people.Department
	Profile     Form
	AvatarForm  Form // the picture's upload
	Avatar      int  // the picture's version; 0: initials
	EmailForm   Form
	Password    Form
	Zone        Form
	AsksPaused  bool // the person paused being asked to answer questions
	Expertise   Form
	Rows        []expertiseRow // the expertise form's rows
	Levels      []people.Level
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, status int, p *accountPage) {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/signin?next=/account", http.StatusSeeOther)
		return
	}
	var err error
	p.Title = "Your account"
	if p.Email, err = s.Auth.Email(r.Context(), a); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Sessions, err = s.Auth.SessionCount(r.Context(), a); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Departments, err = s.People.Departments(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	me, err := s.People.Profile(r.Context(), a, a.Handle)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Avatar = me.Avatar
	if p.Profile.Values == nil {
		p.Profile.Values = url.Values{"name": {me.Name}, "title": {me.Title}, "bio": {me.Bio},
			"department": {strconv.FormatInt(me.DepartmentID, 10)}, "pronouns": {me.Pronouns}, "languages": {me.Languages},
			"interests": {strings.Join(me.Interests, ", ")}}
	}
	if p.Expertise.Values == nil {
		list, err := s.People.ExpertiseOf(r.Context(), a, a.PersonID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Expertise.Values = expertiseValues(list)
	}
	p.Rows, p.Levels = expertiseRows(p.Expertise), people.Levels
	if p.AsksPaused, err = s.People.AsksPaused(r.Context(), a); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Zone.Values == nil {
		p.Zone.Values = url.Values{"time_zone": {a.TimeZone}}
	}
	s.render(w, r, status, "account/account", p)
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	s.accountPage(w, r, http.StatusOK, &accountPage{})
}

func (s *Server) updateProfile(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	err := s.People.UpdateProfile(r.Context(), actorOf(r), people.ProfileInput{Name: f.Get("name"), DepartmentID: f.Int64("department"),
		Title: f.Get("title"), Bio: f.Get("bio"), Pronouns: f.Get("pronouns"), Languages: f.Get("languages"), Interests: f.Get("interests")})
	if err != nil {
		if f.Failed(err) {
			s.accountPage(w, r, statusOf(err), &accountPage{Profile: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.Auth.ForgetSessions() // the header shows the name from the session
	s.redirect(w, r, "/account", "Your profile is saved.")
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	token, err := s.Auth.ChangePassword(r.Context(), actorOf(r), f.Get("current_password"), f.Get("new_password"), r.UserAgent())
	if err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			s.accountPage(w, r, statusOf(err), &accountPage{Password: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.setSession(w, token)
	s.redirect(w, r, "/account", "Your password is changed. You stay signed in here; your other devices are signed out, and reset links sent before no longer work.")
}

func (s *Server) changeEmail(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	if err := s.Auth.RequestEmailChange(r.Context(), actorOf(r), f.Get("current_password"), f.Get("email")); err != nil {
		if f.Failed(err) {
			setRetryAfter(w.Header(), err)
			f.IDs = map[string]string{"current_password": "email-current_password"} // the password form has f-current_password
			s.accountPage(w, r, statusOf(err), &accountPage{EmailForm: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "We sent a link to "+f.Get("email")+". Your address changes when you open it.")
}

func (s *Server) confirmEmail(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.ConfirmEmailChange(r.Context(), r.URL.Query().Get("token")); err != nil {
		s.renderMessage(w, r, statusOf(err), "This link does not work", errs.MessageOf(err), Crumb{"Go to your account", "/account"})
		return
	}
	s.redirect(w, r, "/account", "Your e-mail address is changed.")
}

func (s *Server) signoutEverywhere(w http.ResponseWriter, r *http.Request) {
	token, err := s.Auth.SignOutEverywhere(r.Context(), actorOf(r), r.UserAgent())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSession(w, token)
	s.redirect(w, r, "/account", "You are signed out on every other device.")
}

func (s *Server) setTimeZone(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	if err := s.People.SetTimeZone(r.Context(), actorOf(r), f.Get("time_zone")); err != nil {
		if f.Failed(err) {
			s.accountPage(w, r, statusOf(err), &accountPage{Zone: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.Auth.ForgetSessions() // the actor carries the zone from the session
	s.redirect(w, r, "/account", "Your time zone is saved.")
}

func (s *Server) setAsksPaused(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	paused := f.Get("paused") == "yes"
	if err := s.People.SetAsksPaused(r.Context(), actorOf(r), paused); err != nil {
		s.fail(w, r, err)
		return
	}
	msg := "People may ask you to answer questions again."
	if paused {
		msg = "Nobody will be suggested to ask you until you say so here."
	}
	s.redirect(w, r, "/account#asks", msg)
}
