package conversation_test

import (
	"fmt"
	"strings"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/posts"
	"hearth/internal/search"
)

// logVerbs lists the verbs of a thread's moderation log, oldest first.
func logVerbs(t *testing.T, w *world, slug string, id int64) []string {
	t.Helper()
	th, err := w.svc.Get(w.ctx, w.actors["member"], slug, id)
	if err != nil {
		t.Fatal(err)
	}
	log, err := w.svc.Log(w.ctx, th)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		out = append(out, a.Verb)
	}
	return out
}

// TestPinnedThreadsComeFirstAndAreFew: pinned threads lead the talk list's
// first page (and only it), a community pins MaxPinned at most, and only
// moderators pin; each pin and unpin is in the thread's log.
func TestPinnedThreadsComeFirstAndAreFew(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		var ids []int64
		for i := range conversation.ListSize + 10 {
			ids = append(ids, w.ask(t, "bread", fmt.Sprintf("question %02d", i)).ID)
		}
		want(t, "member pins", w.svc.SetPinned(w.ctx, w.actors["member"], "bread", ids[0], true), "forbidden")
		want(t, "admin pins", w.svc.SetPinned(w.ctx, w.actors["admin"], "bread", ids[0], true), "forbidden")
		want(t, "visitor pins", w.svc.SetPinned(w.ctx, w.actors["visitor"], "bread", ids[0], true), "unauthenticated")
		for i := range conversation.MaxPinned {
			want(t, "moderator pins", w.svc.SetPinned(w.ctx, w.actors["moderator"], "bread", ids[i], true), "ok")
		}
		want(t, "one too many", w.svc.SetPinned(w.ctx, w.actors["steward"], "bread", ids[conversation.MaxPinned], true), "conflict")
		want(t, "pin again", w.svc.SetPinned(w.ctx, w.actors["steward"], "bread", ids[0], true), "ok")

		_, list, next, err := w.svc.List(w.ctx, w.actors["visitor"], "bread", conversation.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != conversation.MaxPinned+conversation.ListSize {
			t.Fatalf("first page: %d threads, want %d pinned and a page", len(list), conversation.MaxPinned)
		}
		seen := map[int64]int{}
		for i, th := range list {
			seen[th.ID]++
			if pinned := i < conversation.MaxPinned; th.Pinned != pinned {
				t.Errorf("thread %d at %d: pinned %v", th.ID, i, th.Pinned)
			}
		}
		_, rest, _, err := w.svc.List(w.ctx, w.actors["visitor"], "bread", conversation.Filter{After: next})
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range rest {
			seen[th.ID]++
			if th.Pinned {
				t.Errorf("a pinned thread on the second page")
			}
		}
		if len(seen) != len(ids) {
			t.Errorf("the pages show %d threads of %d", len(seen), len(ids))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("thread %d shown %d times", id, n)
			}
		}

		want(t, "unpin", w.svc.SetPinned(w.ctx, w.actors["steward"], "bread", ids[0], false), "ok")
		if got := logVerbs(t, w, "bread", ids[0]); strings.Join(got, " ") != "thread.pinned thread.unpinned" {
			t.Errorf("log: %v", got)
		}
	})
}

// TestPinLimitHoldsUnderConcurrency: moderators pinning the last free
// places at once never pass the limit.
func TestPinLimitHoldsUnderConcurrency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		var ids []int64
		for i := range conversation.MaxPinned + 4 {
			ids = append(ids, w.ask(t, "bread", fmt.Sprintf("question %d", i)).ID)
		}
		for i := range conversation.MaxPinned - 1 {
			want(t, "pin", w.svc.SetPinned(w.ctx, w.actors["steward"], "bread", ids[i], true), "ok")
		}
		pinners := []string{"steward", "moderator"}
		errors := dbtest.Together(5, func(i int) error {
			return w.svc.SetPinned(w.ctx, w.actors[pinners[i%2]], "bread", ids[conversation.MaxPinned-1+i], true)
		})
		ok := 0
		for _, err := range errors {
			switch {
			case err == nil:
				ok++
			case !errs.Is(err, errs.Conflict):
				t.Errorf("pin: %v, want ok or Conflict", err)
			}
		}
		if ok != 1 {
			t.Errorf("%d of the simultaneous pins took the last place, want 1", ok)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM threads WHERE pinned_at IS NOT NULL"); n != conversation.MaxPinned {
			t.Errorf("%d threads pinned, want %d", n, conversation.MaxPinned)
		}
	})
}

