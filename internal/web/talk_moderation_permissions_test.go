package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestTalkModerationPermissionMatrix: the routes of pinning, closing as a
// duplicate, reopening, moving, watching, quoting and a reply's history,
// for every kind of person, in a public, an institution and a private
// community. What one may not see is 404 (and names nothing); what one may
// not do changes nothing.
func TestTalkModerationPermissionMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		for _, h := range []string{"mod", "ask", "mem", "pend", "out"} {
			e.Person(h)
		}
		clients := map[string]*apptest.Client{"": e.Visitor()}
		for _, h := range talkRoles[1:] {
			clients[h] = e.As(h)
		}
		// Where threads may move: "stew" and "mod" moderate it too.
		e.Community(stew, "dest", community.Public, community.Open)
		e.SetMembership("dest", e.Actor("mod"), community.RoleModerator, community.ActiveMember)
		e.SetMembership("dest", e.Actor("mem"), community.RoleMember, community.ActiveMember)

		for _, vis := range []community.Visibility{community.Public, community.Institution, community.Private} {
			slug := "mod-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mod"), community.RoleModerator, community.ActiveMember)
			e.SetMembership(slug, e.Actor("ask"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)
			start := func(title string) (string, int64) {
				t.Helper()
				res := clients["ask"].Post("/c/"+slug+"/talk/new", form("kind", "discussion", "title", title, "body", "What do you think?"))
				if res.Status != http.StatusSeeOther {
					t.Fatalf("start in %s: %d\n%s", slug, res.Status, res.Body)
				}
				url := strings.SplitN(res.Location, "?", 2)[0]
				var id int64
				fmt.Sscan(strings.TrimPrefix(url, "/c/"+slug+"/talk/"), &id)
				return url, id
			}
			original, originalID := start("Secret original " + slug)
			thread, id := start("Secret copy " + slug)
			if res := clients["mem"].Post(thread+"/posts", form("kind", "reply", "body", "Rye, I think.")); res.Status != http.StatusSeeOther {
				t.Fatalf("reply: %d", res.Status)
			}
			reply := count(t, d, "SELECT MAX(id) FROM posts WHERE subject_kind = 'thread' AND subject_id = $1", id)
			if res := clients["mem"].Post(fmt.Sprintf("%s/posts/%d/edit", thread, reply), form("body", "Rye, surely.")); res.Status != http.StatusSeeOther {
				t.Fatalf("edit: %d", res.Status)
			}
			history := fmt.Sprintf("%s/posts/%d/history", thread, reply)
			moderates := func(h string) bool { return h == "mod" || h == "stew" }

			for _, h := range talkRoles {
				c, reads := clients[h], talkReads(vis, h)
				who := fmt.Sprintf("%s in %s", or(h, "visitor"), slug)
				hidden := func(what string, res apptest.Response) {
					t.Helper()
					if res.Status != http.StatusNotFound || strings.Contains(res.Body, "Secret") {
						t.Errorf("%s %s: %d, want 404 naming nothing", who, what, res.Status)
					}
				}
				check := func(what string, res apptest.Response, allowed, changed bool) {
					t.Helper()
					if !reads {
						hidden("POST "+what, res)
					}
					if allowed != changed {
						t.Errorf("%s POST %s: changed %v, want %v (status %d, %s)", who, what, changed, allowed, res.Status, res.Location)
					}
				}

				// Reading: the history of a reply and a quote, for readers.
				res := c.Get(history)
				switch {
				case !reads:
					hidden("GET history", res)
				case res.Status != http.StatusOK || !strings.Contains(res.Body, "Rye, I think.") || !strings.Contains(res.Body, "Rye, surely."):
					t.Errorf("%s GET history: %d, want both versions\n%s", who, res.Status, res.Body)
				}
				res = c.Get(fmt.Sprintf("%s?quote=%d", thread, reply))
				switch {
				case !reads:
					hidden("GET quote", res)
				case talkWrites(h) && !strings.Contains(res.Body, "&gt; Rye, surely."):
					t.Errorf("%s GET quote: the reply form does not start with the quote", who)
				case !talkWrites(h) && strings.Contains(res.Body, "&gt; Rye, surely."):
					t.Errorf("%s GET quote: a reply form for one who may not reply", who)
				}

				// The moderators' forms.
				for _, path := range []string{thread + "/close", thread + "/move", thread + "/close?original=" + fmt.Sprint(originalID), thread + "/move?to=dest"} {
					res := c.Get(path)
					switch {
					case !reads:
						hidden("GET "+path, res)
					case moderates(h) && res.Status != http.StatusOK:
						t.Errorf("%s GET %s: %d, want 200", who, path, res.Status)
					case !moderates(h) && res.Status == http.StatusOK:
						t.Errorf("%s GET %s: 200, want a refusal", who, path)
					}
				}

				// Watching: members; their choice is recorded.
				res = c.Post(thread+"/watch", form("state", "muted"))
				check("watch", res, reads && h != "", count(t, d, "SELECT COUNT(*) FROM subscriptions WHERE subject_kind = 'thread' AND subject_id = $1 AND state = 'muted'", id) == 1)
				exec(t, d, "DELETE FROM subscriptions WHERE subject_kind = 'thread' AND state = 'muted'")

				res = c.Post(thread+"/pin", form())
				check("pin", res, moderates(h), count(t, d, "SELECT COUNT(*) FROM threads WHERE pinned_at IS NOT NULL") == 1)
				exec(t, d, "UPDATE threads SET pinned_at = NULL, pinned_by = NULL")

				res = c.Post(thread+"/close", form("original", original))
				check("close", res, moderates(h), count(t, d, "SELECT COUNT(*) FROM threads WHERE closed_at IS NOT NULL") == 1)
				closed := count(t, d, "SELECT COUNT(*) FROM links WHERE kind = 'duplicate' AND from_id = $1 AND to_id = $2", id, originalID) == 1
				if closed != moderates(h) {
					t.Errorf("%s close: a duplicate link %v", who, closed)
				}
				exec(t, d, "UPDATE threads SET closed_at = NULL, closed_by = NULL")
				exec(t, d, "DELETE FROM links WHERE kind = 'duplicate'")

				exec(t, d, "UPDATE threads SET closed_at = $1 WHERE id = $2", "2026-01-01T00:00:00Z", id)
				res = c.Post(thread+"/reopen", form())
				check("reopen", res, moderates(h), count(t, d, "SELECT COUNT(*) FROM threads WHERE closed_at IS NULL AND id = $1", id) == 1)
				exec(t, d, "UPDATE threads SET closed_at = NULL WHERE id = $1", id)

				res = c.Post(thread+"/move", form("to", "dest"))
				moved := count(t, d, "SELECT COUNT(*) FROM threads t JOIN communities c ON c.id = t.community_id WHERE t.id = $1 AND c.slug = 'dest'", id) == 1
				check("move", res, moderates(h), moved)
				if moved {
					if res := c.Post(fmt.Sprintf("/c/dest/talk/%d/move", id), form("to", slug)); res.Status != http.StatusSeeOther {
						t.Fatalf("%s moves it back: %d", who, res.Status)
					}
				}
			}
		}
	})
}

// exec runs a statement for a test's set-up, failing the test on error.
func exec(t *testing.T, d *db.DB, query string, args ...any) {
	t.Helper()
	if _, err := d.ExecContext(t.Context(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
