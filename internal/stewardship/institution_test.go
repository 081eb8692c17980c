package stewardship_test

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/stewardship"
)

// institutionWorld is a constructed institution: bread (the world's
// community), cheese, and an archived one, old, whose history counts
// nowhere. Its figures are worked out by hand in TestInstitutionByHand.
func institutionWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	w := newWorld(t, d, now, "a1", "a2", "b1", "b2", "zed")
	w.department(t, "Bakery", "a1", "a2")
	w.department(t, "Mill", "b1", "b2")
	w.department(t, "Farm")
	w.person(t, "x1", time.Time{})
	w.person(t, "nomad", now.AddDate(0, 0, -10))
	long := now.AddDate(-2, 0, 0)
	cheese := w.exec(t, `INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES ('cheese', 'Cheese', 'public', 'open', 'maturing', 'active', $1, $1)`, long)
	old := w.exec(t, `INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES ('old', 'Old', 'public', 'open', 'stewardship', 'archived', $1, $1)`, long)
	member := func(c int64, handle string) {
		w.run(t, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES ($1, $2, 'member', 'active', $3, $3)`,
			c, w.actors[handle].PersonID, long)
	}
	member(cheese, "b1")
	member(cheese, "b2")
	member(old, "x1")
	ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
	act := func(c int64, handle, verb, kind string, subject int64, at time.Time) {
		w.run(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			w.actors[handle].PersonID, verb, kind, subject, c, at)
	}
	// Contributions in the 90 days: a1 2 + 1 entries, a2 1, b1 2, zed 1;
	// x1 5 in old; b1 one before the window; nomad only joined.
	for _, e := range []struct {
		c      int64
		handle string
		n      int
	}{{w.c, "a1", 2}, {cheese, "a1", 1}, {w.c, "a2", 1}, {cheese, "b1", 2}, {w.c, "zed", 1}, {old, "x1", 5}} {
		for i := range e.n {
			act(e.c, e.handle, "entry.published", "entry", 1, ago(5+i))
		}
	}
	act(cheese, "b1", "entry.published", "entry", 1, ago(100))
	act(w.c, "nomad", "member.joined", "community", w.c, ago(10))
	// Questions, each answered (a post and its activity) hours after: q1
	// by a2, answered by a1 (2 h) and b1 (30 h): across departments; q3 by
	// zed (no department) answered by a1 (6 h); in cheese q2 and q4 by b1,
	// answered by b2 (10 h, 4 h): inside Mill.
	question := func(c int64, handle string, asked time.Time) int64 {
		return w.exec(t, `INSERT INTO threads (community_id, kind, title, body, author_id, created_at, last_activity_at) VALUES ($1, 'question', 'Why?', 'Why?', $2, $3, $3)`,
			c, w.actors[handle].PersonID, asked)
	}
	answer := func(c, thread int64, handle string, at time.Time) {
		w.run(t, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
			VALUES ('thread', $1, $2, 'answer', $3, 'Because.', $4, $4)`, thread, c, w.actors[handle].PersonID, at)
		act(c, handle, "answer.added", "thread", thread, at)
	}
	q1, q3 := question(w.c, "a2", ago(20)), question(w.c, "zed", ago(20))
	answer(w.c, q1, "a1", ago(20).Add(2*time.Hour))
	answer(w.c, q1, "b1", ago(20).Add(30*time.Hour))
	answer(w.c, q3, "a1", ago(20).Add(6*time.Hour))
	q2, q4 := question(cheese, "b1", ago(20)), question(cheese, "b1", ago(30))
	answer(cheese, q2, "b2", ago(20).Add(10*time.Hour))
	answer(cheese, q4, "b2", ago(30).Add(4*time.Hour))
	// Gatherings: a1 hosted one long ago and one now with sam, who
	// attended it: sam is the one new host; x1's in old does not count.
	gathering := func(c int64, created time.Time, hosts ...string) int64 {
		g := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at) VALUES ($1, 'Bake', 'UTC', $2, 60, $2, $2)`,
			c, created)
		for _, h := range hosts {
			w.run(t, `INSERT INTO gathering_hosts (gathering_id, person_id) VALUES ($1, $2)`, g, w.actors[h].PersonID)
		}
		return g
	}
	gathering(w.c, ago(200), "a1")
	g := gathering(w.c, ago(10), "a1", "sam")
	gathering(old, ago(10), "x1")
	o := w.exec(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at) VALUES ($1, $2, $3, $3, $4)`,
		g, w.c, ago(10), ago(10).Add(time.Hour))
	w.run(t, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended) VALUES ($1, $2, 'going', $3, true)`, o, w.actors["sam"].PersonID, ago(10))
	// Participation as the nightly count left it: Bakery and Mill have a
	// core or active member, Farm none; a1 is the one core person (x1 is
	// in old).
	for _, p := range []struct {
		c             int64
		handle, level string
	}{{w.c, "a1", "core"}, {w.c, "zed", "active"}, {w.c, "a2", "occasional"}, {cheese, "b1", "active"}, {old, "x1", "core"}} {
		w.run(t, `INSERT INTO participation (community_id, person_id, level) VALUES ($1, $2, $3)`, p.c, w.actors[p.handle].PersonID, p.level)
	}
	// Entries linked in the window: bread's twice, cheese's once; old's
	// and one linked before the window do not count.
	entry := func(c int64, slug string) int64 {
		return w.exec(t, `INSERT INTO entries (community_id, slug, kind, title, maturity, created_at, updated_at) VALUES ($1, $2, 'lesson', 'E', 'published', $3, $3)`,
			c, slug, long)
	}
	link := func(from, to int64, at time.Time) {
		w.run(t, `INSERT INTO links (from_kind, from_id, to_kind, to_id, kind, created_at) VALUES ('thread', $1, 'entry', $2, 'mentions', $3)`, from, to, at)
	}
	e1, e2, e3, e4 := entry(w.c, "rye"), entry(cheese, "brie"), entry(old, "gone"), entry(cheese, "feta")
	link(q1, e1, ago(5))
	link(q3, e1, ago(3))
	link(q2, e2, ago(5))
	link(q2, e3, ago(5))
	link(q4, e4, ago(100))
	// Exchange decayed to 1 April (half-life 30 days): a reply on 2 March
	// across Bakery and Mill in bread (1/2), inside Bakery in bread (1/2)
	// and inside Mill in cheese (1/2).
	march := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	across, inside, mill := question(w.c, "a1", march.Add(-time.Hour)), question(w.c, "a2", march.Add(-time.Hour)), question(cheese, "b1", march.Add(-time.Hour))
	reply := func(c, thread int64, handle string) {
		w.run(t, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
			VALUES ('thread', $1, $2, 'reply', $3, 'Yes.', $4, $4)`, thread, c, w.actors[handle].PersonID, march)
	}
	reply(w.c, across, "b1")
	reply(w.c, inside, "a1")
	reply(cheese, mill, "b2")
	// Stories: in bread a1's realises immediate (with evidence) and
	// potential value and hopes for applied; a2's immediate; zed's is
	// hidden. In cheese b1's realises immediate and reframing, with evidence.
	tell := func(slug, handle string, steps map[stewardship.Cycle]stewardship.StepInput) int64 {
		id, err := w.s.TellStory(context.Background(), w.actors[handle], slug, stewardship.StoryInput{Title: "Story of " + handle, Audience: stewardship.AudienceCommunity, Steps: steps})
		if err != nil {
			t.Fatalf("tell: %v", err)
		}
		return id
	}
	realised := func(evidence string) stewardship.StepInput {
		return stewardship.StepInput{Text: "It happened.", Evidence: evidence, Status: "realised"}
	}
	tell("bread", "a1", map[stewardship.Cycle]stewardship.StepInput{stewardship.Immediate: realised("https://example.org/a"),
		stewardship.Potential: realised(""), stewardship.Applied: {Text: "Soon.", Status: "hoped"}})
	tell("bread", "a2", map[stewardship.Cycle]stewardship.StepInput{stewardship.Immediate: realised("")})
	hidden := tell("bread", "zed", map[stewardship.Cycle]stewardship.StepInput{stewardship.Immediate: realised("https://example.org/z")})
	w.run(t, `UPDATE value_stories SET hidden_at = $1 WHERE id = $2`, now, hidden)
	tell("cheese", "b1", map[stewardship.Cycle]stewardship.StepInput{stewardship.Immediate: realised("https://example.org/b"),
		stewardship.Reframing: realised("https://example.org/c")})
	return w
}

