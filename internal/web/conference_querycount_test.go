package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// TestConferencePagesStayConstant: a conference of 3,000 attendees and 40
// sessions. The programme, the attendee list, the check-in page (with and
// without a search, first and later pages) and one's schedule run the same
// number of queries as with two attendees and two sessions, and show a
// page at a time.
func TestConferencePagesStayConstant(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := smallConference(t, d)
		e, g, first, aaron, occ := f.e, f.g, f.first, f.aaron, f.occ
		pages := map[string][]string{
			"mia": {g + "/programme", fmt.Sprintf("%s/programme?after=%d", g, first), g + "/attendees", fmt.Sprintf("%s/attendees?after=%d", g, aaron),
				g + "/attendees?q=a", g + "/schedule", g + "/schedule.ics"},
			"sam": {g + "/checkin", g + "/checkin?q=a", fmt.Sprintf("%s/checkin?after=%d", g, aaron)},
		}
		measure := func(who, path string) (int64, apptest.Response) {
			t.Helper()
			c := e.As(who)
			c.Get(path) // warm the caches (instance settings, the session)
			least, last := int64(-1), apptest.Response{}
			for range 3 {
				before := d.QueryCount()
				last = c.Get(path)
				n := d.QueryCount() - before
				if last.Status != http.StatusOK {
					t.Fatalf("GET %s = %d\n%s", path, last.Status, last.Body)
				}
				if least < 0 || n < least {
					least = n
				}
			}
			return least, last
		}
		few := map[string]int64{}
		for who, list := range pages {
			for _, p := range list {
				few[p], _ = measure(who, p)
			}
		}

		f.grow(t)
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = $1 AND answer = 'going'", occ); n != 3000 {
			t.Fatalf("%d attendees, want 3000", n)
		}
		for who, list := range pages {
			for _, p := range list {
				many, res := measure(who, p)
				t.Logf("GET %-45s %d queries with 2 attendees and 2 sessions, %d with 3,000 and 40", p, few[p], many)
				if many != few[p] {
					t.Errorf("GET %s ran %d queries with 2 attendees, %d with 3,000: a query per row", p, few[p], many)
				}
				switch {
				case strings.Contains(p, "/programme") && !strings.Contains(p, "after"):
					if n := strings.Count(res.Body, `id="session-`); n != gathering.ProgrammePage || !strings.Contains(res.Body, `rel="next"`) {
						t.Errorf("GET %s shows %d sessions, want a page of %d and a next page", p, n, gathering.ProgrammePage)
					}
				case strings.Contains(p, "/attendees") || strings.Contains(p, "/checkin"):
					items := strings.Count(res.Body, `<li><span class="avatar small"`) + strings.Count(res.Body, `<li class="row">`)
					if items != gathering.RosterPage || !strings.Contains(res.Body, `rel="next"`) {
						t.Errorf("GET %s shows %d people, want a page of %d and a next page", p, items, gathering.RosterPage)
					}
				}
			}
		}
		// The export streams every answer.
		csv := e.As("sam").Get(g + "/attendees.csv")
		if csv.Status != http.StatusOK || strings.Count(csv.Body, "\n") != 3001 || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") {
			t.Errorf("export: %d, %d lines, %s", csv.Status, strings.Count(csv.Body, "\n"), csv.Header.Get("Content-Type"))
		}
	})
}

// conferenceFixture is a conference of community "eng" stewarded by sam:
// sam and mia go, two sessions, mia in the first; aaron is not coming.
type conferenceFixture struct {
	e                             *apptest.Env
	d                             *db.DB
	g                             string // its address
	gid, occ, first, miaID, aaron int
	start                         time.Time
}

