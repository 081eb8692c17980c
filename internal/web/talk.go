package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/activity"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/errs"
	"hearth/internal/posts"
	"hearth/internal/search"
	"hearth/internal/stewardship"
)

// talkListPage is a community's conversations: filters, sorting, a page.
type talkListPage struct {
	Layout
	C        community.View
	Threads  []conversation.Thread
	Cards    template.HTML // Threads rendered (see threadCards)
	Filter   conversation.Filter
	NextURL  string
	Filtered bool
}

func talkURL(slug string) string { return "/c/" + slug + "/talk" }

func (s *Server) talkList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := conversation.Filter{Kind: q.Get("kind"), Unanswered: q.Get("unanswered") == "1", NoAccepted: q.Get("open") == "1",
		Mine: q.Get("mine") == "1" && actorOf(r).SignedIn(), Tag: q.Get("tag"), Sort: q.Get("sort")}
	f.After, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	v, list, next, err := s.Talk.List(r.Context(), actorOf(r), r.PathValue("slug"), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &talkListPage{Layout: communityLayout(v, "Talk", "talk"), C: v, Threads: list, Filter: f,
		Filtered: f.Kind != "" || f.Unanswered || f.NoAccepted || f.Mine || f.Tag != ""}
	p.Community = &p.C
	if p.Cards, err = s.threadCards(s.pages.sets["talk/list"], v.Slug, list); err != nil {
		s.fail(w, r, err)
		return
	}
	if next != 0 {
		q.Set("after", strconv.FormatInt(next, 10))
		p.NextURL = r.URL.Path + "?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, "talk/list", p)
}

// threadFormPage is the form to start a thread, with the questions and
// entries that may already answer it ("did you mean").
type threadFormPage struct {
	Layout
	C       community.View
	Form    Form
	Similar []searchHit
	Confirm bool // the question was held back for the suggestions: "Ask anyway"
}

// newThreadForm is the empty form; with a title (typed, and sent by htmx
// while typing) it also suggests what may already answer it.
func (s *Server) newThreadForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	title := clipRunes(q.Get("title"), conversation.MaxTitle)
	v, similar, err := s.Talk.Similar(r.Context(), actorOf(r), r.PathValue("slug"), title)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	kind := q.Get("kind")
	if kind != conversation.Question {
		kind = conversation.Discussion
	}
	s.renderThreadForm(w, r, http.StatusOK, v, Form{Values: url.Values{"kind": {kind}, "title": {title}}}, similar, false)
}

func (s *Server) renderThreadForm(w http.ResponseWriter, r *http.Request, status int, v community.View, f Form, similar []search.Hit, confirm bool) {
	p := &threadFormPage{Layout: communityLayout(v, "New conversation", "talk"), C: v, Form: f, Confirm: confirm}
	for _, h := range similar {
		p.Similar = append(p.Similar, newSearchHit(h))
	}
	p.Community = &p.C
	s.render(w, r, status, "talk/new", p)
}

func (s *Server) startThread(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	if f.Get("kind") == conversation.Question && f.Get("ask") != "anyway" {
		// Before asking: what already matches the title is shown first, with
		// everything typed kept and a button to ask anyway.
		v, similar, err := s.Talk.Similar(r.Context(), actorOf(r), slug, clipRunes(f.Get("title"), conversation.MaxTitle))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if len(similar) > 0 {
			s.renderThreadForm(w, r, http.StatusOK, v, f, similar, true)
			return
		}
	}
	t, err := s.Talk.Start(r.Context(), actorOf(r), slug, conversation.Input{Kind: f.Get("kind"), Title: f.Get("title"),
		Body: f.Get("body"), Tags: f.Get("tags")})
	if errs.Is(err, errs.Invalid) {
		v, verr := s.Talk.ForStarting(r.Context(), actorOf(r), slug)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		f.Failed(err)
		s.renderThreadForm(w, r, statusOf(err), v, f, nil, false)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := "Your discussion is started."
	if t.IsQuestion() {
		msg = "Your question is asked. Members who know will answer."
	}
	s.redirect(w, r, t.URL(), msg)
}

// threadPage is one thread: its opening post, a question's answers (the
// accepted first), a page of replies, and the forms to take part.
type threadPage struct {
	Layout
	C           community.View
	T           conversation.ThreadView
	Answers     []postItem
	Replies     []postItem
	RepliesHTML template.HTML // Replies rendered (see postList)
	ReplyCount  int
	Older       string
	Newer       string
	Reply       Form                    // what was typed into the reply or answer form
	Lessons     conversation.Lessons    // what the thread and its posts became in the library
	Stories     []stewardship.StoryLine // value stories that tell of the thread
	LiveURL     string                  // the fragment of posts after the last shown (htmx polls it)
	NewURL      string                  // the same without script: the page of replies after it
	Watch       string                  // the reader's watch state for the thread
	Log         []activity.Activity     // the moderators' latest actions on it
	HeadHTML    template.HTML           // the thread's head, rendered (see threadHead), or "" to render it in the page
}

func threadID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}