var admin = auth.Actor{PersonID: 1, Handle: "root", Admin: true, Verified: true}

func TestInstitutionByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := institutionWorld(t, d)
		if err := w.s.Recount(ctx, true); err != nil {
			t.Fatal(err)
		}
		in, err := w.s.Institution(ctx, admin)
		if err != nil {
			t.Fatal(err)
		}
		if !in.CountedAt.Equal(w.now) {
			t.Errorf("counted at %v", in.CountedAt)
		}
		for _, c := range []struct {
			name string
			want float64
		}{
			{stewardship.InstCommunities, 2},
			{stewardship.InstPresent, 6}, // a1, a2, b1, b2, zed, and sam who attended
			{stewardship.InstDepartments, 3}, {stewardship.InstDepartmentsCore, 2},
			{stewardship.InstAnswered, 3}, {stewardship.InstAnsweredAcross, 1},
			{stewardship.InstQuestions, 4},
			{stewardship.InstMedian, (4*2 + 7*2) / 4.0}, // bread median 4 h of 2 questions, cheese 7 h of 2
			{stewardship.InstInTime, 1},
			{stewardship.InstCore, 1},
			{stewardship.InstAbsence, 2}, // of 12 contributions a1 made 5, b1 3
			{stewardship.InstNewHosts, 1},
			{stewardship.InstNewcomers, 1}, {stewardship.InstConverted, 0},
			{stewardship.InstEntriesLinked, 2},
		} {
			if v := in.Figure(c.name); !v.Valid || math.Abs(v.Float64-c.want) > 1e-9 {
				t.Errorf("%s = %v, want %v", c.name, v, c.want)
			}
		}
		// The map: active communities only, by name, their rings adding up
		// to their members, and the departments their members come from.
		if len(in.Communities) != 2 {
			t.Fatalf("map: %+v", in.Communities)
		}
		for i, want := range []struct {
			name, stage string
			members     int
			departments int
		}{{"Bread", "coalescing", 7, 2}, {"Cheese", "maturing", 2, 1}} {
			c := in.Communities[i]
			n := 0
			for _, r := range stewardship.RingOrder {
				n += c.Rings[r]
			}
			if c.Name != want.name || string(c.Stage) != want.stage || n != want.members || c.Departments != want.departments {
				t.Errorf("community %d: %+v (%d members), want %+v", i, c, n, want)
			}
		}
		// The matrix: three stories realised immediate value (two with
		// evidence), one potential, one reframing with evidence.
		wantValue := []stewardship.CycleValue{{Cycle: stewardship.Immediate, Stories: 3, WithEvidence: 2}, {Cycle: stewardship.Potential, Stories: 1},
			{Cycle: stewardship.Applied}, {Cycle: stewardship.Realized}, {Cycle: stewardship.Reframing, Stories: 1, WithEvidence: 1}}
		if !slices.Equal(in.Value, wantValue) {
			t.Errorf("value matrix %+v, want %+v", in.Value, wantValue)
		}
		value, _ := in.Table("value")
		if !slices.Equal(value.Rows[0], []string{"immediate", "3", "2", "67%"}) {
			t.Errorf("value table %v", value.Rows)
		}
		// E-I at 1 April: internal 1/2 + 1/2, external 1/2.
		if len(in.Quarters) != 4 {
			t.Fatalf("quarters: %+v", in.Quarters)
		}
		april := in.Quarters[3]
		if !april.Month.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) || math.Abs(april.Internal-1) > 1e-9 || math.Abs(april.External-0.5) > 1e-9 {
			t.Errorf("April: %+v", april)
		}
		ei, _ := in.Table("ei")
		if got := ei.Rows[3]; !slices.Equal(got, []string{"2026-04", "1", "0.5", "-0.3"}) {
			t.Errorf("E-I row %v", got)
		}
	})
}

