package conversation_test

import (
	"fmt"
	"sort"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/posts"
	"hearth/internal/search"
)

// found lists what who finds for text, as "kind id".
func (w *world) found(t *testing.T, who, text string, q search.Query) []string {
	t.Helper()
	q.Text = text
	res, err := search.Search(w.ctx, w.db, w.actors[who], q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, fmt.Sprint(h.Kind, " ", h.SubjectID))
	}
	sort.Strings(out)
	return out
}

// Threads (title, tags, body) and their replies and answers are found as
// they are written, edited, hidden and removed, by those who may read the
// community, with a link to the thread or the reply.
func TestThreadsAndRepliesAreSearchedAsWritten(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bakers", community.Public)
		w.community(t, "secret", community.Private)
		q := w.ask(t, "bakers", "proof sourdough overnight")
		hidden := w.ask(t, "secret", "proof sourdough in secret")
		ans := w.answer(t, "member", "bakers", q.ID, "Use a banneton and the fridge.")
		reply, err := w.svc.Reply(w.ctx, w.actors["member"], "bakers", q.ID, posts.Reply, "Which banneton do you mean?")
		if err != nil {
			t.Fatal(err)
		}

		th := fmt.Sprint("thread ", q.ID)
		if got := w.found(t, "visitor", "sourdough", search.Query{}); fmt.Sprint(got) != fmt.Sprint([]string{th}) {
			t.Errorf("visitor finds %v for the title, want only %s (not the private community's %d)", got, th, hidden.ID)
		}
		if got := w.found(t, "member", "sourdough", search.Query{}); len(got) != 2 {
			t.Errorf("a member of both finds %v, want both threads", got)
		}
		if got := w.found(t, "visitor", "bread", search.Query{Kind: search.KindThread}); fmt.Sprint(got) != fmt.Sprint([]string{th}) {
			t.Errorf("by tag: %v, want %s", got, th)
		}
		want2 := []string{fmt.Sprint("reply ", ans), fmt.Sprint("reply ", reply)}
		sort.Strings(want2)
		if got := w.found(t, "visitor", "banneton", search.Query{}); fmt.Sprint(got) != fmt.Sprint(want2) {
			t.Errorf("replies found %v, want %v", got, want2)
		}
		res, err := search.Search(w.ctx, w.db, w.actors["visitor"], search.Query{Text: "fridge"})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("fridge: %+v, %v", res.Hits, err)
		}
		if h := res.Hits[0]; h.URL != fmt.Sprintf("/c/bakers/talk/%d?post=%d#post-%d", q.ID, ans, ans) || h.PostKind != posts.Answer ||
			string(h.Title) != "proof sourdough overnight" {
			t.Errorf("answer hit %q %q %q", h.URL, h.PostKind, h.Title)
		}

		want(t, "edit", w.svc.EditPost(w.ctx, w.actors["member"], "bakers", q.ID, reply, "Which basket do you mean?"), "ok")
		if got := w.found(t, "visitor", "basket", search.Query{}); len(got) != 1 {
			t.Errorf("after an edit the new words find %v", got)
		}
		want(t, "hide", w.svc.SetPostHidden(w.ctx, w.actors["moderator"], "bakers", q.ID, ans, true), "ok")
		want(t, "remove", w.svc.RemovePost(w.ctx, w.actors["member"], "bakers", q.ID, reply), "ok")
		if got := w.found(t, "moderator", "banneton basket fridge", search.Query{}); len(got) != 0 {
			t.Errorf("hidden and removed replies still found: %v", got)
		}
		want(t, "show", w.svc.SetPostHidden(w.ctx, w.actors["moderator"], "bakers", q.ID, ans, false), "ok")
		if got := w.found(t, "visitor", "fridge", search.Query{}); len(got) != 1 {
			t.Errorf("a reply shown again is not found: %v", got)
		}
	})
}
