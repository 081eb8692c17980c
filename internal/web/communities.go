package web

import (
	"hearth/internal/activity"
	"html/template"
	"net/http"
	"net/url"

	"hearth/internal/community"
	"hearth/internal/people"
	"hearth/internal/practice"
)

// directoryPage lists the communities the reader may see, with filters.
type directoryPage struct {
	Layout
	community.DirectoryPage
	Filter            community.Filter
	TagOptions        []option // the filters' choices, the one in force selected
	StageOptions      []option
	DepartmentOptions []option
	PrevURL           string
	NextURL           string
	Cards             []template.HTML // the communities' cards, rendered
}

// option is one choice of a <select>. Building the choices in Go, rather than
// comparing each with the current value in the template, keeps the busiest
// page cheap to render.
type option struct {
	Value, Label string
	Selected     bool
}

func (s *Server) directory(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := community.Filter{Tag: q.Get("tag"), Stage: community.Stage(q.Get("stage")), Department: q.Get("department"), Page: pageNumber(r)}
	list, err := s.Communities.Directory(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	depts, err := s.People.Departments(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &directoryPage{Layout: Layout{Title: "Communities"}, DirectoryPage: list, Filter: f}
	for _, t := range list.Tags {
		p.TagOptions = append(p.TagOptions, option{t.Tag, t.Tag + " (" + itoa(t.Count) + ")", t.Tag == f.Tag})
	}
	for _, st := range community.Stages {
		p.StageOptions = append(p.StageOptions, option{string(st.Stage), st.Words, st.Stage == f.Stage})
	}
	for _, d := range depts {
		p.DepartmentOptions = append(p.DepartmentOptions, option{d.Slug, d.Name, d.Slug == f.Department})
	}
	if f.Page > 1 {
		p.PrevURL = pageURL(r, f.Page-1)
	}
	if list.More {
		p.NextURL = pageURL(r, f.Page+1)
	}
	if p.Cards, err = s.communityCards(list.Communities); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "community/directory", p)
}

// pageURL is the current URL with ?page= set to n.
func pageURL(r *http.Request, n int) string {
	q := r.URL.Query()
	q.Set("page", itoa(n))
	return r.URL.Path + "?" + q.Encode()
}

// charterPage is the form to start a community or edit its charter.
type charterPage struct {
	Layout
	Form             Form
	ApprovalRequired bool
	DraftFields      []draftField // what was typed, for "send the confirmation again"
}

// draftField is one typed value carried in a hidden input.
type draftField struct{ Name, Value string }

func (s *Server) newCommunityForm(w http.ResponseWriter, r *http.Request) {
	if !actorOf(r).SignedIn() {
		http.Redirect(w, r, "/signin?next=/communities/new", http.StatusSeeOther)
		return
	}
	f := Form{Values: url.Values{"visibility": {"public"}, "join_policy": {"open"}}}
	// A draft carried through the confirmation link (see draftURL) fills the form again.
	for _, name := range charterFields {
		if v := r.URL.Query().Get(name); v != "" {
			f.Values.Set(name, v)
		}
	}
	s.renderNewCommunity(w, r, http.StatusOK, f)
}

// charterFields are the start-a-community form's fields.
var charterFields = []string{"name", "slug", "purpose", "scope", "key_questions", "who_should_join", "tags", "visibility", "join_policy"}

// draftURL is the start-a-community form's address with what was typed in
// it, for the confirmation link to bring a person back to their draft.
func draftURL(f Form) string {
	q := url.Values{}
	for _, name := range charterFields {
		if v := f.Get(name); v != "" {
			q.Set(name, v)
		}
	}
	if len(q) == 0 {
		return "/communities/new"
	}
	return "/communities/new?" + q.Encode()
}

// renderNewCommunity shows the start-a-community form. A person whose
// address is not confirmed is told so above it (starting a community needs
// it), with a button that sends the link again and keeps the draft.
func (s *Server) renderNewCommunity(w http.ResponseWriter, r *http.Request, status int, f Form) {
	st, err := s.instanceSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := actorOf(r)
	p := &charterPage{Layout: Layout{Title: "Start a community", OwnVerifyNotice: !a.Verified}, Form: f,
		ApprovalRequired: st.ApprovalRequired && !a.Admin}
	if r.Method == http.MethodPost {
		for _, name := range charterFields {
			if v := f.Get(name); v != "" {
				p.DraftFields = append(p.DraftFields, draftField{name, v})
			}
		}
	}
	s.render(w, r, status, "community/new", p)
}

func charterFrom(f Form) community.Charter {
	return community.Charter{Name: f.Get("name"), Slug: f.Get("slug"), Purpose: f.Get("purpose"), Scope: f.Get("scope"),
		KeyQuestions: f.Get("key_questions"), WhoShouldJoin: f.Get("who_should_join"), Tags: f.Get("tags"),
		Visibility: community.Visibility(f.Get("visibility")), JoinPolicy: community.JoinPolicy(f.Get("join_policy"))}
}

func (s *Server) createCommunity(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	c, err := s.Communities.Create(r.Context(), actorOf(r), charterFrom(f))
	if err != nil {
		if f.Failed(err) {
			s.renderNewCommunity(w, r, statusOf(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	msg := "Your community is open. Invite the first members below, and tell people what it is for."
	if c.Status == community.Proposed {
		msg = "Your proposal is with the administrators. You will see the community here once they approve it."
	}
	s.redirect(w, r, "/c/"+c.Slug, msg)
}

// communityPage is a community's home, charter and settings pages.
type communityPage struct {
	Layout
	C        community.View
	Stewards []community.Member
	Form     Form
	Recent   []activity.Activity // the home's "recent in this community"
	Watch    string              // the reader's watch state for it
	Invite   invitePanel         // a steward's invitation form
	// Mine is the reader's participation, when they are an active member.
	Mine      people.Participant
	HasLevel  bool
	Checklist people.Checklist // a newcomer\'s first steps
	Newcomer  bool
}

// loadCommunity fetches the community of the request's {slug} for the reader,
// answering the error page itself when it cannot.
func (s *Server) loadCommunity(w http.ResponseWriter, r *http.Request, tab string) (*communityPage, bool) {
	v, err := s.Communities.Get(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return s.communityPage(v, tab), true
}

// communityPage is the page data of community v under one tab.
func (s *Server) communityPage(v community.View, tab string) *communityPage {
	p := &communityPage{Layout: Layout{Title: v.Name, Tab: tab, Crumbs: []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}}}, C: v}
	p.Community = &p.C
	if practice.HasFeed(v.Community) {
		p.FeedURL = feedURL(v.Slug)
	}
	return p
}

// recentShown is how much of a community's activity its home shows.
const recentShown = 10

func (s *Server) communityHome(w http.ResponseWriter, r *http.Request) {
	s.communityHomePage(w, r, http.StatusOK, invitePanel{})
}

// communityHomePage renders the community's home with status; its stewards
// see the invitation form (holding what they sent, when it comes back).
func (s *Server) communityHomePage(w http.ResponseWriter, r *http.Request, status int, invite invitePanel) {
	p, ok := s.loadCommunity(w, r, "home")
	if !ok {
		return
	}
	p.Invite = invite
	var err error
	if p.Stewards, err = s.Communities.Stewards(r.Context(), p.C); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.C.CanRead() {
		if p.Recent, err = s.Communities.Activity(r.Context(), p.C, 0, recentShown); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if p.C.IsMember() {
		if p.Watch, err = s.Notifier.WatchState(r.Context(), actorOf(r).PersonID, "community", p.C.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if p.Mine, p.HasLevel, err = s.People.MyParticipation(r.Context(), actorOf(r), p.C); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Checklist, p.Newcomer, err = s.People.MyChecklist(r.Context(), actorOf(r), p.C); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "community/home", p)
}

func (s *Server) charter(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadCommunity(w, r, "charter")
	if !ok {
		return
	}
	p.Title = "Charter · " + p.C.Name
	// A newcomer's first step; a failure to note it does not stop the reading.
	if err := s.People.MarkStep(r.Context(), actorOf(r), p.C, people.StepCharter); err != nil {
		s.Logger.Warn("note the charter read", "err", err)
	}
	s.render(w, r, http.StatusOK, "community/charter", p)
}
