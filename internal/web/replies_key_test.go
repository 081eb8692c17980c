package web

import (
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/conversation"
)

// A visitor's newest page of replies is kept whole under repliesKey: the
// key changes with the thread's posts version (every write to its posts or
// their authors' names), its address, the replies shown and the words of
// any reply's relative time.
func TestRepliesKeyChangesWithWhatTheListShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	now := time.Now()
	thread := conversation.ThreadView{Thread: conversation.Thread{ID: 4, PostsVersion: 7}, Community: community.View{Community: community.Community{Slug: "bread"}}}
	items := []postItem{{P: conversation.Post{ID: 8, CreatedAt: now.Add(-3 * time.Hour)}}, {P: conversation.Post{ID: 9, CreatedAt: now.Add(-2 * time.Hour)}}}
	key := c.repliesKey(thread, items)
	if c.repliesKey(thread, items) != key {
		t.Fatal("the same list hashes differently")
	}
	changes := map[string]func(t *conversation.ThreadView, items []postItem) []postItem{
		"posts version": func(t *conversation.ThreadView, items []postItem) []postItem { t.PostsVersion++; return items },
		"thread":        func(t *conversation.ThreadView, items []postItem) []postItem { t.ID++; return items },
		"community": func(t *conversation.ThreadView, items []postItem) []postItem {
			t.Community.Slug = "cheese"
			return items
		},
		"a reply's relative time": func(_ *conversation.ThreadView, items []postItem) []postItem {
			items[1].P.CreatedAt = now.Add(-30 * time.Hour)
			return items
		},
		"a reply fewer": func(_ *conversation.ThreadView, items []postItem) []postItem { return items[:1] },
		"another reply": func(_ *conversation.ThreadView, items []postItem) []postItem { items[0].P.ID = 10; return items },
	}
	for name, change := range changes {
		th := thread
		list := change(&th, append([]postItem(nil), items...))
		if c.repliesKey(th, list) == key {
			t.Errorf("changing the %s keeps the list's key: a stale list would be shown", name)
		}
	}
}
