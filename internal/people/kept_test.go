package people_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
)

// shown is everything the people lists show a reader, as text: the
// directory's first page and its departments, the directory by topic, the
// ranking of experts on sourdough (with what each score rests on) and in a
// department, and the reader's people to meet.
func shown(t *testing.T, s *people.Service, a auth.Actor) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	row := func(p people.Person) {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%d|%t|%t|%t; ", p.Handle, p.Name, p.Title, p.Department, p.Avatar, p.Disabled, p.Admin, p.Sponsor)
	}
	page, err := s.FindPage(ctx, a, people.Filter{}, people.At{})
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString("people: ")
	for _, p := range page.People {
		row(p)
	}
	b.WriteString("\ndepartments: ")
	for _, d := range page.Departments {
		fmt.Fprintf(&b, "%s|%s; ", d.Slug, d.Name)
	}
	b.WriteString("\nmeet: ")
	for _, x := range page.Meet {
		row(x.Person)
		fmt.Fprintf(&b, "%v; ", x.Shared)
	}
	for _, f := range []people.Filter{{Topic: "sourdough"}, {Topic: "sourdough", Level: people.Expert}, {Department: "bakery"}} {
		list, _, err := s.Find(ctx, a, f, people.At{})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "\n%+v: ", f)
		for _, p := range list {
			row(p)
		}
	}
	for _, q := range []people.ExpertQuery{{Topic: "sourdough"}, {Topic: "sourdough", Department: "bakery"}} {
		list, _, err := s.Experts(ctx, a, q)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "\nexperts %+v: ", q)
		for _, r := range list {
			row(r.Person)
			fmt.Fprintf(&b, "%d (%s); ", r.Score, r.Why())
		}
	}
	return b.String()
}

// TestKeptListsShowEveryChangeAtOnce: after each write that changes what the
// people lists show (through the services or by SQL, as another instance
// would), the lists read through the kept pages are what a fresh instance
// reads, for a member and for an administrator (who also sees disabled
// people), and they did change.
func TestKeptListsShowEveryChangeAtOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		admin := person(t, d, "root", true)
		bakery := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1)", db.Now())
		wards := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Wards', 'wards', $1)", db.Now())
		w.run(t, "UPDATE people SET department_id = $1 WHERE handle IN ('ana', 'ben', 'viewer')", bakery)
		w.run(t, "UPDATE people SET department_id = $1 WHERE handle IN ('cy', 'dee', 'eve')", wards)
		w.declare(t, "ana", people.Expert)
		w.declare(t, "ben", people.Practising)
		w.declare(t, "viewer", people.Learning)
		w.declare(t, "eve", people.Expert)
		profile := func(handle, name string, dept int64, interests string) {
			t.Helper()
			if err := w.s.UpdateProfile(ctx, w.actors[handle], people.ProfileInput{Name: name, DepartmentID: dept, Interests: interests}); err != nil {
				t.Fatal(err)
			}
		}
		profile("viewer", "Person viewer", bakery, "pickles")
		profile("cy", "Person cy", wards, "pickles")
		readers := []auth.Actor{w.actors["viewer"], admin}
		for _, step := range []struct {
			name  string
			write func()
		}{
			{"a rename through the profile", func() { profile("ana", "Ana Renamed", bakery, "") }},
			{"a rename by SQL", func() { w.run(t, "UPDATE people SET name = 'Ben B.' WHERE handle = 'ben'") }},
			{"a title", func() { w.run(t, "UPDATE people SET title = 'Head baker' WHERE handle = 'ana'") }},
			{"a department renamed", func() { w.run(t, "UPDATE departments SET name = 'Bread' WHERE slug = 'bakery'") }},
			{"a department added", func() {
				w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Aardvarks', 'aardvarks', $1)", db.Now())
			}},
			{"a move to another department", func() { w.run(t, "UPDATE people SET department_id = $1 WHERE handle = 'eve'", bakery) }},
			{"an avatar", func() { w.run(t, "UPDATE people SET avatar = avatar + 1 WHERE handle = 'cy'") }},
			{"a sponsor", func() { w.run(t, "UPDATE people SET is_sponsor = TRUE WHERE handle = 'dee'") }},
			{"a person disabled", func() { w.run(t, "UPDATE people SET disabled_at = $1 WHERE handle = 'ben'", db.Now()) }},
			{"a newcomer", func() { person(t, d, "aaron", false) }},
			{"a declaration", func() { w.declare(t, "cy", people.Expert) }},
			{"a level changed", func() { w.declare(t, "cy", people.Learning) }},
			{"an endorsement", func() { w.endorse(t, "dee", "ana") }},
			{"a recount after an accepted answer", func() {
				w.acceptedAnswer(t, "open", "cy")
				if err := w.s.Recount(ctx); err != nil {
					t.Fatal(err)
				}
			}},
			{"an interest shared", func() { profile("dee", "Person dee", wards, "pickles") }},
			{"an interest dropped", func() { profile("cy", "Person cy", wards, "") }},
			{"a declaration dropped", func() {
				if err := w.s.SetExpertise(ctx, w.actors["eve"], nil); err != nil {
					t.Fatal(err)
				}
			}},
			{"a department removed", func() { w.run(t, "DELETE FROM departments WHERE slug = 'wards'") }},
			{"a person removed", func() { w.run(t, "DELETE FROM people WHERE handle = 'aaron'") }},
		} {
			before := map[int64]string{}
			for _, a := range readers {
				before[a.PersonID] = shown(t, w.s, a) // kept from here
			}
			step.write()
			fresh := newService(d)
			changed := false
			for _, a := range readers {
				got, want := shown(t, w.s, a), shown(t, fresh, a)
				if got != want {
					t.Errorf("%s: %s is shown\n%s\nwhere a fresh instance reads\n%s", step.name, a.Handle, got, want)
				}
				changed = changed || got != before[a.PersonID]
			}
			if !changed {
				t.Errorf("%s: nothing shown changed (the step tests nothing):\n%s", step.name, before[admin.PersonID])
			}
		}
		if got := shown(t, w.s, w.actors["viewer"]); strings.Contains(got, "|true|false|false;") {
			t.Errorf("a member is shown a disabled person after an administrator's read:\n%s", got)
		}
	})
}

