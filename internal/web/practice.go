package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/stewardship"
)

// libraryPage is a community's practice library: filters, entries, collections.
type libraryPage struct {
	Layout
	C           community.View
	Entries     []practice.Entry
	Cards       template.HTML // Entries rendered (see entryCards)
	Filter      practice.Filter
	Collections []practice.Collection
	PrevURL     string
	NextURL     string
	Filtered    bool
}

func (s *Server) library(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := practice.Filter{Kind: practice.Kind(q.Get("kind")), Maturity: practice.Maturity(q.Get("maturity")), Tag: q.Get("tag"),
		Author: q.Get("author"), Stale: q.Get("stale") == "1", Before: idParam(q.Get("before")), After: idParam(q.Get("after"))}
	v, list, more, err := s.Practice.List(r.Context(), actorOf(r), r.PathValue("slug"), f)
	if err == nil && f.After != 0 && !more {
		// Fewer than a page are newer: show the first page, as it is.
		f.After = 0
		v, list, more, err = s.Practice.List(r.Context(), actorOf(r), r.PathValue("slug"), f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &libraryPage{Layout: communityLayout(v, "Practice", "practice"), C: v, Entries: list, Filter: f,
		Filtered: f.Kind != "" || f.Maturity != "" || f.Tag != "" || f.Author != "" || f.Stale}
	p.Community = &p.C
	first := f.Before == 0 && f.After == 0
	if first && !p.Filtered {
		if p.Collections, err = s.Practice.Collections(r.Context(), v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	// Keyset pages: older entries Before the last one shown, newer After the first.
	if len(list) > 0 {
		if !first {
			p.PrevURL = cursorURL(r, "after", list[0].ID)
		}
		if more || f.After != 0 {
			p.NextURL = cursorURL(r, "before", list[len(list)-1].ID)
		}
	} else if f.Before != 0 || f.After != 0 {
		p.PrevURL = cursorURL(r, "", 0) // past the end, or a cursor gone: back to the first page
	}
	if p.Cards, err = s.entryCards(s.pages.sets["practice/library"], v.Slug, list); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "practice/library", p)
}

// idParam reads an id from a query parameter; 0 when absent or not one.
func idParam(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// cursorURL is this page's address with its keyset cursor set to name=id
// (none when name is empty), its other parameters kept.
func cursorURL(r *http.Request, name string, id int64) string {
	q := r.URL.Query()
	q.Del("before")
	q.Del("after")
	q.Del("page")
	if name != "" {
		q.Set(name, strconv.FormatInt(id, 10))
	}
	if len(q) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + q.Encode()
}

// communityLayout is the layout of a page inside a community, under one tab.
func communityLayout(v community.View, title, tab string) Layout {
	return Layout{Title: title + " · " + v.Name, Tab: tab,
		Crumbs: []Crumb{{"Communities", "/communities"}, {v.Name, "/c/" + v.Slug}, {title, ""}}}
}

// entryFormPage is the form to write or improve an entry, with a preview.
type entryFormPage struct {
	Layout
	C           community.View
	Entry       *practice.EntryView // nil when writing a new entry
	Form        Form
	Kinds       []practice.KindInfo
	Preview     template.HTML
	Conflict    *conflictView
	Attachments *attachmentList // on the edit page: files to attach and link from the text
}

// conflictView shows, after an edit conflict, what changed meanwhile.
type conflictView struct {
	Current  practice.Entry
	Rendered template.HTML
}

func (s *Server) newEntryForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.Practice.ForWriting(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	kind := practice.Kind(r.URL.Query().Get("kind"))
	info, ok := practice.InfoOf(kind)
	if !ok {
		info = practice.Kinds[0]
	}
	f := Form{Values: url.Values{"kind": {string(info.Kind)}, "body": {info.Template}}}
	if from, _ := strconv.ParseInt(r.URL.Query().Get("from_comment"), 10, 64); from != 0 {
		// Turning a comment into an entry: its words start the body, and the
		// entry will link back to it.
		o, body, err := s.Practice.FromComment(r.Context(), actorOf(r), v.Slug, from)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f.Values.Set("body", practice.QuoteComment(body)+info.Template)
		f.Values.Set("source", "A comment by "+o.AuthorName+" on “"+o.EntryTitle+"”")
		f.Values.Set("from_comment", strconv.FormatInt(from, 10))
	}
	if thread, _ := strconv.ParseInt(r.URL.Query().Get("from_thread"), 10, 64); thread != 0 {
		// Promoting a conversation (or one of its answers): it starts the
		// entry, a lesson by default, which will link back to it.
		post, _ := strconv.ParseInt(r.URL.Query().Get("from_post"), 10, 64)
		src, err := s.Talk.ForPromoting(r.Context(), actorOf(r), v.Slug, thread, post)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if r.URL.Query().Get("kind") == "" {
			info, _ = practice.InfoOf(practice.Lesson)
		}
		f.Values = promotedForm(src, info)
	}
	s.renderEntryForm(w, r, http.StatusOK, v, nil, f, "", nil)
}

// promotedForm is the new-entry form pre-filled from a thread or its post.
func promotedForm(src conversation.Source, info practice.KindInfo) url.Values {
	t := src.Thread
	source := "The " + t.Kind + " “" + t.Title + "” by " + src.AuthorName
	if src.PostID != 0 {
		source = "An " + src.Kind + " by " + src.AuthorName + " to “" + t.Title + "”"
		if src.Kind == "reply" {
			source = "A reply by " + src.AuthorName + " in “" + t.Title + "”"
		}
	}
	v := url.Values{"kind": {string(info.Kind)}, "title": {clipRunes(t.Title, practice.MaxTitle)}, "tags": {strings.Join(t.Tags, ", ")},
		"body": {practice.QuoteComment(src.Body) + info.Template}, "source": {clipRunes(source, practice.MaxSource)},
		"from_thread": {strconv.FormatInt(t.ID, 10)}}
	if src.PostID != 0 {
		v.Set("from_post", strconv.FormatInt(src.PostID, 10))
	}
	return v
}

func (s *Server) renderEntryForm(w http.ResponseWriter, r *http.Request, status int, v community.View, ev *practice.EntryView, f Form, preview template.HTML, conflict *conflictView) {
	title := "New entry"
	if ev != nil {
		title = "Improve: " + ev.Title
	}
	p := &entryFormPage{Layout: communityLayout(v, title, "practice"), C: v, Entry: ev, Form: f, Kinds: practice.Kinds, Preview: preview, Conflict: conflict}
	p.Community = &p.C
	if ev != nil {
		list, err := s.entryAttachments(r.Context(), *ev, entryURL(v.Slug, ev.Slug)+"/edit")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Attachments = &list
	}
	s.render(w, r, status, "practice/form", p)
}

func entryInput(f Form) practice.Input {
	base, _ := strconv.Atoi(f.Get("base_revision"))
	in := practice.Input{Kind: practice.Kind(f.Get("kind")), Title: f.Get("title"), Summary: f.Get("summary"), Body: f.Get("body"),
		Tags: f.Get("tags"), ResourceURL: f.Get("resource_url"), Source: f.Get("source"), ReviewBy: f.Get("review_by"),
		Note: f.Get("note"), BaseRevision: base, Publish: f.Get("action") == "publish"}
	in.FromComment, _ = strconv.ParseInt(f.Get("from_comment"), 10, 64)
	return in
}

func (s *Server) createEntry(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	followKind(f)
	slug := r.PathValue("slug")
	if f.Get("action") == "preview" {
		v, err := s.Practice.ForWriting(r.Context(), actorOf(r), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		preview, status := s.preview(&f)
		s.renderEntryForm(w, r, status, v, nil, f, preview, nil)
		return
	}
	var e practice.Entry
	var err error
	if thread, _ := strconv.ParseInt(f.Get("from_thread"), 10, 64); thread != 0 {
		post, _ := strconv.ParseInt(f.Get("from_post"), 10, 64)
		e, err = s.Talk.Promote(r.Context(), s.Practice, actorOf(r), slug, thread, post, entryInput(f))
	} else if occ, _ := strconv.ParseInt(f.Get("from_occurrence"), 10, 64); occ != 0 {
		g, _ := strconv.ParseInt(f.Get("from_gathering"), 10, 64)
		e, err = s.Gatherings.Capture(r.Context(), s.Practice, actorOf(r), slug, g, occ, entryInput(f))
	} else {
		e, err = s.Practice.Create(r.Context(), actorOf(r), slug, entryInput(f))
	}
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			v, verr := s.Communities.Get(r.Context(), actorOf(r), slug) // Create allowed the writer before judging the input
			if verr != nil {
				s.fail(w, r, verr)
				return
			}
			f.Failed(err)
			s.renderEntryForm(w, r, statusOf(err), v, nil, f, "", nil)
			return
		}
		s.fail(w, r, err)
		return
	}
	msg := "Saved as a draft: only you and the stewards see it until you publish it."
	if e.Maturity == practice.Published {
		msg = "Published. Thank you for sharing what you know."
	}
	s.redirect(w, r, entryURL(slug, e.Slug), msg)
}

// preview renders the form's body for its preview, or, when the body is
// over the limit a save has, marks the form with that error instead.
func (s *Server) preview(f *Form) (template.HTML, int) {
	html, err := s.Practice.Preview(f.Get("body"))
	if err != nil {
		f.Failed(err)
		return "", statusOf(err)
	}
	return html, http.StatusOK
}

// parseEntryForm reads an entry form, which may be long.
func parseEntryForm(w http.ResponseWriter, r *http.Request) Form {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	_ = r.ParseForm() // an oversized body leaves fields empty; validation says what is missing
	return Form{Values: r.PostForm}
}

func entryURL(community, entry string) string { return "/c/" + community + "/practice/" + entry }

// entryPage shows one entry with a page of its comments.
type entryPage struct {
	Layout
	C             community.View
	E             practice.EntryView
	Comments      []practice.Comment
	CommentCount  int                   // on every page
	OlderComments string                // the address of the page before, if any
	NewerComments string                // the address of the page after, if any
	Collections   []practice.Collection // for curators: where they may add the entry
	InStartHere   bool
	Related       practice.Related      // the side column: Start here, entries on the same tags
	TalkOnTags    []conversation.Thread // and the community's threads on them
	Comment       Form
	Attachments   attachmentList
	Provenance    practice.Provenance     // where the entry came from, what its comments became
	Stories       []stewardship.StoryLine // value stories that tell of the entry
	Watch         string                  // the reader's watch state for the entry
}

func (s *Server) entry(w http.ResponseWriter, r *http.Request) {
	s.entryPage(w, r, http.StatusOK, Form{})
}

func (s *Server) entryPage(w http.ResponseWriter, r *http.Request, status int, comment Form) {
	ev, err := s.Practice.Get(practice.WithViewer(r.Context(), viewerOf(r, status)), actorOf(r), r.PathValue("slug"), r.PathValue("entry"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	comments, err := s.Practice.Comments(r.Context(), ev, commentsAt(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &entryPage{Layout: communityLayout(ev.Community, ev.Title, "practice"), C: ev.Community, E: ev, Comment: comment,
		Comments: comments.Comments, CommentCount: comments.Total}
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {ev.Community.Name, "/c/" + ev.Community.Slug},
		{"Practice", "/c/" + ev.Community.Slug + "/practice"}, {ev.Title, ""}}
	p.Community = &p.C
	p.OwnH1 = true
	here := entryURL(ev.Community.Slug, ev.Slug)
	if comments.Older != 0 {
		p.OlderComments = here + "?before=" + strconv.FormatInt(comments.Older, 10) + "#comments-h"
	}
	if comments.Newer != 0 {
		p.NewerComments = here + "?after=" + strconv.FormatInt(comments.Newer, 10) + "#comments-h"
	}
	if p.Attachments, err = s.entryAttachments(r.Context(), ev, entryURL(ev.Community.Slug, ev.Slug)); err != nil {
		s.fail(w, r, err)
		return
	}
	ids := make([]int64, len(p.Comments))
	for i, c := range p.Comments {
		ids[i] = c.ID
	}
	if p.Provenance, err = s.Practice.Provenance(r.Context(), ev, ids); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Stories, err = s.Stewardship.StoriesAbout(r.Context(), ev.Community, "entry", ev.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if ev.Community.IsMember() {
		if p.Watch, err = s.Notifier.WatchState(r.Context(), actorOf(r).PersonID, "entry", ev.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if p.Related, err = s.Practice.Related(r.Context(), ev); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.TalkOnTags, err = s.Talk.OnTags(r.Context(), ev.Community, ev.Tags); err != nil {
		s.fail(w, r, err)
		return
	}
	p.InStartHere = p.Related.Position > 0
	if p.InStartHere { // a newcomer's step; a failure to note it does not stop the reading
		if err := s.People.MarkStep(r.Context(), actorOf(r), ev.Community, people.StepStartHere); err != nil {
			s.Logger.Warn("note the Start here read", "err", err)
		}
	}
	if ev.Community.CanCurate() {
		if p.Collections, err = s.Practice.Collections(r.Context(), ev.Community); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, "practice/entry", p)
}

// commentsAt reads which page of comments the entry's address asks for:
// ?before=, ?after= (the links between pages) or ?comment= (a link to one).
func commentsAt(r *http.Request) practice.CommentsAt {
	q := r.URL.Query()
	id := func(name string) int64 {
		n, _ := strconv.ParseInt(q.Get(name), 10, 64)
		return max(n, 0)
	}
	return practice.CommentsAt{Before: id("before"), After: id("after"), Around: id("comment")}
}

// commentURL is the address of comment id on its entry's page: the page of
// comments that holds it, scrolled to it.
func commentURL(community, entry string, id int64) string {
	s := strconv.FormatInt(id, 10)
	return entryURL(community, entry) + "?comment=" + s + "#comment-" + s
}

func (s *Server) editEntryForm(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Practice.ForEdit(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("entry"))
	if err != nil {
		if errs.Is(err, errs.Forbidden) && !actorOf(r).SignedIn() {
			err = errs.New(errs.Unauthenticated, "Please sign in to improve entries.") // a visitor may be a member who is not signed in
		}
		s.fail(w, r, err)
		return
	}
	reviewBy := ""
	if ev.ReviewBy != nil {
		reviewBy = ev.ReviewBy.Format("2006-01-02")
	}
	f := Form{Values: url.Values{"kind": {string(ev.Kind)}, "title": {ev.Title}, "summary": {ev.Summary}, "body": {ev.Body},
		"tags": {strings.Join(ev.Tags, ", ")}, "resource_url": {ev.ResourceURL}, "source": {ev.Source}, "review_by": {reviewBy},
		"base_revision": {strconv.Itoa(ev.Revision)}}}
	s.renderEntryForm(w, r, http.StatusOK, ev.Community, &ev, f, "", nil)
}

func (s *Server) updateEntry(w http.ResponseWriter, r *http.Request) {
	f := parseEntryForm(w, r)
	slug, entrySlug := r.PathValue("slug"), r.PathValue("entry")
	a := actorOf(r)
	if f.Get("action") == "preview" {
		ev, err := s.Practice.ForEdit(r.Context(), a, slug, entrySlug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		preview, status := s.preview(&f)
		s.renderEntryForm(w, r, status, ev.Community, &ev, f, preview, nil)
		return
	}
	e, err := s.Practice.Update(r.Context(), a, slug, entrySlug, entryInput(f))
	if conflict, ok := practice.AsConflict(err); ok {
		ev, verr := s.Practice.ForEdit(r.Context(), a, slug, entrySlug)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		// The person's text stays in the form; the form now builds on the current revision.
		f.Values.Set("base_revision", strconv.Itoa(conflict.Current.Revision))
		f.Message = "Someone saved a new version while you were editing. Your text is kept below: compare it with the current version, merge what matters, and save again."
		s.renderEntryForm(w, r, http.StatusConflict, ev.Community, &ev, f, "", &conflictView{Current: conflict.Current, Rendered: conflict.Current.HTML})
		return
	}
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			ev, verr := s.Practice.ForEdit(r.Context(), a, slug, entrySlug)
			if verr != nil {
				s.fail(w, r, verr)
				return
			}
			f.Failed(err)
			s.renderEntryForm(w, r, statusOf(err), ev.Community, &ev, f, "", nil)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, entryURL(slug, e.Slug), "Saved as revision "+strconv.Itoa(e.Revision)+".")
}
