package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// scheduleOne schedules a one-off gathering days ahead (negative: past) as
// client c and returns its date's address and the occurrence id.
func scheduleOne(t *testing.T, d *db.DB, c *apptest.Client, slug, title string, days int) (string, int64) {
	t.Helper()
	day := time.Now().AddDate(0, 0, days).Format(time.DateOnly)
	res := c.Post("/c/"+slug+"/gatherings/new", form("title", title, "zone", "Europe/Paris", "date", day,
		"start_time", "18:00", "end_time", "20:00", "place", "Kitchen", "repeat", ""))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("schedule in %s: %d\n%s", slug, res.Status, res.Body)
	}
	var gid int64
	fmt.Sscan(strings.TrimPrefix(res.Location, "/c/"+slug+"/gatherings/"), &gid)
	occ := int64(count(t, d, "SELECT MIN(id) FROM gathering_occurrences WHERE gathering_id = $1", gid))
	return fmt.Sprintf("%s/o/%d", res.Location, occ), occ
}

// A host writes the agenda, a member the notes (Markdown, escaped); a
// second member saving from the old revision sees the other version and
// keeps what they typed; the member captures part of the notes as an entry
// that says where it came from, and the date lists it.
func TestGatheringNotesFlow(t *testing.T) {
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
		o, occ := scheduleOne(t, d, s, "bread", "Sourdough night", -2)

		if r := s.Post(o+"/agenda", form("body", "1. Starters\n2. Rye", "base_revision", "0")); r.Status != http.StatusSeeOther {
			t.Fatalf("agenda: %d\n%s", r.Status, r.Body)
		}
		annForm := ann.Get(o + "/notes")
		if annForm.Status != http.StatusOK || !strings.Contains(annForm.Body, `name="base_revision" value="0"`) {
			t.Fatalf("notes form: %d\n%s", annForm.Status, annForm.Body)
		}
		if r := ann.Post(o+"/notes", form("body", "## Rye\nRye needs a longer proof. <script>alert(1)</script>\n\nBuy flour.", "base_revision", "0")); r.Status != http.StatusSeeOther {
			t.Fatalf("notes: %d\n%s", r.Status, r.Body)
		}
		// Bob started from revision 0 too.
		r := bob.Post(o+"/notes", form("body", "Bob's <b>own</b> words", "base_revision", "0"))
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Rye needs a longer proof") ||
			!strings.Contains(r.Body, "Bob&#39;s &lt;b&gt;own&lt;/b&gt; words") || !strings.Contains(r.Body, `name="base_revision" value="1"`) {
			t.Fatalf("conflict: %d\n%s", r.Status, r.Body)
		}
		page := bob.Get(o)
		if !strings.Contains(page.Body, "Starters") || !strings.Contains(page.Body, "Rye needs a longer proof") ||
			strings.Contains(page.Body, "<script>alert") || !strings.Contains(page.Body, o+"/capture") {
			t.Errorf("the date's page:\n%s", page.Body)
		}
		if h := ann.Get(o + "/notes/history"); h.Status != http.StatusOK || !strings.Contains(h.Body, "Revision 1") {
			t.Errorf("history: %d", h.Status)
		}

		cp := ann.Get(o + "/capture")
		if cp.Status != http.StatusOK || !strings.Contains(cp.Body, "Buy flour.") {
			t.Fatalf("capture page: %d\n%s", cp.Status, cp.Body)
		}
		ef := ann.Post(o+"/capture", form("excerpt", "Rye needs a longer proof."))
		if ef.Status != http.StatusOK || !strings.Contains(ef.Body, `name="from_occurrence" value="`+fmt.Sprint(occ)+`"`) ||
			!strings.Contains(ef.Body, "Rye needs a longer proof.") || strings.Contains(ef.Body, "Buy flour.") {
			t.Fatalf("entry form from the notes: %d\n%s", ef.Status, ef.Body)
		}
		gid := regexp.MustCompile(`name="from_gathering" value="(\d+)"`).FindStringSubmatch(ef.Body)
		if gid == nil {
			t.Fatal("no from_gathering in the entry form")
		}
		created := ann.Post("/c/bread/practice/new", form("kind", "lesson", "title", "Proof rye longer", "summary", "Rye wants time.",
			"body", "Rye needs a longer proof.", "source", "The notes", "from_gathering", gid[1], "from_occurrence", fmt.Sprint(occ), "action", "publish"))
		if created.Status != http.StatusSeeOther {
			t.Fatalf("create the entry: %d\n%s", created.Status, created.Body)
		}
		if p := ann.Get(created.Location); !strings.Contains(p.Body, "Came from") || !strings.Contains(p.Body, `href="`+o+`"`) {
			t.Errorf("the entry does not say it came from the gathering:\n%s", p.Body)
		}
		if p := e.Visitor().Get(o); !strings.Contains(p.Body, "Captured from this gathering") || !strings.Contains(p.Body, "Proof rye longer") {
			t.Errorf("the date does not list the captured entry:\n%s", p.Body)
		}
	})
}