// TestPeopleListsVersionsMoveOnlyWithWhatTheyShow: the writes people make
// all day that the lists do not show (a bio, an e-mail address, a time zone,
// a join, a pause of questions) leave people_lists_version where it was;
// a topic's declarations move only its own holders, and an endorsement
// only its scores.
func TestPeopleListsVersionsMoveOnlyWithWhatTheyShow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		w.declare(t, "ana", people.Expert)
		version := func() (people, sourdoughHolders, sourdoughScores, ryeHolders int64) {
			t.Helper()
			err := d.QueryRowContext(ctx, `SELECT v.version,
				COALESCE((SELECT version FROM topic_holders_versions WHERE tag = 'sourdough'), 0),
				COALESCE((SELECT version FROM topic_scores_versions WHERE tag = 'sourdough'), 0),
				COALESCE((SELECT version FROM topic_holders_versions WHERE tag = 'rye'), 0)
				FROM people_lists_version v`).Scan(&people, &sourdoughHolders, &sourdoughScores, &ryeHolders)
			if err != nil {
				t.Fatal(err)
			}
			return
		}
		p0, h0, s0, r0 := version()
		w.run(t, "UPDATE people SET bio = 'Bakes.', email = 'ana@example.net', time_zone = 'Europe/Paris' WHERE handle = 'ana'")
		w.run(t, "UPDATE people SET name = name, title = title WHERE handle = 'ana'")
		if err := w.s.SetAsksPaused(ctx, w.actors["ben"], true); err != nil {
			t.Fatal(err)
		}
		w.join(t, "open", "ana")
		if p, h, s, r := version(); p != p0 || h != h0 || s != s0 || r != r0 {
			t.Errorf("writes the lists do not show moved the versions: people %d→%d, sourdough %d→%d and %d→%d, rye %d→%d", p0, p, h0, h, s0, s, r0, r)
		}
		if err := w.s.SetExpertise(ctx, w.actors["ben"], []people.ExpertiseInput{{"rye", string(people.Learning)}}); err != nil {
			t.Fatal(err)
		}
		if p, h, _, r := version(); p != p0 || h != h0 || r == r0 {
			t.Errorf("a declaration of rye: people %d→%d, sourdough's holders %d→%d, rye's %d→%d", p0, p, h0, h, r0, r)
		}
		_, h1, s1, r1 := version()
		w.endorse(t, "cy", "ana")
		if p, h, s, r := version(); p != p0 || h != h1 || r != r1 || s == s1 {
			t.Errorf("an endorsement in sourdough: people %d→%d, holders %d→%d, scores %d→%d, rye %d→%d", p0, p, h1, h, s1, s, r1, r)
		}
	})
}

// TestPeopleListsVersionsHoldUnderConcurrentWrites: renames, moves between
// departments, declarations and endorsements on two topics and a recount of
// every topic, all at once
// (on PostgreSQL, in parallel transactions that bump the same version rows),
// all succeed without a deadlock, and the lists read through the kept pages
// afterwards are what a fresh instance reads.
func TestPeopleListsVersionsHoldUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		bakery := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1)", db.Now())
		wards := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Wards', 'wards', $1)", db.Now())
		handles := []string{"ana", "ben", "cy", "dee", "eve", "fay", "gus"}
		for _, h := range handles {
			w.declare(t, h, people.Practising)
		}
		viewer := w.actors["viewer"]
		before := shown(t, w.s, viewer)
		errc := make(chan error, 3*len(handles)+1)
		go func() { errc <- w.s.Recount(ctx) }()
		for i, h := range handles {
			a, next := w.actors[h], handles[(i+1)%len(handles)]
			dept := []int64{bakery, wards}[i%2]
			go func() {
				errc <- w.s.UpdateProfile(ctx, a, people.ProfileInput{Name: "Renamed " + h, DepartmentID: dept, Interests: "pickles"})
			}()
			go func() {
				errc <- w.s.SetExpertise(ctx, a, []people.ExpertiseInput{{"sourdough", string(people.Expert)}, {"rye", string(people.Learning)}})
			}()
			go func() { errc <- w.s.Endorse(ctx, a, next, "sourdough", "") }()
		}
		for range 3*len(handles) + 1 {
			if err := <-errc; err != nil {
				t.Errorf("a write at the same time as others: %v", err)
			}
		}
		got, want := shown(t, w.s, viewer), shown(t, newService(d), viewer)
		if got != want || got == before {
			t.Errorf("after the writes, shown\n%s\nwhere a fresh instance reads\n%s\n(before them:\n%s)", got, want, before)
		}
	})
}
