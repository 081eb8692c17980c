package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// talkRoles are the people of the talk permission matrix, by handle ("" is
// the visitor): in every community "stew" stewards, "mod" moderates, "ask"
// and "mem" are members, "pend" asked to join; "out" is signed in only.
var talkRoles = []string{"", "out", "pend", "mem", "ask", "mod", "stew", "admin"}

// talkReads reports whether handle may read the talk of a community of vis.
func talkReads(vis community.Visibility, handle string) bool {
	switch vis {
	case community.Public:
		return true
	case community.Institution:
		return handle != ""
	}
	return slices.Contains([]string{"mem", "ask", "mod", "stew", "admin"}, handle)
}

// talkWrites reports whether handle takes part in conversations.
func talkWrites(handle string) bool {
	return slices.Contains([]string{"mem", "ask", "mod", "stew"}, handle)
}

// TestTalkPermissionMatrix: every talk route, for every kind of person, in a
// public, an institution and a private community, and in a locked thread.
// What one may not see is 404; what one may not do changes nothing.
func TestTalkPermissionMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		exec := func(query string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(context.Background(), query, args...); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
		stew := e.Person("stew")
		for _, h := range []string{"mod", "ask", "mem", "pend", "out"} {
			e.Person(h)
		}
		clients := map[string]*apptest.Client{"": e.Visitor()}
		for _, h := range talkRoles[1:] {
			clients[h] = e.As(h)
		}
		for _, vis := range []community.Visibility{community.Public, community.Institution, community.Private} {
			slug := "talk-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mod"), community.RoleModerator, community.ActiveMember)
			e.SetMembership(slug, e.Actor("ask"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)

			res := clients["ask"].Post("/c/"+slug+"/talk/new", form("kind", "question", "title", "Secret "+slug+" question",
				"body", "How do we proof dough?", "tags", "bread"))
			if res.Status != http.StatusSeeOther {
				t.Fatalf("ask in %s: %d\n%s", slug, res.Status, res.Body)
			}
			thread := strings.SplitN(res.Location, "?", 2)[0]
			var id int64
			fmt.Sscan(strings.TrimPrefix(thread, "/c/"+slug+"/talk/"), &id)
			res = clients["mem"].Post(thread+"/posts", form("kind", "answer", "body", "Until it springs back."))
			if res.Status != http.StatusSeeOther {
				t.Fatalf("answer in %s: %d\n%s", slug, res.Status, res.Body)
			}
			answer := int64(count(t, d, "SELECT MAX(id) FROM posts WHERE subject_kind = 'thread' AND subject_id = $1", id))
			post := fmt.Sprintf("%s/posts/%d", thread, answer)
			posts := func() int {
				return count(t, d, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'thread' AND subject_id = $1", id)
			}

			for _, h := range talkRoles {
				c, reads, writes := clients[h], talkReads(vis, h), talkWrites(h)
				who := fmt.Sprintf("%s in %s", or(h, "visitor"), slug)
				for _, path := range []string{"/c/" + slug + "/talk", thread, "/c/" + slug + "/talk?sort=votes&unanswered=1"} {
					res := c.Get(path)
					switch {
					case reads && res.Status != http.StatusOK:
						t.Errorf("%s GET %s: %d, want 200", who, path, res.Status)
					case !reads && (res.Status != http.StatusNotFound || strings.Contains(res.Body, "Secret")):
						t.Errorf("%s GET %s: %d, want 404 without the thread", who, path, res.Status)
					}
				}
				res := c.Get("/c/" + slug + "/talk/new")
				if want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[writes]; (!reads && res.Status != http.StatusNotFound) ||
					(reads && h != "" && res.Status != want) || (reads && h == "" && res.Status != http.StatusSeeOther) {
					t.Errorf("%s GET new: %d", who, res.Status)
				}

				// Writes: refused ones change nothing; to those who may not
				// read, they are 404.
				check := func(what string, res apptest.Response, allowed, changed bool) {
					t.Helper()
					if !reads && res.Status != http.StatusNotFound {
						t.Errorf("%s POST %s: %d, want 404", who, what, res.Status)
					}
					if allowed != changed {
						t.Errorf("%s POST %s: changed %v, want %v (status %d, %s)", who, what, changed, allowed, res.Status, res.Location)
					}
				}
				threads := count(t, d, "SELECT COUNT(*) FROM threads")
				res = c.Post("/c/"+slug+"/talk/new", form("kind", "discussion", "title", "Hello", "body", "Hi all."))
				check("new", res, writes, count(t, d, "SELECT COUNT(*) FROM threads") != threads)
				before := posts()
				res = c.Post(thread+"/posts", form("kind", "reply", "body", "A reply from "+who))
				check("reply", res, writes, posts() != before)
				res = c.Post(post+"/vote", form("vote", "up"))
				check("vote", res, writes && h != "mem", count(t, d, "SELECT score FROM posts WHERE id = $1", answer) == 1)
				exec("DELETE FROM post_votes")
				exec("UPDATE posts SET score = 0")
				res = c.Post(post+"/accept", form())
				check("accept", res, h == "ask" || h == "stew", count(t, d, "SELECT COUNT(*) FROM posts WHERE accepted_at IS NOT NULL") == 1)
				exec("UPDATE posts SET accepted_at = NULL")
				exec("UPDATE threads SET accepted_post_id = NULL")
				res = c.Post(post+"/hide", form())
				check("hide", res, h == "mod" || h == "stew", count(t, d, "SELECT COUNT(*) FROM posts WHERE hidden_at IS NOT NULL") == 1)
				exec("UPDATE posts SET hidden_at = NULL, hidden_by = NULL")
				res = c.Post(post+"/edit", form("body", "Taken over"))
				check("edit", res, h == "mem", count(t, d, "SELECT COUNT(*) FROM posts WHERE body = 'Taken over'") == 1)
				exec("UPDATE posts SET body = 'Until it springs back.' WHERE id = $1", answer)
				res = c.Post(thread+"/lock", form())
				check("lock", res, h == "mod" || h == "stew", count(t, d, "SELECT COUNT(*) FROM threads WHERE locked_at IS NOT NULL") == 1)
				exec("UPDATE threads SET locked_at = NULL, locked_by = NULL")
			}

			// A locked thread takes no replies, answers or votes, from anyone.
			if res := clients["mod"].Post(thread+"/lock", form()); res.Status != http.StatusSeeOther {
				t.Fatalf("lock: %d", res.Status)
			}
			for _, h := range []string{"mem", "ask", "mod", "stew"} {
				before := posts()
				clients[h].Post(thread+"/posts", form("kind", "answer", "body", "Too late."))
				if posts() != before {
					t.Errorf("%s replied to a locked thread in %s", h, slug)
				}
				clients[h].Post(post+"/vote", form("vote", "up"))
				if n := count(t, d, "SELECT COUNT(*) FROM post_votes"); n != 0 {
					t.Errorf("%s voted in a locked thread in %s", h, slug)
				}
			}
			if body := clients["mem"].Get(thread).Body; !strings.Contains(body, "This conversation is locked") || strings.Contains(body, `action="`+thread+`/posts"`) {
				t.Errorf("a locked thread's page offers the reply form")
			}
			exec("UPDATE threads SET locked_at = NULL")
		}
	})
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