func smallConference(t testing.TB, d *db.DB) conferenceFixture {
	t.Helper()
	one := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	e := apptest.New(t, d)
	sam := e.Person("sam")
	e.Person("mia")
	e.Person("aaron") // not coming: the later pages start after him ("Aaron Tester" sorts before "Attendee 1")
	e.Community(sam, "eng", community.Public, community.Open)
	e.SetMembership("eng", e.Actor("mia"), community.RoleMember, community.ActiveMember)
	start := time.Now().UTC().Add(2 * time.Hour).Truncate(time.Minute)
	res := e.As("sam").Post("/c/eng/gatherings/new", conferenceForm("Bridges", start))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("schedule: %d\n%s", res.Status, res.Body)
	}
	g := res.Location
	var gid int
	fmt.Sscan(strings.TrimPrefix(g, "/c/eng/gatherings/"), &gid)
	occ := one("SELECT MIN(id) FROM gathering_occurrences WHERE gathering_id = $1", gid)
	for _, h := range []string{"sam", "mia"} {
		if res := e.As(h).Post(fmt.Sprintf("%s/o/%d/rsvp", g, occ), form("answer", "going")); res.Status != http.StatusSeeOther {
			t.Fatalf("answer: %d", res.Status)
		}
	}
	for i := range 2 {
		if res := e.As("sam").Post(g+"/sessions/new", sessionForm(fmt.Sprintf("Talk %d", i), start.Add(time.Duration(i)*time.Hour),
			"speakers", "@mia\nA Guest", "capacity", "100")); res.Status != http.StatusSeeOther {
			t.Fatalf("add session: %d\n%s", res.Status, res.Body)
		}
	}
	first := one("SELECT MIN(id) FROM gathering_sessions WHERE gathering_id = $1", gid)
	if res := e.As("mia").Post(fmt.Sprintf("%s/sessions/%d/place", g, first), form("action", "join")); res.Status != http.StatusSeeOther {
		t.Fatalf("join: %d", res.Status)
	}
	miaID := one("SELECT id FROM people WHERE handle = 'mia'")
	aaron := one("SELECT id FROM people WHERE handle = 'aaron'")
	return conferenceFixture{e: e, d: d, g: g, gid: gid, occ: occ, first: first, miaID: miaID, aaron: aaron, start: start}
}

// grow makes it 3,000 attendees and 40 sessions, with places in them.
func (f conferenceFixture) grow(t testing.TB) {
	t.Helper()
	ctx, d, start, gid, occ, miaID := context.Background(), f.d, f.start, f.gid, f.occ, f.miaID
	var cid int
	if err := d.QueryRowContext(ctx, "SELECT id FROM communities WHERE slug = 'eng'").Scan(&cid); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	bulk := []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2998)
			INSERT INTO people (handle, email, name, password_hash, created_at) SELECT 'att-' || i, 'att-' || i || '@example.org', 'Attendee ' || i, 'x', $1 FROM n`,
		`INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			SELECT ` + fmt.Sprint(cid) + `, id, 'member', 'active', $1, $1 FROM people WHERE handle LIKE 'att-%'`,
		`INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at) SELECT ` + fmt.Sprint(occ) + `, id, 'going', $1 FROM people WHERE handle LIKE 'att-%'`,
	}
	if err := d.WithTx(ctx, func(tx *db.Tx) error {
		for _, q := range bulk {
			if _, err := tx.ExecContext(ctx, q, now); err != nil {
				return fmt.Errorf("%s: %w", q[:40], err)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, `UPDATE gathering_occurrences SET going = going + 2998 WHERE id = $1`, occ); err != nil {
		t.Fatal(err)
	}
	if err := d.WithTx(ctx, func(tx *db.Tx) error {
		for i := range 38 {
			at := start.Add(time.Duration(i%20) * time.Hour)
			var sid int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO gathering_sessions (gathering_id, title, starts_at, ends_at, room, track, description, capacity, created_at, updated_at)
					VALUES ($1, $2, $3, $4, 'Hall', 'Steel', 'About *it*.', 200, $5, $5) RETURNING id`, gid, fmt.Sprintf("Session %d", i), at, at.Add(time.Hour), now).Scan(&sid); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_session_speakers (session_id, position, person_id, guest_name)
					VALUES ($1, 1, $2, NULL), ($1, 2, NULL, 'A guest')`, sid, miaID); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := d.WithTx(ctx, func(tx *db.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO gathering_session_places (session_id, person_id, state, added_at)
			SELECT s.id, p.id, 'going', $1 FROM gathering_sessions s, people p WHERE s.gathering_id = $2 AND p.handle LIKE 'att-%' AND (s.id + p.id) % 13 = 0`, now, gid)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
