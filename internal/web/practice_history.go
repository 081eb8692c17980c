package web

import (
	"net/http"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/practice"
	"hearth/internal/revision"
)

// historyPage lists an entry's revisions, with a form to compare any two.
type historyPage struct {
	Layout
	C         community.View
	E         practice.EntryView
	Revisions []revision.Revision
	PrevURL   string
	NextURL   string
}

func entryCrumbs(ev practice.EntryView, last string) []Crumb {
	c := ev.Community
	return []Crumb{{"Communities", "/communities"}, {c.Name, "/c/" + c.Slug}, {"Practice", "/c/" + c.Slug + "/practice"},
		{ev.Title, entryURL(c.Slug, ev.Slug)}, {last, ""}}
}

func (s *Server) entryHistory(w http.ResponseWriter, r *http.Request) {
	page := pageNumber(r)
	ev, revs, more, err := s.Practice.History(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("entry"), page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &historyPage{Layout: communityLayout(ev.Community, "History of "+ev.Title, "practice"), C: ev.Community, E: ev, Revisions: revs}
	p.Crumbs = entryCrumbs(ev, "History")
	p.Community = &p.C
	if page > 1 {
		p.PrevURL = pageURL(r, page-1)
	}
	if more {
		p.NextURL = pageURL(r, page+1)
	}
	s.render(w, r, http.StatusOK, "practice/history", p)
}

// diffPage shows what changed between two revisions, word by word.
type diffPage struct {
	Layout
	C        community.View
	E        practice.EntryView
	From, To revision.Revision
	Diff     revision.SnapshotDiff
	Added    int
	Removed  int
}

func (s *Server) entryDiff(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, _ := strconv.Atoi(q.Get("from"))
	to, _ := strconv.Atoi(q.Get("to"))
	ev, old, cur, d, err := s.Practice.Compare(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("entry"), from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &diffPage{Layout: communityLayout(ev.Community, "Changes to "+ev.Title, "practice"), C: ev.Community, E: ev, From: old, To: cur, Diff: d}
	p.Crumbs = entryCrumbs(ev, "Changes")
	p.Community = &p.C
	p.Added, p.Removed = revision.Stats(d.AllChunks())
	s.render(w, r, http.StatusOK, "practice/diff", p)
}

func (s *Server) revertEntry(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, entrySlug := r.PathValue("slug"), r.PathValue("entry")
	n, _ := strconv.Atoi(f.Get("revision"))
	e, err := s.Practice.Revert(r.Context(), actorOf(r), slug, entrySlug, n)
	s.afterAction(w, r, err, entryURL(slug, entrySlug), "Restored revision "+strconv.Itoa(n)+" as revision "+strconv.Itoa(e.Revision)+".")
}