// TestCloseAsDuplicate: a moderator closes a thread as a duplicate of
// another of the same community, named by number or address; the thread
// takes no replies, shows its original, and opens again.
func TestCloseAsDuplicate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		w.community(t, "cheese", community.Public)
		original := w.ask(t, "bread", "proof dough")
		copy := w.ask(t, "bread", "proof dough again")
		other := w.ask(t, "cheese", "age cheese")
		third := w.ask(t, "bread", "proof dough once more")
		mod := w.actors["moderator"]

		for _, tc := range []struct{ ref, msg string }{
			{"", "Give the address"},
			{"dough", "not the address"},
			{fmt.Sprint(copy.ID), "itself"},
			{fmt.Sprint(other.ID), "no conversation"},
			{"/c/cheese/talk/" + fmt.Sprint(other.ID), "no conversation"},
		} {
			err := w.svc.CloseAsDuplicate(w.ctx, mod, "bread", copy.ID, tc.ref)
			if f := errs.FieldsOf(err)["original"]; !strings.Contains(f, tc.msg) {
				t.Errorf("close as a duplicate of %q: %v, want a field error saying %q", tc.ref, err, tc.msg)
			}
		}
		want(t, "member closes", w.svc.CloseAsDuplicate(w.ctx, w.actors["member"], "bread", copy.ID, fmt.Sprint(original.ID)), "forbidden")
		want(t, "moderator closes", w.svc.CloseAsDuplicate(w.ctx, mod, "bread", copy.ID,
			"https://hearth.example/c/bread/talk/"+fmt.Sprint(original.ID)+"?post=3#post-3"), "ok")

		th, err := w.svc.Get(w.ctx, w.actors["visitor"], "bread", copy.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !th.Closed || th.CanReply() || th.Original == nil || th.Original.ID != original.ID || th.Original.Title != original.Title ||
			th.Original.URL != conversation.ThreadURL("bread", original.ID) {
			t.Errorf("closed thread: closed %v, original %+v", th.Closed, th.Original)
		}
		_, err = w.svc.Reply(w.ctx, w.actors["member"], "bread", copy.ID, posts.Answer, "Late answer")
		want(t, "answer a closed thread", err, "forbidden")
		// A duplicate is no original: closing another as its duplicate is refused.
		err = w.svc.CloseAsDuplicate(w.ctx, mod, "bread", third.ID, fmt.Sprint(copy.ID))
		if !strings.Contains(errs.FieldsOf(err)["original"], "itself closed") {
			t.Errorf("duplicate of a duplicate: %v", err)
		}

		want(t, "member reopens", w.svc.Reopen(w.ctx, w.actors["member"], "bread", copy.ID), "forbidden")
		want(t, "steward reopens", w.svc.Reopen(w.ctx, w.actors["steward"], "bread", copy.ID), "ok")
		if n := w.count(t, "SELECT COUNT(*) FROM links WHERE kind = 'duplicate'"); n != 0 {
			t.Errorf("%d duplicate links after reopening", n)
		}
		w.answer(t, "member", "bread", copy.ID, "Now it takes answers again")
		if got := logVerbs(t, w, "bread", copy.ID); strings.Join(got, " ") != "thread.closed thread.reopened" {
			t.Errorf("log: %v", got)
		}
		// The author hears of the closing; no watcher does.
		if n := w.count(t, `SELECT COUNT(*) FROM activity_targets g JOIN activities a ON a.id = g.activity_id
			WHERE a.verb = 'thread.closed' AND g.person_id = $1`, copy.AuthorID); n != 1 {
			t.Errorf("the author is a target of the closing %d times", n)
		}
	})
}

