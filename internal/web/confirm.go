package web

import (
	"net/http"
	"net/url"

	"hearth/internal/community"
)

// confirmPage asks before a destructive action: it says what will happen,
// and its one form posts to the action. It works without JavaScript.
type confirmPage struct {
	Layout
	C       community.View
	Heading string
	Effects []string   // what will happen, one consequence a line
	Action  string     // where the form posts
	Keep    url.Values // what the form posts: the choices made before asking
	Button  string     // the danger button's label
	Cancel  string     // back to where the person came from
}

func (s *Server) confirm(w http.ResponseWriter, r *http.Request, p *confirmPage) {
	if p.C.Slug != "" {
		p.Community = &p.C
	}
	p.OwnH1 = true // the question is the page's heading
	s.render(w, r, http.StatusOK, "confirm", p)
}

// confirmRemoveMember asks a steward before removing a member.
func (s *Server) confirmRemoveMember(w http.ResponseWriter, r *http.Request) {
	v, m, err := s.Communities.ManagedMember(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("handle"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back := "/c/" + v.Slug + "/members"
	s.confirm(w, r, &confirmPage{Layout: communityLayout(v, "Remove "+m.Name, "members"), C: v,
		Heading: "Remove " + m.Name + " from " + v.Name + "?",
		Effects: []string{
			m.Name + " (@" + m.Handle + ") stops being a member: they no longer take part or hear of what happens here.",
			"What they wrote stays in the community, under their name.",
			"They can ask to join again, or you can invite them.",
		},
		Action: "/c/" + v.Slug + "/members/" + m.Handle + "/remove", Button: "Remove " + m.Name, Cancel: back})
}

// confirmArchive asks a steward before archiving the community.
func (s *Server) confirmArchive(w http.ResponseWriter, r *http.Request) {
	v, err := s.Communities.ForSettings(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !v.CanArchive() || v.Archived() {
		s.notFound(w, r)
		return
	}
	s.confirm(w, r, &confirmPage{Layout: communityLayout(v, "Archive", "settings"), C: v,
		Heading: "Archive " + v.Name + "?",
		Effects: []string{
			"Everything stays readable: the charter, the library and the talk.",
			"Nothing changes any more: no new entries, comments, replies or members.",
			"A steward can bring the community back at any time.",
		},
		Action: "/c/" + v.Slug + "/archive", Button: "Archive the community", Cancel: "/c/" + v.Slug + "/settings"})
}

// confirmDeleteComment asks the author before deleting their comment.
func (s *Server) confirmDeleteComment(w http.ResponseWriter, r *http.Request) {
	ev, c, err := s.Practice.CommentToDelete(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("entry"), commentID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := ev.Community
	back := entryURL(v.Slug, ev.Slug)
	s.confirm(w, r, &confirmPage{Layout: communityLayout(v, "Delete your comment", "practice"), C: v,
		Heading: "Delete your comment on “" + ev.Title + "”?",
		Effects: []string{
			"Its text is gone for good: “" + clipRunes(c.Body, 160) + "”",
			"A note that a comment was removed keeps the conversation readable.",
		},
		Action: back + "/comments/" + r.PathValue("id") + "/delete", Button: "Delete the comment", Cancel: back + "#comment-" + r.PathValue("id")})
}

// confirmDisable asks an administrator before disabling a person.
func (s *Server) confirmDisable(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	p, err := s.People.Profile(r.Context(), actorOf(r), r.PathValue("handle"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Disabled || p.Handle == actorOf(r).Handle {
		s.notFound(w, r)
		return
	}
	s.confirm(w, r, &confirmPage{Layout: adminLayout("Disable "+p.Name, "people"),
		Heading: "Disable " + p.Name + "?",
		Effects: []string{
			p.Name + " (@" + p.Handle + ") is signed out everywhere and cannot sign in.",
			"Their profile is hidden from everyone but administrators; what they wrote stays.",
			"You can enable them again from the list of people.",
		},
		Action: "/admin/people/" + p.Handle + "/disable", Button: "Disable " + p.Name, Cancel: "/admin/people"})
}
