package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/people"
)

// requireAdmin answers 404 to anyone but an administrator: the administration
// area does not exist for others. The services check again for every change.
func (s *Server) requireAdmin(w http.ResponseWriter, r *http.Request) bool {
	a := actorOf(r)
	if !a.SignedIn() {
		s.fail(w, r, errs.New(errs.Unauthenticated, "Please sign in."))
		return false
	}
	if !a.Admin {
		s.notFound(w, r)
		return false
	}
	return true
}

func adminLayout(title, tab string) Layout {
	return Layout{Title: title, Tab: tab, Crumbs: []Crumb{{"Administration", "/admin"}, {title, ""}}}
}

func (s *Server) adminSettingsForm(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	st, err := instance.Load(r.Context(), s.DB)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := Form{Values: url.Values{"name": {st.Name}, "signup": {st.Signup}}}
	if st.ApprovalRequired {
		f.Values.Set("approval_required", "on")
	}
	s.render(w, r, http.StatusOK, "admin/settings", &formPage{Layout: adminLayout("Instance settings", "settings"), Form: f})
}

func (s *Server) adminSaveSettings(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	f := parseForm(w, r)
	err := instance.Update(r.Context(), s.DB, actorOf(r).Admin, instance.Settings{Name: f.Get("name"), Signup: f.Get("signup"),
		ApprovalRequired: f.Get("approval_required") == "on"})
	if err != nil {
		if f.Failed(err) {
			s.render(w, r, statusOf(err), "admin/settings", &formPage{Layout: adminLayout("Instance settings", "settings"), Form: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.forgetSettings()
	s.redirect(w, r, "/admin", "Settings saved.")
}

type departmentsPage struct {
	Layout
	Departments []people.Department
	Form        Form
}

func (s *Server) departmentsPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	list, err := s.People.Departments(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "admin/departments", &departmentsPage{Layout: adminLayout("Departments", "departments"), Departments: list, Form: f})
}

func (s *Server) adminDepartments(w http.ResponseWriter, r *http.Request) {
	if s.requireAdmin(w, r) {
		s.departmentsPage(w, r, http.StatusOK, Form{})
	}
}

func (s *Server) adminCreateDepartment(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	f := parseForm(w, r)
	d, err := s.People.CreateDepartment(r.Context(), actorOf(r), f.Get("name"))
	if err != nil {
		if f.Failed(err) {
			s.departmentsPage(w, r, statusOf(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/admin/departments", "Added "+d.Name+".")
}

func pathID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}

func (s *Server) adminRenameDepartment(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	f := parseForm(w, r)
	err := s.People.RenameDepartment(r.Context(), actorOf(r), pathID(r), f.Get("name"))
	s.afterAction(w, r, err, "/admin/departments", "Renamed to "+f.Get("name")+".")
}

func (s *Server) adminDeleteDepartment(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.People.DeleteDepartment(r.Context(), actorOf(r), pathID(r))
	s.afterAction(w, r, err, "/admin/departments", "Department removed; its people keep their profiles.")
}

type adminPeoplePage struct {
	Layout
	People  []people.Person
	Query   string
	Invite  Form
	PrevURL string
	NextURL string
}

func (s *Server) adminPeoplePage(w http.ResponseWriter, r *http.Request, status int, invite Form) {
	q := r.URL.Query().Get("q")
	at := people.At{After: idParam(r.URL.Query().Get("after")), Before: idParam(r.URL.Query().Get("before"))}
	list, more, err := s.People.List(r.Context(), actorOf(r), q, at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &adminPeoplePage{Layout: adminLayout("People", "people"), People: list, Query: q, Invite: invite}
	p.PrevURL, p.NextURL = peopleCursors(r, list, at, more)
	s.render(w, r, status, "admin/people", p)
}

func (s *Server) adminPeople(w http.ResponseWriter, r *http.Request) {
	if s.requireAdmin(w, r) {
		s.adminPeoplePage(w, r, http.StatusOK, Form{})
	}
}

func (s *Server) adminInvite(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	f := parseForm(w, r)
	if err := s.Auth.InviteToInstance(r.Context(), actorOf(r), f.Get("email")); err != nil {
		if f.Failed(err) {
			s.adminPeoplePage(w, r, statusOf(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/admin/people", "Invitation sent to "+f.Get("email")+".")
}

func (s *Server) adminDisable(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.Auth.SetDisabled(r.Context(), actorOf(r), r.PathValue("handle"), true)
	s.afterAction(w, r, err, "/admin/people", "@"+r.PathValue("handle")+" is disabled and signed out everywhere.")
}

func (s *Server) adminEnable(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.Auth.SetDisabled(r.Context(), actorOf(r), r.PathValue("handle"), false)
	s.afterAction(w, r, err, "/admin/people", "@"+r.PathValue("handle")+" can sign in again.")
}

type proposalsPage struct {
	Layout
	Proposals []community.Listing
}

func (s *Server) adminProposals(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	list, err := s.Communities.Proposals(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin/proposals", &proposalsPage{Layout: adminLayout("Community proposals", "proposals"), Proposals: list})
}

func (s *Server) adminApproveProposal(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.Communities.Decide(r.Context(), actorOf(r), r.PathValue("slug"), true)
	s.afterAction(w, r, err, "/admin/proposals", "Approved: the community is open.")
}

func (s *Server) adminDeclineProposal(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	err := s.Communities.Decide(r.Context(), actorOf(r), r.PathValue("slug"), false)
	s.afterAction(w, r, err, "/admin/proposals", "Declined.")
}

type outboxPage struct {
	Layout
	Messages []notify.OutboxMessage
	PrevURL  string
	NextURL  string
}

func (s *Server) adminOutbox(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	page := pageNumber(r)
	list, more, err := notify.Outbox(r.Context(), s.DB, actorOf(r).Admin, page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &outboxPage{Layout: adminLayout("Outbox", "outbox"), Messages: list}
	if page > 1 {
		p.PrevURL = pageURL(r, page-1)
	}
	if more {
		p.NextURL = pageURL(r, page+1)
	}
	s.render(w, r, http.StatusOK, "admin/outbox", p)
}
