package web

import (
	"testing"
	"time"

	"hearth/internal/activity"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/links"
	"hearth/internal/practice"
	"hearth/internal/stewardship"
)

// A visitor's head of a thread is kept under headKey: the key changes with
// every field the "thread-head" template shows, to the words of a relative
// time.
func TestThreadHeadKeyChangesWithWhatTheHeadShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	at := time.Now().Add(-3 * time.Hour)
	base := func() *threadPage {
		v := community.View{Community: community.Community{ID: 2, Slug: "bread", Name: "Bread"}}
		th := conversation.ThreadView{Community: v, Thread: conversation.Thread{ID: 4, CommunityID: 2, Kind: conversation.Question, Title: "Rye?",
			HTML: "<p>How?</p>", Tags: []string{"rye"}, AuthorHandle: "mia", AuthorName: "Mia", CreatedAt: at}}
		return &threadPage{C: v, T: th, Lessons: conversation.Lessons{}, Stories: []stewardship.StoryLine{{ID: 1, Title: "Loaves"}},
			Log: []activity.Activity{{Verb: activity.ThreadPinned, CreatedAt: at}}}
	}
	key := c.headKey(base())
	if c.headKey(base()) != key {
		t.Fatal("the same head hashes differently")
	}
	changes := map[string]func(p *threadPage){
		"title":         func(p *threadPage) { p.T.Title = "Wheat?" },
		"kind":          func(p *threadPage) { p.T.Kind = conversation.Discussion },
		"text":          func(p *threadPage) { p.T.HTML = "<p>Why?</p>" },
		"author's name": func(p *threadPage) { p.T.AuthorName = "Sam" },
		"author":        func(p *threadPage) { p.T.AuthorHandle = "sam" },
		"relative time": func(p *threadPage) { p.T.CreatedAt = at.Add(-48 * time.Hour) },
		"exact time":    func(p *threadPage) { p.T.CreatedAt = at.Add(time.Second) },
		"accepted":      func(p *threadPage) { p.T.AcceptedPostID = 9 },
		"pinned":        func(p *threadPage) { p.T.Pinned = true },
		"locked":        func(p *threadPage) { p.T.Locked = true },
		"closed":        func(p *threadPage) { p.T.Closed = true },
		"original": func(p *threadPage) {
			p.T.Closed, p.T.Original = true, &conversation.Original{ID: 3, Title: "Rye", URL: "/c/bread/talk/3"}
		},
		"thread":    func(p *threadPage) { p.T.ID = 5 },
		"community": func(p *threadPage) { p.C.Slug, p.T.Community.Slug = "cheese", "cheese" },
		"became": func(p *threadPage) {
			p.Lessons[links.Thing{Kind: "thread", ID: 4}] = conversation.Lesson{Slug: "rye", Title: "Rye", Kind: practice.Lesson}
		},
		"a story":        func(p *threadPage) { p.Stories = append(p.Stories, stewardship.StoryLine{ID: 2, Title: "More"}) },
		"a story's name": func(p *threadPage) { p.Stories[0].Title = "Bread" },
		"tags":           func(p *threadPage) { p.T.Tags = []string{"rye", "flour"} },
		"a log line": func(p *threadPage) {
			p.Log = append(p.Log, activity.Activity{Verb: activity.ThreadLocked, CreatedAt: at})
		},
		"a log's verb":  func(p *threadPage) { p.Log[0].Verb = activity.ThreadUnpinned },
		"a log's actor": func(p *threadPage) { p.Log[0].ActorHandle, p.Log[0].ActorName = "sam", "Sam" },
		"a log's excerpt": func(p *threadPage) {
			p.Log[0].Verb, p.Log[0].Excerpt = activity.ThreadMoved, "from Cheese"
		},
		"a log's time": func(p *threadPage) { p.Log[0].CreatedAt = at.Add(-72 * time.Hour) },
	}
	for name, change := range changes {
		p := base()
		change(p)
		if c.headKey(p) == key {
			t.Errorf("changing the %s keeps the head's key: a stale head would be shown", name)
		}
	}
}
