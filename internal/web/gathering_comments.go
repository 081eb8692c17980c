package web

import (
	"net/http"
	"strconv"

	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// A gathering's comments: one conversation for all its dates, shown on
// each date's page.

func (s *Server) addGatheringComment(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	slug, id := r.PathValue("slug"), gatheringID(r)
	cid, err := s.Gatherings.AddComment(r.Context(), actorOf(r), slug, id, f.Get("body"))
	if errs.Is(err, errs.Invalid) {
		f.Failed(err)
		s.showOccurrence(w, r, 0, statusOf(err), occurrenceForms{Comment: f})
		return
	}
	if err != nil {
		s.afterAction(w, r, err, gathering.URL(slug, id), "")
		return
	}
	s.redirect(w, r, gathering.CommentURL(slug, id, cid), "Your comment is posted.")
}

func gatheringCommentID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	return n
}

func (s *Server) editGatheringComment(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	slug, id, cid := r.PathValue("slug"), gatheringID(r), gatheringCommentID(r)
	err := s.Gatherings.EditComment(r.Context(), actorOf(r), slug, id, cid, f.Get("body"))
	s.afterAction(w, r, err, gathering.CommentURL(slug, id, cid), "Your comment is saved.")
}

func (s *Server) confirmDeleteGatheringComment(w http.ResponseWriter, r *http.Request) {
	g, c, err := s.Gatherings.CommentToDelete(r.Context(), actorOf(r), r.PathValue("slug"), gatheringID(r), gatheringCommentID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.confirm(w, r, &confirmPage{Layout: communityLayout(g.Community, "Delete your comment", "gatherings"), C: g.Community,
		Heading: "Delete your comment on “" + g.Title + "”?",
		Effects: []string{"Its text is gone for good: “" + clipRunes(c.Body, 160) + "”",
			"A note that a comment was removed keeps the conversation readable."},
		Action: g.URL() + "/comments/" + strconv.FormatInt(c.ID, 10) + "/delete", Button: "Delete the comment",
		Cancel: gathering.CommentURL(g.Community.Slug, g.ID, c.ID)})
}

func (s *Server) deleteGatheringComment(w http.ResponseWriter, r *http.Request) {
	slug, id := r.PathValue("slug"), gatheringID(r)
	err := s.Gatherings.DeleteComment(r.Context(), actorOf(r), slug, id, gatheringCommentID(r))
	s.afterAction(w, r, err, gathering.URL(slug, id)+"#comments-h", "Your comment is deleted.")
}

func (s *Server) hideGatheringComment(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	hidden := f.Get("hidden") != "no"
	msg := "The comment is hidden from the community."
	if !hidden {
		msg = "The comment is shown again."
	}
	slug, id, cid := r.PathValue("slug"), gatheringID(r), gatheringCommentID(r)
	err := s.Gatherings.SetCommentHidden(r.Context(), actorOf(r), slug, id, cid, hidden)
	s.afterAction(w, r, err, gathering.CommentURL(slug, id, cid), msg)
}
