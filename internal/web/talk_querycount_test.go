package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestTalkQueryCountDoesNotGrow proves that a thread's page runs as many
// queries with 500 replies as with 5, and a community's talk list as many
// with hundreds of threads as with a few, for a visitor, a member and a
// moderator, on both engines: nothing is loaded per reply or per thread.
func TestTalkQueryCountDoesNotGrow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("mem")
		e.Community(stew, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("mem"), community.RoleMember, community.ActiveMember)
		readers := map[string]*apptest.Client{"visitor": e.Visitor(), "member": e.As("mem"), "moderator": e.As("stew")}
		res := readers["member"].Post("/c/bread/talk/new", form("kind", "question", "title", "How long to proof?", "body", "Asking for a friend.", "tags", "bread,dough"))
		wantStatus(t, "ask", res, http.StatusSeeOther)
		thread := strings.SplitN(res.Location, "?", 2)[0]
		var id int64
		fmt.Sscan(strings.TrimPrefix(thread, "/c/bread/talk/"), &id)
		wantStatus(t, "pin", readers["moderator"].Post(thread+"/pin", form()), http.StatusSeeOther)
		wantStatus(t, "watch", readers["member"].Post(thread+"/watch", form("state", "watching")), http.StatusSeeOther)
		communityID := count(t, d, "SELECT id FROM communities WHERE slug = 'bread'")
		authors := []int{count(t, d, "SELECT id FROM people WHERE handle = 'mem'"), count(t, d, "SELECT id FROM people WHERE handle = 'stew'")}
		at := time.Now().UTC().Add(-24 * time.Hour)
		// addPosts writes n replies and answers (some edited, some hidden),
		// and a moderation log line for each tenth.
		written := 0
		addPosts := func(n int) {
			t.Helper()
			for range n {
				written++
				kind := "reply"
				if written%3 == 0 {
					kind = "answer"
				}
				var edited, hidden any
				if written%7 == 0 {
					edited = at
				}
				if written%11 == 0 {
					hidden = at
				}
				exec(t, d, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, body_html, body_text, render_version,
					created_at, updated_at, edited_at, hidden_at, score) VALUES ('thread', $1, $2, $3, $4, $5, $6, $5, 1000, $7, $7, $8, $9, $10)`,
					id, communityID, kind, authors[written%2], fmt.Sprintf("Reply %d", written), fmt.Sprintf("<p>Reply %d</p>", written),
					at.Add(time.Duration(written)*time.Second), edited, hidden, written%5)
				if written%10 == 0 {
					exec(t, d, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, audience, title, url, created_at)
						VALUES ($1, 'thread.locked', 'thread', $2, $3, 'subject', 'How long to proof?', $4, $5)`, authors[1], id, communityID, thread, at)
				}
			}
			exec(t, d, `UPDATE threads SET replies = $2 WHERE id = $1`, id, written)
		}
		threads := 0
		addThreads := func(n int) {
			t.Helper()
			for range n {
				threads++
				var tid int64
				if err := d.Writer().QueryRowContext(t.Context(), `INSERT INTO threads (community_id, kind, title, body, body_html, author_id, created_at,
					last_activity_at, replies, answers) VALUES ($1, 'question', $2, 'Body', '<p>Body</p>', $3, $4, $4, 2, 1) RETURNING id`,
					communityID, fmt.Sprintf("Thread %d", threads), authors[threads%2], at.Add(time.Duration(threads)*time.Second)).Scan(&tid); err != nil {
					t.Fatal(err)
				}
				exec(t, d, `INSERT INTO thread_tags (thread_id, tag, community_id) SELECT id, x.tag, community_id FROM threads, (SELECT 'bread' AS tag UNION ALL SELECT 'rye') x WHERE id = $1`, tid)
			}
		}
		addPosts(5)
		addThreads(3)

		pages := []string{thread, thread + "?post=3", "/c/bread/talk", "/c/bread/talk?kind=question&tag=bread", "/c/bread/talk?sort=votes"}
		counted := func(c *apptest.Client, path string) int64 {
			t.Helper()
			c.Get(path) // warm the caches (instance settings, the session)
			least := int64(-1)
			for range 3 {
				before := d.QueryCount()
				res := c.Get(path)
				n := d.QueryCount() - before
				if res.Status != http.StatusOK {
					t.Fatalf("GET %s = %d", path, res.Status)
				}
				if least < 0 || n < least {
					least = n
				}
			}
			return least
		}
		few := map[string]int64{}
		for who, c := range readers {
			for _, p := range pages {
				few[who+" "+p] = counted(c, p)
			}
		}
		addPosts(495)
		addThreads(400)
		if n := count(t, d, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'thread' AND subject_id = $1", id); n != 500 {
			t.Fatalf("%d replies, want 500", n)
		}
		for who, c := range readers {
			for _, p := range pages {
				many := counted(c, p)
				t.Logf("%-9s GET %-40s %d queries with 5 replies and 4 threads, %d with 500 and 404", who, p, few[who+" "+p], many)
				if many != few[who+" "+p] {
					t.Errorf("%s GET %s ran %d queries with 5 replies and 4 threads, %d with 500 and 404: a query per row", who, p, few[who+" "+p], many)
				}
			}
		}
	})
}
