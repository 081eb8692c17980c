package web

import (
	"net/http"
	"strconv"
	"strings"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// entryAction runs a POST about one entry and returns to it.
func (s *Server) entryAction(w http.ResponseWriter, r *http.Request, okMsg string, act func(slug, entry string) error) {
	slug, entrySlug := r.PathValue("slug"), r.PathValue("entry")
	s.afterAction(w, r, act(slug, entrySlug), entryURL(slug, entrySlug), okMsg)
}

var maturityMessages = map[practice.Maturity]string{
	practice.Draft:     "Back to draft: only the authors and the stewards see it now.",
	practice.Published: "Published: the community can read it now.",
	practice.Reviewed:  "Thank you for reviewing it: it is marked reviewed.",
	practice.Endorsed:  "Endorsed as the community's practice.",
}

func (s *Server) setEntryMaturity(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	to := practice.Maturity(f.Get("maturity"))
	s.entryAction(w, r, maturityMessages[to], func(slug, entry string) error {
		return s.Practice.SetMaturity(r.Context(), actorOf(r), slug, entry, to)
	})
}

func (s *Server) verifyEntry(w http.ResponseWriter, r *http.Request) {
	s.entryAction(w, r, "Thank you: the entry is marked as still accurate.", func(slug, entry string) error {
		return s.Practice.Verify(r.Context(), actorOf(r), slug, entry)
	})
}

func (s *Server) markHelpful(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	helped := f.Get("helped") != "no"
	msg := "Thank you: the authors will be glad it helped."
	if !helped {
		msg = "Withdrawn."
	}
	if !actorOf(r).SignedIn() {
		http.Redirect(w, r, "/signin?next="+entryURL(r.PathValue("slug"), r.PathValue("entry")), http.StatusSeeOther)
		return
	}
	s.entryAction(w, r, msg, func(slug, entry string) error {
		return s.Practice.MarkHelpful(r.Context(), actorOf(r), slug, entry, helped)
	})
}

func (s *Server) setCommentsOpen(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	open := f.Get("open") == "yes"
	msg := "Comments are closed."
	if open {
		msg = "Comments are open."
	}
	s.entryAction(w, r, msg, func(slug, entry string) error {
		return s.Practice.SetCommentsOpen(r.Context(), actorOf(r), slug, entry, open)
	})
}

func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	slug, entrySlug := r.PathValue("slug"), r.PathValue("entry")
	id, err := s.Practice.AddComment(r.Context(), actorOf(r), slug, entrySlug, f.Get("body"))
	if errs.Is(err, errs.Invalid) {
		f.Failed(err)
		s.entryPage(w, r, statusOf(err), f)
		return
	}
	if err != nil {
		s.afterAction(w, r, err, entryURL(slug, entrySlug), "")
		return
	}
	s.redirect(w, r, commentURL(slug, entrySlug, id), "Your comment is posted.")
}

func commentID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}

func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	slug, entrySlug := r.PathValue("slug"), r.PathValue("entry")
	err := s.Practice.EditComment(r.Context(), actorOf(r), slug, entrySlug, commentID(r), f.Get("body"))
	s.afterAction(w, r, err, commentURL(slug, entrySlug, commentID(r)), "Your comment is saved.")
}

func (s *Server) deleteComment(w http.ResponseWriter, r *http.Request) {
	s.entryAction(w, r, "Your comment is deleted.", func(slug, entry string) error {
		return s.Practice.DeleteComment(r.Context(), actorOf(r), slug, entry, commentID(r))
	})
}

func (s *Server) hideComment(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	hidden := f.Get("hidden") != "no"
	msg := "The comment is hidden from the community."
	if !hidden {
		msg = "The comment is shown again."
	}
	s.entryAction(w, r, msg, func(slug, entry string) error {
		return s.Practice.SetCommentHidden(r.Context(), actorOf(r), slug, entry, commentID(r), hidden)
	})
}

func (s *Server) collectEntry(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	collection := r.PathValue("collection")
	var err error
	msg := "Added to the collection."
	slug, entrySlug := r.PathValue("slug"), f.Get("entry")
	switch f.Get("do") {
	case "remove":
		msg = "Removed from the collection."
		err = s.Practice.RemoveFromCollection(r.Context(), actorOf(r), slug, collection, entrySlug)
	case "up", "down":
		msg = ""
		err = s.Practice.MoveInCollection(r.Context(), actorOf(r), slug, collection, entrySlug, f.Get("do") == "up")
	default:
		err = s.Practice.AddToCollection(r.Context(), actorOf(r), slug, collection, entrySlug)
	}
	back := f.Get("back")
	if back != entryURL(slug, entrySlug) {
		back = "/c/" + slug + "/practice"
	}
	s.afterAction(w, r, err, back, msg)
}

func (s *Server) createCollection(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	_, err := s.Practice.CreateCollection(r.Context(), actorOf(r), slug, practice.CollectionInput{Title: f.Get("title"), Description: f.Get("description")})
	s.afterAction(w, r, err, "/c/"+slug+"/practice", "Collection created. Add entries to it from their pages.")
}

func (s *Server) updatePracticeSettings(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	days, _ := strconv.Atoi(f.Get("stale_after_days"))
	review := -1 // the service says what is wrong with what is not a number
	if t := strings.TrimSpace(f.Get("review_after_days")); t == "" {
		review = community.DefaultPracticeSettings().ReviewAfterDays
		if v, err := s.Communities.Get(r.Context(), actorOf(r), slug); err == nil {
			review = v.Practice.ReviewAfterDays // a form without the field leaves it as it is
		}
	} else if n, err := strconv.Atoi(t); err == nil {
		review = n
	}
	err := s.Communities.UpdatePracticeSettings(r.Context(), actorOf(r), slug, community.PracticeSettings{Writers: f.Get("practice_writers"),
		Editors: f.Get("practice_editors"), Comments: f.Get("comments_default"), StaleAfterDays: days, ReviewAfterDays: review})
	s.afterAction(w, r, err, "/c/"+slug+"/settings", "The practice library settings are saved.")
}

func (s *Server) updateGatheringSettings(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	err := s.Communities.UpdateGatheringSchedulers(r.Context(), actorOf(r), slug, f.Get("gathering_schedulers"))
	s.afterAction(w, r, err, "/c/"+slug+"/settings", "The gatherings settings are saved.")
}