// TestMoveThread: a moderator of both communities moves a thread; its
// replies, tags, activities and search documents follow, and it is no
// longer pinned. Others may not.
func TestMoveThread(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		w.env.Community(w.actors["steward"], "cheese", community.Private, community.Invite)
		th := w.ask(t, "bread", "proof sourdough")
		w.answer(t, "member", "bread", th.ID, "Overnight in the fridge")
		want(t, "pin", w.svc.SetPinned(w.ctx, w.actors["steward"], "bread", th.ID, true), "ok")

		_, err := w.svc.MoveThread(w.ctx, w.actors["moderator"], "bread", th.ID, "cheese")
		if !strings.Contains(errs.FieldsOf(err)["to"], "no such community") {
			t.Errorf("moderator of bread only moves to private cheese: %v, want no such community", err)
		}
		_, err = w.svc.MoveThread(w.ctx, w.actors["member"], "bread", th.ID, "cheese")
		want(t, "member moves", err, "forbidden")
		_, err = w.svc.MoveThread(w.ctx, w.actors["steward"], "bread", th.ID, "bread")
		want(t, "move where it is", err, "invalid")
		w.env.SetMembership("cheese", w.actors["moderator"], community.RoleMember, community.ActiveMember)
		_, err = w.svc.MoveThread(w.ctx, w.actors["moderator"], "bread", th.ID, "cheese")
		if !strings.Contains(errs.FieldsOf(err)["to"], "moderate") {
			t.Errorf("a plain member of cheese moves there: %v", err)
		}

		url, err := w.svc.MoveThread(w.ctx, w.actors["steward"], "bread", th.ID, "cheese")
		if err != nil {
			t.Fatal(err)
		}
		if url != conversation.ThreadURL("cheese", th.ID) {
			t.Errorf("new address %q", url)
		}
		cheese := int64(w.count(t, "SELECT id FROM communities WHERE slug = 'cheese'"))
		for what, q := range map[string]string{
			"thread":     "SELECT COUNT(*) FROM threads WHERE community_id = $1 AND pinned_at IS NULL",
			"posts":      "SELECT COUNT(*) FROM posts WHERE community_id = $1",
			"activities": "SELECT COUNT(*) FROM activities WHERE community_id = $1 AND url LIKE '/c/cheese/talk/%'",
			"tags":       "SELECT COUNT(*) FROM thread_tags WHERE community_id = $1",
		} {
			if n := w.count(t, q, cheese); n == 0 {
				t.Errorf("the %s did not follow the thread", what)
			}
		}
		// The search documents' stored community, which the candidate walks
		// test (Kind.Scope), moved with them.
		if n := w.count(t, "SELECT COUNT(*) FROM search_docs WHERE kind IN ('thread', 'reply') AND community_id = $1", cheese); n != 2 {
			t.Errorf("%d of the thread's 2 search documents stored in cheese", n)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM activities WHERE url LIKE '/c/bread/talk/%'"); n != 0 {
			t.Errorf("%d activities still lead to the old address", n)
		}
		if _, err := w.svc.Get(w.ctx, w.actors["member"], "bread", th.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("the thread is still in bread: %v", err)
		}
		moved, err := w.svc.Get(w.ctx, w.actors["steward"], "cheese", th.ID)
		if err != nil || len(moved.Tags) != 1 || moved.Pinned {
			t.Errorf("the moved thread: %+v, %v", moved.Thread, err)
		}
		// An entry page's threads on its tags find it in cheese, not in bread.
		for slug, want := range map[string]int{"bread": 0, "cheese": 1} {
			v, err := w.env.Communities.Get(w.ctx, w.actors["steward"], slug)
			if err != nil {
				t.Fatal(err)
			}
			if on, err := w.svc.OnTags(w.ctx, v, moved.Tags); err != nil || len(on) != want {
				t.Errorf("threads on %q in %s: %d, %v; want %d", moved.Tags, slug, len(on), err, want)
			}
		}
		// Its old address leads to it for those who may read it there only.
		if got, err := w.svc.Locate(w.ctx, w.actors["steward"], th.ID); err != nil || got != url {
			t.Errorf("locate for the steward: %q, %v", got, err)
		}
		if _, err := w.svc.Locate(w.ctx, w.actors["member"], th.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("locate for a member of bread only: %v, want NotFound", err)
		}
		// Search: readers of bread no longer find it; the steward finds it in cheese.
		for _, who := range []string{"member", "steward"} {
			for text, kind := range map[string]string{"sourdough": search.KindThread, "fridge": search.KindReply} {
				res, err := search.Search(w.ctx, w.db, w.actors[who], search.Query{Text: text})
				if err != nil {
					t.Fatal(err)
				}
				found := 0
				for _, h := range res.Hits {
					if h.Kind == kind {
						found++
						if !strings.HasPrefix(h.URL, "/c/cheese/") {
							t.Errorf("%s finds the %s at %s", who, kind, h.URL)
						}
					}
				}
				if want := map[string]int{"member": 0, "steward": 1}[who]; found != want {
					t.Errorf("%s finds %d %s documents for %q, want %d", who, found, kind, text, want)
				}
			}
		}
		log, err := w.svc.Log(w.ctx, moved)
		if err != nil || len(log) != 2 || log[1].Verb != activity.ThreadMoved || !strings.Contains(conversation.LogLine(log[1]), "from Community bread") {
			t.Errorf("log: %+v, %v", log, err)
		}
	})
}

