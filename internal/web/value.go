package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"hearth/internal/community"
	"hearth/internal/stewardship"
)

// valuePage is /c/{slug}/value: the stories a reader may read and, for
// stewards, where they stand and which hoped-for steps wait for news.
type valuePage struct {
	Layout
	stewardship.StoriesPage
}

func (s *Server) value(w http.ResponseWriter, r *http.Request) {
	p, err := s.Stewardship.Stories(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := &valuePage{Layout: communityLayout(p.C, "Value stories", "value"), StoriesPage: p}
	page.Community = &page.C
	s.render(w, r, http.StatusOK, "community/value", page)
}

// storyPage is one value-creation story.
type storyPage struct {
	Layout
	C     community.View
	Story stewardship.Story
}

func (s *Server) story(w http.ResponseWriter, r *http.Request) {
	st, v, err := s.Stewardship.Story(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &storyPage{Layout: valueCrumbs(v, st.Title), C: v, Story: st}
	p.Community = &p.C
	s.render(w, r, http.StatusOK, "community/value-story", p)
}

// valueCrumbs is the layout of a page under community v's value stories.
func valueCrumbs(v community.View, title string) Layout {
	l := communityLayout(v, title, "value")
	l.Crumbs = []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}, {"Value stories", stewardship.ValueURL(v.Slug)}, {title, ""}}
	return l
}

// storyFormPage is the form to tell a story or edit one.
type storyFormPage struct {
	Layout
	C         community.View
	Story     *stewardship.Story // nil for a new story
	Form      Form
	Cycles    []storyCycle
	Audiences []string
	Action    string
}

// storyCycle is one cycle's part of the form: its field names and question.
type storyCycle struct {
	stewardship.Cycle
	Question                                          string
	Text, Date, Evidence, Status, Strategic, Enabling string
}

// storyCycles are the form's cycles with their field names.
func storyCycles() []storyCycle {
	out := make([]storyCycle, len(stewardship.Cycles))
	for i, c := range stewardship.Cycles {
		f := func(part string) string { return stewardship.FieldName(c.Cycle, part) }
		out[i] = storyCycle{Cycle: c.Cycle, Question: c.Question, Text: f("text"), Date: f("date"), Evidence: f("evidence"),
			Status: f("status"), Strategic: f("strategic"), Enabling: f("enabling")}
	}
	return out
}

func (s *Server) newStoryForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.Stewardship.TellForm(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := Form{Values: url.Values{"audience": {stewardship.AudienceCommunity}}}
	for _, c := range stewardship.Cycles {
		f.Values.Set(stewardship.FieldName(c.Cycle, "status"), stewardship.Realised)
	}
	s.storyForm(w, r, http.StatusOK, v, nil, f)
}

func (s *Server) storyForm(w http.ResponseWriter, r *http.Request, status int, v community.View, st *stewardship.Story, f Form) {
	title, action := "Tell a value story", stewardship.ValueURL(v.Slug)
	if st != nil {
		title, action = "Edit your story", stewardship.StoryURL(v.Slug, st.ID)
	}
	p := &storyFormPage{Layout: valueCrumbs(v, title), C: v, Story: st, Form: f, Cycles: storyCycles(),
		Audiences: stewardship.AllowedAudiences(v.Visibility), Action: action}
	p.Community = &p.C
	s.render(w, r, status, "community/value-form", p)
}

// storyInput reads the story form.
func storyInput(f Form) stewardship.StoryInput {
	in := stewardship.StoryInput{Title: f.Get("title"), Audience: f.Get("audience"), Links: f.Get("links"), Steps: map[stewardship.Cycle]stewardship.StepInput{}}
	for _, c := range stewardship.Cycles {
		get := func(part string) string { return f.Get(stewardship.FieldName(c.Cycle, part)) }
		in.Steps[c.Cycle] = stewardship.StepInput{Text: get("text"), Date: get("date"), Evidence: get("evidence"), Status: get("status"),
			Strategic: get("strategic") == "yes", Enabling: get("enabling") == "yes"}
	}
	return in
}

