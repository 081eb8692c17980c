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

// A member comments (escaped, with an empty one refused beside the field);
// the host is told; the author edits and deletes their own; another member
// may not; a steward hides one and only moderators and the author read it.
func TestGatheringCommentsFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("ann")
		e.Person("bob")
		e.Community(stew, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("ann"), community.RoleMember, community.ActiveMember)
		e.SetMembership("bread", e.Actor("bob"), community.RoleMember, community.ActiveMember)
		s, ann, bob := e.As("stew"), e.As("ann"), e.As("bob")
		o, _ := scheduleOne(t, d, s, "bread", "Sourdough night", 3)
		g := o[:strings.Index(o, "/o/")]

		if r := ann.Post(g+"/comments", form("body", "  ")); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="e-body"`) {
			t.Fatalf("an empty comment: %d", r.Status)
		}
		r := ann.Post(g+"/comments", form("body", "Bring a <b>jar</b>?"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("comment: %d\n%s", r.Status, r.Body)
		}
		cid := count(t, d, "SELECT MAX(id) FROM posts WHERE subject_kind = 'gathering'")
		if p := bob.Get(r.Location); !strings.Contains(p.Body, "Bring a &lt;b&gt;jar&lt;/b&gt;?") {
			t.Errorf("the comment is not shown escaped:\n%s", p.Body)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM activities a JOIN activity_targets x ON x.activity_id = a.id JOIN people p ON p.id = x.person_id
			WHERE a.verb = 'comment.added' AND a.subject_kind = 'gathering' AND p.handle = 'stew'`); n != 1 {
			t.Errorf("the host was not told (%d)", n)
		}
		c := fmt.Sprintf("%s/comments/%d", g, cid)
		if r := bob.Post(c+"/edit", form("body", "Bob was here")); count(t, d, "SELECT COUNT(*) FROM posts WHERE id = $1 AND body = 'Bob was here'", cid) != 0 {
			t.Errorf("bob edited ann's comment: %d", r.Status)
		}
		if r := bob.Post(c+"/hide", nil); count(t, d, "SELECT COUNT(*) FROM posts WHERE id = $1 AND hidden_at IS NOT NULL", cid) != 0 {
			t.Errorf("a member hid a comment: %d", r.Status)
		}
		if r := ann.Post(c+"/edit", form("body", "Bring a jar, please.")); r.Status != http.StatusSeeOther {
			t.Errorf("ann edits: %d", r.Status)
		}
		if r := s.Post(c+"/hide", nil); r.Status != http.StatusSeeOther {
			t.Errorf("the steward hides: %d", r.Status)
		}
		if p := bob.Get(g); strings.Contains(p.Body, "Bring a jar, please.") || !strings.Contains(p.Body, "This comment is hidden.") {
			t.Errorf("bob reads a hidden comment")
		}
		if p := ann.Get(g); !strings.Contains(p.Body, "Bring a jar, please.") {
			t.Errorf("ann does not see her hidden comment")
		}
		if r := ann.Get(c + "/delete"); r.Status != http.StatusOK {
			t.Errorf("delete confirmation: %d", r.Status)
		}
		if r := ann.Post(c+"/delete", nil); r.Status != http.StatusSeeOther || count(t, d, "SELECT COUNT(*) FROM posts WHERE id = $1 AND deleted_at IS NOT NULL", cid) != 1 {
			t.Errorf("ann deletes: %d", r.Status)
		}
	})
}

// Who may comment: members; visitors, outsiders and pending members change
// nothing; a private community's gathering is 404 to those outside.
func TestGatheringCommentsPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		for _, h := range []string{"mem", "pend", "out"} {
			e.Person(h)
		}
		clients := map[string]*apptest.Client{"": e.Visitor()}
		for _, h := range gatheringRoles[1:] {
			clients[h] = e.As(h)
		}
		for _, vis := range []community.Visibility{community.Public, community.Private} {
			slug := "talk-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)
			o, _ := scheduleOne(t, d, clients["stew"], slug, "Supper", 2)
			g := o[:strings.Index(o, "/o/")]
			clients["stew"].Post(g+"/comments", form("body", "Secret words"))
			cid := count(t, d, "SELECT MAX(id) FROM posts WHERE subject_kind = 'gathering'")
			c := fmt.Sprintf("%s/comments/%d", g, cid)
			for _, h := range gatheringRoles {
				cl, reads := clients[h], talkReads(vis, h)
				who := fmt.Sprintf("%s in %s", or(h, "visitor"), slug)
				n := count(t, d, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'gathering'")
				res := cl.Post(g+"/comments", form("body", "From "+h))
				added := count(t, d, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'gathering'") != n
				if added != (h == "mem" || h == "stew") || (!reads && res.Status != http.StatusNotFound) {
					t.Errorf("%s comments: %d, added %v", who, res.Status, added)
				}
				if h != "stew" {
					for _, path := range []string{c + "/edit", c + "/hide", c + "/delete"} {
						res := cl.Post(path, form("body", "Changed"))
						if (!reads && res.Status != http.StatusNotFound) || count(t, d, `SELECT COUNT(*) FROM posts WHERE id = $1 AND body = 'Secret words'
							AND hidden_at IS NULL AND deleted_at IS NULL`, cid) != 1 {
							t.Errorf("%s POST %s: %d changed the steward's comment", who, path, res.Status)
						}
					}
					if res := cl.Get(c + "/delete"); res.Status == http.StatusOK {
						t.Errorf("%s may delete the steward's comment", who)
					}
				}
			}
		}
	})
}

// The gathering page runs as many queries with 60 comments (two pages),
// notes and a captured entry as with 2.
func TestGatheringPageQueryCountDoesNotGrow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		stew := e.Person("stew")
		e.Person("mia")
		e.Community(stew, "bread", community.Public, community.Open)
		e.SetMembership("bread", e.Actor("mia"), community.RoleMember, community.ActiveMember)
		s, mia := e.As("stew"), e.As("mia")
		o, _ := scheduleOne(t, d, s, "bread", "Supper", 2)
		g := o[:strings.Index(o, "/o/")]
		s.Post(o+"/notes", form("body", "Notes", "base_revision", "0"))
		s.Post(o+"/agenda", form("body", "Agenda", "base_revision", "0"))
		queries := func() int64 {
			mia.Get(o)
			least := int64(-1)
			for range 3 {
				before := d.QueryCount()
				if res := mia.Get(o); res.Status != http.StatusOK {
					t.Fatalf("GET %s: %d", o, res.Status)
				}
				if n := d.QueryCount() - before; least < 0 || n < least {
					least = n
				}
			}
			return least
		}
		comment := func(n int) {
			for i := range n {
				by := s
				if i%2 == 1 {
					by = mia
				}
				if r := by.Post(g+"/comments", form("body", fmt.Sprintf("Comment %d @mia", i))); r.Status != http.StatusSeeOther {
					t.Fatalf("comment: %d", r.Status)
				}
			}
		}
		comment(2)
		few := queries()
		comment(58)
		many := queries()
		t.Logf("GET the gathering page: %d queries with 2 comments, %d with 60", few, many)
		if many > few {
			t.Errorf("%d queries with 2 comments, %d with 60: a query per comment", few, many)
		}
	})
}