func (s *Server) thread(w http.ResponseWriter, r *http.Request) {
	s.threadPage(w, r, http.StatusOK, Form{})
}

func (s *Server) threadPage(w http.ResponseWriter, r *http.Request, status int, reply Form) {
	t, err := s.Talk.Get(r.Context(), actorOf(r), r.PathValue("slug"), threadID(r))
	if s.movedThread(w, r, err, "") {
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	answers, err := s.Talk.Answers(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	id := func(name string) int64 {
		n, _ := strconv.ParseInt(q.Get(name), 10, 64)
		return max(n, 0)
	}
	replies, err := s.Talk.Replies(r.Context(), t, conversation.At{Before: id("before"), After: id("after"), Around: id("post")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if reply.Values == nil {
		kind := posts.Reply
		if t.IsQuestion() {
			kind = posts.Answer
		}
		reply.Values = url.Values{"kind": {kind}}
		if quoted := id("quote"); quoted != 0 && t.CanReply() {
			// "Quote": the form starts with the reply quoted (a passage of
			// it, when the reader chose one).
			body, err := s.Talk.Quote(r.Context(), t, quoted, clipRunes(q.Get("passage"), conversation.MaxBody))
			switch {
			case err == nil:
				reply.Values.Set("body", body)
				reply.Values.Set("kind", posts.Reply)
			case !errs.Is(err, errs.NotFound): // a reply gone or not for this reader: the form starts empty
				s.fail(w, r, err)
				return
			}
		}
	}
	ids := make([]int64, 0, len(answers)+len(replies.Posts))
	for _, a := range answers {
		ids = append(ids, a.ID)
	}
	for _, p := range replies.Posts {
		ids = append(ids, p.ID)
	}
	lessons, err := s.Talk.Became(r.Context(), t, ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var stories []stewardship.StoryLine
	if t.Told { // no story ever told of it: no lookup
		if stories, err = s.Stewardship.StoriesAbout(r.Context(), t.Community, "thread", t.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	pc := newPostCtx(t)
	p := &threadPage{Stories: stories, Layout: communityLayout(t.Community, t.Title, "talk"), C: t.Community, T: t, Answers: answerItems(t, pc, answers, lessons),
		Replies: postItems(t, pc, replies.Posts, lessons), ReplyCount: replies.Total, Reply: reply, Lessons: lessons}
	if err := s.postBodies(s.pages.sets["talk/thread"], p.Answers); err != nil {
		s.fail(w, r, err)
		return
	}
	newest := id("before") == 0 && id("after") == 0 && id("post") == 0
	if p.RepliesHTML, err = s.threadReplies(t, p.Replies, newest); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Log, err = s.Talk.Log(r.Context(), t); err != nil {
		s.fail(w, r, err)
		return
	}
	if t.Community.IsMember() {
		if p.Watch, err = s.Notifier.WatchState(r.Context(), actorOf(r).PersonID, conversation.SubjectKind, t.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	p.Crumbs = []Crumb{{"Communities", "/communities"}, {t.Community.Name, "/c/" + t.Community.Slug},
		{"Talk", talkURL(t.Community.Slug)}, {t.Title, ""}}
	p.Community = &p.C
	if replies.Older != 0 {
		p.Older = t.URL() + "?before=" + strconv.FormatInt(replies.Older, 10) + "#replies-h"
	}
	if replies.Newer != 0 {
		p.Newer = t.URL() + "?after=" + strconv.FormatInt(replies.Newer, 10) + "#replies-h"
	} else {
		p.LiveURL, p.NewURL = liveURLs(t, lastShown(answers, replies.Posts))
	}
	if p.HeadHTML, err = s.threadHead(p); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "talk/thread", p)
}

func (s *Server) addThreadPost(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	id, err := s.Talk.Reply(r.Context(), actorOf(r), slug, threadID(r), f.Get("kind"), f.Get("body"))
	if errs.Is(err, errs.Invalid) {
		f.Failed(err)
		s.threadPage(w, r, statusOf(err), f)
		return
	}
	if err != nil {
		s.afterAction(w, r, err, conversation.ThreadURL(slug, threadID(r)), "")
		return
	}
	msg := "Your reply is posted."
	if f.Get("kind") == posts.Answer {
		msg = "Your answer is posted."
	}
	s.redirect(w, r, conversation.PostURL(slug, threadID(r), id), msg)
}

// threadAction runs a POST about one thread and returns to it.
func (s *Server) threadAction(w http.ResponseWriter, r *http.Request, okMsg string, act func(slug string, thread, post int64) error) {
	slug, thread := r.PathValue("slug"), threadID(r)
	post, _ := strconv.ParseInt(r.PathValue("post"), 10, 64)
	back := conversation.ThreadURL(slug, thread)
	if post != 0 {
		back = conversation.PostURL(slug, thread, post)
	}
	s.afterAction(w, r, act(slug, thread, post), back, okMsg)
}

func (s *Server) editThreadPost(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	s.threadAction(w, r, "Your reply is saved.", func(slug string, thread, post int64) error {
		return s.Talk.EditPost(r.Context(), actorOf(r), slug, thread, post, f.Get("body"))
	})
}

func (s *Server) deleteThreadPost(w http.ResponseWriter, r *http.Request) {
	s.threadAction(w, r, "Your reply is deleted.", func(slug string, thread, post int64) error {
		return s.Talk.RemovePost(r.Context(), actorOf(r), slug, thread, post)
	})
}

func (s *Server) hideThreadPost(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	hidden := f.Get("hidden") != "no"
	msg := "The reply is hidden from the community."
	if !hidden {
		msg = "The reply is shown again."
	}
	s.threadAction(w, r, msg, func(slug string, thread, post int64) error {
		return s.Talk.SetPostHidden(r.Context(), actorOf(r), slug, thread, post, hidden)
	})
}

func (s *Server) acceptAnswer(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	accept := f.Get("accepted") != "no"
	msg := "Accepted: it is shown first."
	if !accept {
		msg = "The answer is no longer accepted."
	}
	s.threadAction(w, r, msg, func(slug string, thread, post int64) error {
		return s.Talk.Accept(r.Context(), actorOf(r), slug, thread, post, accept)
	})
}

func (s *Server) voteAnswer(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	up := f.Get("vote") != "withdraw"
	msg := "Thank you for your vote."
	if !up {
		msg = "Your vote is withdrawn."
	}
	s.threadAction(w, r, msg, func(slug string, thread, post int64) error {
		return s.Talk.Vote(r.Context(), actorOf(r), slug, thread, post, up)
	})
}

func (s *Server) lockThread(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	locked := f.Get("locked") != "no"
	msg := "The conversation is locked: it takes no new replies."
	if !locked {
		msg = "The conversation is open again."
	}
	s.threadAction(w, r, msg, func(slug string, thread, _ int64) error {
		return s.Talk.SetLocked(r.Context(), actorOf(r), slug, thread, locked)
	})
}

// movedThread answers a GET of a thread's page (or of its page's part
// after, such as "/live") that err found nowhere with a permanent redirect to
// where the thread is now, when it was moved to a community the reader may
// read; it reports whether it did.
func (s *Server) movedThread(w http.ResponseWriter, r *http.Request, err error, after string) bool {
	if !errs.Is(err, errs.NotFound) || r.Method != http.MethodGet {
		return false
	}
	there, lerr := s.Talk.Locate(r.Context(), actorOf(r), threadID(r))
	if lerr != nil {
		return false
	}
	there += after
	if r.URL.RawQuery != "" {
		there += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, there, http.StatusMovedPermanently)
	return true
}

// lastShown is the newest post of those shown (by time, then id: the
// posts' order), or 0 for none.
func lastShown(answers []conversation.Answer, replies []conversation.Post) int64 {
	var last conversation.Post
	for _, p := range append(answersPosts(answers), replies...) {
		if p.CreatedAt.After(last.CreatedAt) || (p.CreatedAt.Equal(last.CreatedAt) && p.ID > last.ID) {
			last = p
		}
	}
	return last.ID
}

func answersPosts(answers []conversation.Answer) []conversation.Post {
	out := make([]conversation.Post, len(answers))
	for i, a := range answers {
		out[i] = a.Post
	}
	return out
}

// liveURLs are the addresses of what follows post after in thread t: the
// fragment htmx polls, and the page a reader without script follows.
func liveURLs(t conversation.ThreadView, after int64) (live, page string) {
	a := strconv.FormatInt(after, 10)
	return t.URL() + "/live?after=" + a, t.URL() + "?after=" + a + "#replies-h"
}

// threadLive is the posts of a thread written after those its page shows.
type threadLive struct {
	T         conversation.ThreadView
	Posts     []postItem
	PostsHTML template.HTML // Posts rendered (see postList)
	LiveURL   string
	NewURL    string
}

// liveThread answers the thread page's polling: the posts after the last
// shown, and the poller again (from the newest of them); 204 when there are
// none, which htmx leaves in place.
func (s *Server) liveThread(w http.ResponseWriter, r *http.Request) {
	t, err := s.Talk.Get(r.Context(), actorOf(r), r.PathValue("slug"), threadID(r))
	if s.movedThread(w, r, err, "/live") {
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	list, err := s.Talk.Since(r.Context(), t, max(after, 0))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(list) == 0 {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	p := threadLive{T: t, Posts: postItems(t, newPostCtx(t), list, nil)}
	if p.PostsHTML, err = s.postList(s.pages.sets["talk/thread"], p.Posts, true); err != nil {
		s.fail(w, r, err)
		return
	}
	p.LiveURL, p.NewURL = liveURLs(t, list[len(list)-1].ID)
	var buf bytes.Buffer
	if err := s.pages.sets["talk/thread"].ExecuteTemplate(&buf, "live", p); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