func (s *Server) tellStory(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	id, err := s.Stewardship.TellStory(r.Context(), actorOf(r), slug, storyInput(f))
	if err != nil {
		if f.Failed(err) {
			v, verr := s.Stewardship.TellForm(r.Context(), actorOf(r), slug)
			if verr == nil {
				s.storyForm(w, r, statusOf(err), v, nil, f)
				return
			}
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, stewardship.StoryURL(slug, id), "Thank you: your story is saved.")
}

func (s *Server) editStoryForm(w http.ResponseWriter, r *http.Request) {
	st, v, err := s.Stewardship.EditForm(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.storyForm(w, r, http.StatusOK, v, &st, Form{Values: storyValues(st)})
}

// storyValues fills the form with story st.
func storyValues(st stewardship.Story) url.Values {
	vals := url.Values{"title": {st.Title}, "audience": {st.Audience}}
	var links []string
	for _, l := range st.Links {
		links = append(links, l.URL)
	}
	vals.Set("links", strings.Join(links, "\n"))
	for _, c := range stewardship.Cycles {
		vals.Set(stewardship.FieldName(c.Cycle, "status"), stewardship.Realised)
	}
	for _, step := range st.Steps {
		set := func(part, value string) { vals.Set(stewardship.FieldName(step.Cycle, part), value) }
		set("text", step.Text)
		set("evidence", strings.Join(step.Evidence, "\n"))
		set("status", step.Status)
		if !step.Date.IsZero() {
			set("date", step.Date.Format(time.DateOnly))
		}
		if step.Strategic {
			set("strategic", "yes")
		}
		if step.Enabling {
			set("enabling", "yes")
		}
	}
	return vals
}

func (s *Server) editStory(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), idParam(r.PathValue("id"))
	err := s.Stewardship.EditStory(r.Context(), actorOf(r), slug, id, storyInput(f))
	if err != nil {
		if f.Failed(err) {
			st, v, verr := s.Stewardship.EditForm(r.Context(), actorOf(r), slug, id)
			if verr == nil {
				s.storyForm(w, r, statusOf(err), v, &st, f)
				return
			}
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, stewardship.StoryURL(slug, id), "Your story is saved.")
}

func (s *Server) confirmDeleteStory(w http.ResponseWriter, r *http.Request) {
	st, v, err := s.Stewardship.EditForm(r.Context(), actorOf(r), r.PathValue("slug"), idParam(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := stewardship.StoryURL(v.Slug, st.ID)
	s.confirm(w, r, &confirmPage{Layout: valueCrumbs(v, "Delete your story"), C: v, Heading: "Delete “" + st.Title + "”?",
		Effects: []string{"The story and its steps are deleted, for everyone.", "This cannot be undone."},
		Action:  u + "/delete", Button: "Delete the story", Cancel: u})
}

func (s *Server) deleteStory(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	err := s.Stewardship.DeleteStory(r.Context(), actorOf(r), slug, idParam(r.PathValue("id")))
	s.afterAction(w, r, err, stewardship.ValueURL(slug), "Your story is deleted.")
}

func (s *Server) hideStory(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), idParam(r.PathValue("id"))
	hide := f.Get("hidden") == "yes"
	err := s.Stewardship.HideStory(r.Context(), actorOf(r), slug, id, hide)
	msg := "The story is shown again to its readers."
	if hide {
		msg = "The story is hidden: only its author and the stewards see it."
	}
	s.afterAction(w, r, err, stewardship.StoryURL(slug, id), msg)
}

func (s *Server) nudgeStep(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	err := s.Stewardship.Nudge(r.Context(), actorOf(r), slug, idParam(r.PathValue("step")))
	s.afterAction(w, r, err, stewardship.ValueURL(slug)+"#follow-up", "The author is asked how it went.")
}

// helpValue explains the value-creation framework behind the stories.
func (s *Server) helpValue(w http.ResponseWriter, r *http.Request) {
	p := &valueHelp{Layout: Layout{Title: "Value-creation stories", Crumbs: []Crumb{{"Communities", "/communities"}, {"Value stories", ""}}},
		Cycles: storyCycles(), FollowUpDays: int(stewardship.FollowUpAfter.Hours() / 24), NudgeDays: int(stewardship.NudgeEvery.Hours() / 24),
		MaxEvidence: stewardship.MaxEvidence, MaxLinks: stewardship.MaxStoryLinks}
	s.render(w, r, http.StatusOK, "help/value", p)
}

// valueHelp is the help page's rules, the ones that count.
type valueHelp struct {
	Layout
	Cycles                                         []storyCycle
	FollowUpDays, NudgeDays, MaxEvidence, MaxLinks int
}

// audienceWords says who reads a story told to audience.
func audienceWords(audience string) string {
	switch audience {
	case stewardship.AudiencePublic:
		return "Everyone, signed in or not"
	case stewardship.AudienceInstitution:
		return "Everyone signed in to this site"
	}
	return "This community's members"
}