// Every new route for every kind of person in a public and a private
// community: who may not see it gets 404, who may not write gets no change.
func TestGatheringNotesPermissions(t *testing.T) {
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
			slug := "notes-" + string(vis)
			join := community.Open
			if vis == community.Private {
				join = community.Invite
			}
			e.Community(stew, slug, vis, join)
			e.SetMembership(slug, e.Actor("mem"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pend"), community.RoleMember, community.PendingMember)
			o, occ := scheduleOne(t, d, clients["stew"], slug, "Secret supper", -1)
			clients["stew"].Post(o+"/notes", form("body", "Secret notes", "base_revision", "0"))
			revs := func(part string) int {
				return count(t, d, "SELECT COALESCE(MAX(revision), 0) FROM gathering_notes WHERE occurrence_id = $1 AND part = $2", occ, part)
			}
			for _, h := range gatheringRoles {
				c, reads := clients[h], talkReads(vis, h)
				who := fmt.Sprintf("%s in %s", or(h, "visitor"), slug)
				may := map[string]bool{"agenda": h == "stew", "notes": h == "mem" || h == "stew", "capture": h == "mem" || h == "stew"}
				for _, part := range []string{"agenda", "notes", "capture"} {
					want := http.StatusForbidden
					switch {
					case !reads:
						want = http.StatusNotFound
					case may[part]:
						want = http.StatusOK
					case h == "":
						want = http.StatusSeeOther // to sign in
					}
					if res := c.Get(o + "/" + part); res.Status != want || (want != http.StatusOK && strings.Contains(res.Body, "Secret notes")) {
						t.Errorf("%s GET %s: %d, want %d", who, part, res.Status, want)
					}
				}
				for _, part := range []string{"agenda", "notes"} {
					before := revs(part)
					res := c.Post(o+"/"+part, form("body", "Written by "+h, "base_revision", fmt.Sprint(before)))
					changed := revs(part) != before
					if changed != may[part] || (!reads && res.Status != http.StatusNotFound) {
						t.Errorf("%s POST %s: %d, changed %v", who, part, res.Status, changed)
					}
					if res := c.Get(o + "/" + part + "/history"); (reads && res.Status != http.StatusOK) || (!reads && res.Status != http.StatusNotFound) {
						t.Errorf("%s GET %s history: %d", who, part, res.Status)
					}
				}
				res := c.Post(o+"/capture", form("excerpt", "Secret notes"))
				if (res.Status == http.StatusOK) != may["capture"] || (!reads && res.Status != http.StatusNotFound) {
					t.Errorf("%s POST capture: %d", who, res.Status)
				}
				if !slices.Contains([]string{"mem", "stew"}, h) {
					n := count(t, d, "SELECT COUNT(*) FROM links WHERE from_kind = 'occurrence' AND from_id = $1", occ)
					c.Post("/c/"+slug+"/practice/new", form("kind", "lesson", "title", "Stolen", "summary", "x", "body", "x",
						"from_gathering", "1", "from_occurrence", fmt.Sprint(occ), "action", "publish"))
					if count(t, d, "SELECT COUNT(*) FROM links WHERE from_kind = 'occurrence' AND from_id = $1", occ) != n {
						t.Errorf("%s captured an entry", who)
					}
				}
			}
		}
	})
}