// TestQuoteAttributesAndDoesNotMentionAgain: a quote names and links its
// author; people mentioned inside a quote are not told again.
func TestQuoteAttributesAndDoesNotMentionAgain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		th := w.ask(t, "bread", "shape a boule")
		p, err := w.svc.Reply(w.ctx, w.actors["member"], "bread", th.ID, posts.Reply, "Ask @stew, she knows.\nTension is everything.")
		if err != nil {
			t.Fatal(err)
		}
		tv, err := w.svc.Get(w.ctx, w.actors["moderator"], "bread", th.ID)
		if err != nil {
			t.Fatal(err)
		}
		q, err := w.svc.Quote(w.ctx, tv, p, "")
		if err != nil {
			t.Fatal(err)
		}
		wantQ := "@mem [wrote](" + conversation.PostURL("bread", th.ID, p) + "):\n> Ask @stew, she knows.\n> Tension is everything.\n\n"
		if q != wantQ {
			t.Errorf("quote:\n%q\nwant\n%q", q, wantQ)
		}
		if q, _ := w.svc.Quote(w.ctx, tv, p, "Tension is everything."); !strings.HasSuffix(q, "\n> Tension is everything.\n\n") || strings.Contains(q, "stew") {
			t.Errorf("quote of a passage: %q", q)
		}
		if _, err := w.svc.Reply(w.ctx, w.actors["moderator"], "bread", th.ID, posts.Reply, q+"Agreed."); err != nil {
			t.Fatal(err)
		}
		targets := func(handle string) int {
			return w.count(t, `SELECT COUNT(*) FROM activity_targets g JOIN people p ON p.id = g.person_id WHERE p.handle = $1 AND g.reason = 'mention'`, handle)
		}
		if n := targets("stew"); n != 1 {
			t.Errorf("stew mentioned %d times, want once (not again by the quote)", n)
		}
		if n := targets("mem"); n != 1 {
			t.Errorf("the quoted author told %d times, want once", n)
		}
		// A hidden reply is quoted by no one but its author and moderators.
		want(t, "hide", w.svc.SetPostHidden(w.ctx, w.actors["moderator"], "bread", th.ID, p, true), "ok")
		asker, err := w.svc.Get(w.ctx, w.actors["asker"], "bread", th.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Quote(w.ctx, asker, p, "")
		want(t, "quote a hidden reply", err, "not found")
	})
}
