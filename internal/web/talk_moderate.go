package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/errs"
)

// Moderators' actions on a thread: pin, close as a duplicate (and reopen),
// move to another community. Closing and moving ask first: a form chooses
// the original or the community, then a confirmation page says what will
// happen and posts the choice.

func (s *Server) pinThread(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	pinned := f.Get("pinned") != "no"
	msg := "Pinned: it comes first in the community's talk."
	if !pinned {
		msg = "Unpinned."
	}
	s.threadAction(w, r, msg, func(slug string, thread, _ int64) error {
		return s.Talk.SetPinned(r.Context(), actorOf(r), slug, thread, pinned)
	})
}

func (s *Server) reopenThread(w http.ResponseWriter, r *http.Request) {
	s.threadAction(w, r, "The conversation is open again.", func(slug string, thread, _ int64) error {
		return s.Talk.Reopen(r.Context(), actorOf(r), slug, thread)
	})
}

// watchThread sets whether the person watches or mutes a thread.
func (s *Server) watchThread(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), threadID(r)
	t, err := s.Talk.Get(r.Context(), actorOf(r), slug, id)
	if err == nil {
		err = s.Notifier.Watch(r.Context(), actorOf(r).PersonID, conversation.SubjectKind, t.ID, t.Community.ID, f.Get("state"))
	}
	s.afterAction(w, r, err, conversation.ThreadURL(slug, id), watchMessages[f.Get("state")])
}

// moderatePage is the form of a moderator's action on a thread: the
// original it duplicates, or the community to move it to.
type moderatePage struct {
	Layout
	C       community.View
	T       conversation.ThreadView
	Form    Form
	Targets []community.Listing // where it may move
}

func (s *Server) renderModerate(w http.ResponseWriter, r *http.Request, status int, page string, t conversation.ThreadView, f Form, targets []community.Listing) {
	title := "Close as a duplicate"
	if page == "talk/move" {
		title = "Move to another community"
	}
	p := &moderatePage{Layout: communityLayout(t.Community, title, "talk"), C: t.Community, T: t, Form: f, Targets: targets}
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {t.Community.Name, "/c/" + t.Community.Slug},
		{"Talk", talkURL(t.Community.Slug)}, {t.Title, t.URL()}, {title, ""}}
	p.Community = &p.C
	s.render(w, r, status, page, p)
}

// closeThreadForm asks for the original; given one (?original=), it checks
// it and asks to confirm.
func (s *Server) closeThreadForm(w http.ResponseWriter, r *http.Request) {
	slug, id := r.PathValue("slug"), threadID(r)
	ref, given := r.URL.Query().Get("original"), r.URL.Query().Has("original")
	t, err := s.Talk.ModeratedThread(r.Context(), actorOf(r), slug, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := Form{Values: url.Values{"original": {clipRunes(ref, 500)}}}
	if !given {
		s.renderModerate(w, r, http.StatusOK, "talk/close", t, f, nil)
		return
	}
	d, err := s.Talk.ForClosing(r.Context(), actorOf(r), slug, id, ref)
	if err != nil {
		if f.Failed(err) {
			s.renderModerate(w, r, statusOf(err), "talk/close", t, f, nil)
			return
		}
		s.fail(w, r, err)
		return
	}
	original := conversation.ThreadURL(slug, d.Of.ID)
	s.confirm(w, r, &confirmPage{Layout: communityLayout(t.Community, "Close as a duplicate", "talk"), C: t.Community,
		Heading: "Close “" + t.Title + "” as a duplicate of “" + d.Of.Title + "”?",
		Effects: []string{
			"It takes no new replies or answers; what was written stays readable.",
			"It shows “Closed as a duplicate of “" + d.Of.Title + "”” with a link to " + original + ".",
			"Its author hears of it. A moderator can reopen it at any time.",
		},
		Action: t.URL() + "/close", Keep: url.Values{"original": {strconv.FormatInt(d.Of.ID, 10)}}, Button: "Close as a duplicate", Cancel: t.URL()})
}

func (s *Server) closeThread(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), threadID(r)
	err := s.Talk.CloseAsDuplicate(r.Context(), actorOf(r), slug, id, f.Get("original"))
	if errs.Is(err, errs.Invalid) {
		t, terr := s.Talk.ModeratedThread(r.Context(), actorOf(r), slug, id)
		if terr != nil {
			s.fail(w, r, terr)
			return
		}
		f.Failed(err)
		s.renderModerate(w, r, statusOf(err), "talk/close", t, f, nil)
		return
	}
	s.afterAction(w, r, err, conversation.ThreadURL(slug, id), "Closed as a duplicate: it points to the original.")
}

// moveThreadForm lists the communities it may move to; given one (?to=),
// it checks it and asks to confirm.
func (s *Server) moveThreadForm(w http.ResponseWriter, r *http.Request) {
	slug, id := r.PathValue("slug"), threadID(r)
	to, given := r.URL.Query().Get("to"), r.URL.Query().Has("to")
	t, err := s.Talk.ModeratedThread(r.Context(), actorOf(r), slug, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := Form{Values: url.Values{"to": {clipRunes(to, 100)}}}
	if given {
		m, err := s.Talk.ForMoving(r.Context(), actorOf(r), slug, id, to)
		if err == nil {
			s.confirmMove(w, r, m)
			return
		}
		if !f.Failed(err) {
			s.fail(w, r, err)
			return
		}
	}
	targets, err := s.Talk.MoveTargets(r.Context(), actorOf(r), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if f.Errors != nil {
		status = http.StatusUnprocessableEntity
	}
	s.renderModerate(w, r, status, "talk/move", t, f, targets)
}

func (s *Server) confirmMove(w http.ResponseWriter, r *http.Request, m conversation.Move) {
	t := m.ThreadView
	s.confirm(w, r, &confirmPage{Layout: communityLayout(t.Community, "Move to another community", "talk"), C: t.Community,
		Heading: "Move “" + t.Title + "” to " + m.To.Name + "?",
		Effects: []string{
			"It leaves " + t.Community.Name + " for " + m.To.Name + ", with its replies, answers, tags and history.",
			"Whoever may read " + m.To.Name + " may read it; its old address leads to the new one.",
			"It is no longer pinned. Its author hears of the move.",
		},
		Action: t.URL() + "/move", Keep: url.Values{"to": {m.To.Slug}}, Button: "Move to " + m.To.Name, Cancel: t.URL()})
}

func (s *Server) moveThread(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, id := r.PathValue("slug"), threadID(r)
	dest, err := s.Talk.MoveThread(r.Context(), actorOf(r), slug, id, f.Get("to"))
	if errs.Is(err, errs.Invalid) { // the choice went wrong since: the form says why, next to it
		http.Redirect(w, r, conversation.ThreadURL(slug, id)+"/move?to="+url.QueryEscape(f.Get("to")), http.StatusSeeOther)
		return
	}
	s.afterAction(w, r, err, dest, "Moved: it is now in this community.")
}