// Only administrators see the institution's page: a visitor is asked to
// sign in, anyone else (a steward too) is told there is no such page.
func TestInstitutionOnlyForAdministrators(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC), "ann")
		for _, c := range []struct {
			who  string
			a    auth.Actor
			kind errs.Kind
		}{{"visitor", auth.Actor{}, errs.Unauthenticated}, {"member", w.actors["ann"], errs.NotFound}, {"steward", w.actors["sam"], errs.NotFound}} {
			if _, err := w.s.Institution(context.Background(), c.a); !errs.Is(err, c.kind) {
				t.Errorf("%s: %v, want %v", c.who, err, c.kind)
			}
		}
		in, err := w.s.Institution(context.Background(), admin)
		if err != nil || !in.CountedAt.IsZero() {
			t.Errorf("admin before a count: %+v, %v", in, err)
		}
	})
}

// Two counts of the institution at once (the job after activity and the
// nightly one) both succeed and leave one count's rows.
func TestInstitutionCountedConcurrently(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC), "ann")
		var wg sync.WaitGroup
		errors := make([]error, 4)
		for i := range errors {
			wg.Go(func() { errors[i] = w.s.RecountInstitution(context.Background()) })
		}
		wg.Wait()
		for i, err := range errors {
			if err != nil {
				t.Errorf("count %d: %v", i, err)
			}
		}
		var communities, figures int
		if err := d.QueryRowContext(context.Background(), `SELECT (SELECT COUNT(*) FROM institution_communities), (SELECT COUNT(*) FROM institution_figures)`).Scan(&communities, &figures); err != nil {
			t.Fatal(err)
		}
		in, err := w.s.Institution(context.Background(), admin)
		if err != nil || communities != 1 || figures != len(in.Figures) || len(in.Figures) == 0 {
			t.Errorf("after four counts at once: %d communities, %d figures (%d read), %v", communities, figures, len(in.Figures), err)
		}
	})
}
