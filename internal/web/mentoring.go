package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/community"
	"hearth/internal/people"
)

// mentoringPage is /c/{slug}/mentoring: offers, the reader's requests and
// mentorships, the forms to offer and to ask; for stewards, everyone's.
type mentoringPage struct {
	Layout
	people.MentoringOverview
	OfferForm  Form
	AskForm    Form
	Levels     []people.Level
	MaxMentees int
	NextURL    string
}

// mentoringURL is the mentoring page of community slug.
func mentoringURL(slug string) string { return "/c/" + slug + "/mentoring" }

func (s *Server) mentoring(w http.ResponseWriter, r *http.Request) {
	s.mentoringPage(w, r, http.StatusOK, Form{}, Form{})
}

// mentoringPage renders the overview with status, its forms holding what
// was typed into them.
func (s *Server) mentoringPage(w http.ResponseWriter, r *http.Request, status int, offer, ask Form) {
	o, err := s.People.Mentoring(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.URL.Query().Get("after")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &mentoringPage{Layout: communityLayout(o.C, "Mentoring", "members"), MentoringOverview: o, OfferForm: offer, AskForm: ask,
		Levels: []people.Level{people.Practising, people.Expert}, MaxMentees: people.MaxMentees}
	p.Community = &p.C
	if offer.Values == nil {
		p.OfferForm.Values = url.Values{"level": {string(people.Practising)}, "capacity": {"1"}}
		if m := o.MyOffer; m != nil {
			p.OfferForm.Values = url.Values{"topics": {strings.Join(m.Topics, ", ")}, "level": {string(m.Level)}, "capacity": {strconv.Itoa(m.Capacity)}, "note": {m.Note}}
		}
	}
	if ask.Values == nil {
		p.AskForm.Values = url.Values{"topics": {r.URL.Query().Get("topics")}}
	}
	p.AskForm.IDs = map[string]string{"topics": "f-ask-topics"} // the offer's form has a "topics" too
	if o.AllNextID != 0 {
		p.NextURL = mentoringURL(o.C.Slug) + "?after=" + strconv.FormatInt(o.AllNextID, 10)
	}
	s.render(w, r, status, "community/mentoring", p)
}

func (s *Server) saveOffer(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	capacity, _ := strconv.Atoi(f.Get("capacity"))
	err := s.People.SaveOffer(r.Context(), actorOf(r), r.PathValue("slug"), people.OfferInput{Topics: f.Get("topics"), Level: f.Get("level"),
		Capacity: capacity, Note: f.Get("note")})
	if err != nil {
		if f.Failed(err) {
			s.mentoringPage(w, r, statusOf(err), f, Form{})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, mentoringURL(r.PathValue("slug")), "Thank you: your offer to mentor is saved.")
}

func (s *Server) pauseOffer(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	paused := f.Get("paused") == "yes"
	if err := s.People.PauseOffer(r.Context(), actorOf(r), r.PathValue("slug"), paused); err != nil {
		s.fail(w, r, err)
		return
	}
	msg := "Your offer is open again."
	if paused {
		msg = "Your offer is paused: you are not suggested to anyone new; mentorships under way go on."
	}
	s.redirect(w, r, mentoringURL(r.PathValue("slug")), msg)
}

func (s *Server) withdrawOffer(w http.ResponseWriter, r *http.Request) {
	if err := s.People.WithdrawOffer(r.Context(), actorOf(r), r.PathValue("slug")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, mentoringURL(r.PathValue("slug")), "Your offer to mentor is withdrawn; mentorships under way go on.")
}

func (s *Server) askForMentor(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	id, err := s.People.AskForMentor(r.Context(), actorOf(r), r.PathValue("slug"), people.RequestInput{Topics: f.Get("topics"), Goal: f.Get("goal")})
	if err != nil {
		if f.Failed(err) {
			s.mentoringPage(w, r, statusOf(err), Form{}, f)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, requestURL(r.PathValue("slug"), id), "Your request is saved: choose a mentor below.")
}

// requestURL is the page of request id: the mentors suggested for it.
func requestURL(slug string, id int64) string {
	return mentoringURL(slug) + "/requests/" + strconv.FormatInt(id, 10)
}

func (s *Server) withdrawRequest(w http.ResponseWriter, r *http.Request) {
	if err := s.People.WithdrawRequest(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id"))); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, mentoringURL(r.PathValue("slug")), "Your request is withdrawn.")
}

// mentorRequestPage is a request with the mentors suggested for it.
type mentorRequestPage struct {
	Layout
	C           community.View
	Request     people.MentorRequest
	Suggestions []people.MentorMatch
	Proposed    []people.Mentorship
	Form        Form
}

func (s *Server) mentorRequest(w http.ResponseWriter, r *http.Request) {
	s.mentorRequestPage(w, r, http.StatusOK, Form{})
}

func (s *Server) mentorRequestPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	v, req, list, proposed, err := s.People.MentorRequestPage(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &mentorRequestPage{Layout: communityLayout(v, "A request for a mentor", "members"), C: v, Request: req, Suggestions: list, Proposed: proposed, Form: f}
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}, {"Mentoring", mentoringURL(v.Slug)}, {"A request for a mentor", ""}}
	p.Community = &p.C
	s.render(w, r, status, "community/mentor-request", p)
}

func (s *Server) proposeMentorship(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	id, err := s.People.ProposeMentorship(r.Context(), actorOf(r), slug, idParam(r.PathValue("id")), f.Get("mentor"))
	if err != nil {
		if f.Failed(err) {
			s.mentorRequestPage(w, r, statusOf(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, people.MentorshipURL(slug, id), "Proposed: the mentor is told, and answers here.")
}

// mentorshipPage is a mentorship: its pair, goals, check-ins and end.
type mentorshipPage struct {
	Layout
	C           community.View
	M           people.Mentorship
	GoalsForm   Form
	CheckInForm Form
	EndForm     Form
	Today       string
}

func (s *Server) mentorship(w http.ResponseWriter, r *http.Request) {
	s.mentorshipPage(w, r, http.StatusOK, "", Form{})
}

// mentorshipPage renders the mentorship with status; the form named which
// ("goals", "checkin", "end") holds f.
func (s *Server) mentorshipPage(w http.ResponseWriter, r *http.Request, status int, which string, f Form) {
	v, m, err := s.People.MentorshipPage(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &mentorshipPage{Layout: communityLayout(v, "Mentoring: "+m.MentorName+" and "+m.MenteeName, "members"), C: v, M: m,
		GoalsForm: Form{Values: url.Values{"goals": {m.Goals}}}, Today: time.Now().UTC().Format(time.DateOnly)}
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}, {"Mentoring", mentoringURL(v.Slug)}, {m.MentorName + " and " + m.MenteeName, ""}}
	p.Community = &p.C
	p.CheckInForm.Values = url.Values{"date": {p.Today}}
	reflection := m.MenteeReflection
	if m.IsMentor {
		reflection = m.MentorReflection
	}
	p.EndForm.Values = url.Values{"reflection": {reflection}}
	switch which {
	case "goals":
		p.GoalsForm = f
	case "checkin":
		p.CheckInForm = f
	case "end":
		p.EndForm = f
	}
	s.render(w, r, status, "community/mentorship", p)
}

// mentorshipWrite is the handler of a POST on a mentorship: it runs do with
// the form, shows the form named which again on a person's mistake, and
// otherwise goes back to the mentorship with msg.
func (s *Server) mentorshipWrite(which, msg string, do func(r *http.Request, slug string, id int64, f Form) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := parseForm(w, r)
		slug, id := r.PathValue("slug"), idParam(r.PathValue("id"))
		if err := do(r, slug, id, f); err != nil {
			if which != "" && f.Failed(err) {
				s.mentorshipPage(w, r, statusOf(err), which, f)
				return
			}
			s.fail(w, r, err)
			return
		}
		s.redirect(w, r, people.MentorshipURL(slug, id), msg)
	}
}

func (s *Server) acceptMentorship() http.HandlerFunc {
	return s.mentorshipWrite("", "You are mentoring now: agree your goals together below.", func(r *http.Request, slug string, id int64, _ Form) error {
		return s.People.AnswerMentorship(r.Context(), actorOf(r), slug, id, true)
	})
}

func (s *Server) declineMentorship() http.HandlerFunc {
	return s.mentorshipWrite("", "Declined: the mentee is told, and may ask someone else.", func(r *http.Request, slug string, id int64, _ Form) error {
		return s.People.AnswerMentorship(r.Context(), actorOf(r), slug, id, false)
	})
}

func (s *Server) setMentorshipGoals() http.HandlerFunc {
	return s.mentorshipWrite("goals", "The goals are saved.", func(r *http.Request, slug string, id int64, f Form) error {
		return s.People.SetGoals(r.Context(), actorOf(r), slug, id, f.Get("goals"))
	})
}

func (s *Server) addMentorshipCheckIn() http.HandlerFunc {
	return s.mentorshipWrite("checkin", "The check-in is noted.", func(r *http.Request, slug string, id int64, f Form) error {
		return s.People.AddCheckIn(r.Context(), actorOf(r), slug, id, f.Get("date"), f.Get("note"))
	})
}

func (s *Server) endMentorship() http.HandlerFunc {
	return s.mentorshipWrite("end", "Your reflection is saved.", func(r *http.Request, slug string, id int64, f Form) error {
		return s.People.EndMentorship(r.Context(), actorOf(r), slug, id, f.Get("reflection"))
	})
}

// helpMentoring explains how mentors are suggested, and who sees what.
func (s *Server) helpMentoring(w http.ResponseWriter, r *http.Request) {
	p := &mentoringHelp{Layout: Layout{Title: "Mentoring", Crumbs: []Crumb{{"Communities", "/communities"}, {"Mentoring", ""}}},
		MaxMentees: people.MaxMentees, Suggested: people.SuggestedMentors, Proposals: people.MaxProposals}
	s.render(w, r, http.StatusOK, "help/mentoring", p)
}

// mentoringHelp is the help page's figures.
type mentoringHelp struct {
	Layout
	MaxMentees, Suggested, Proposals int
}
