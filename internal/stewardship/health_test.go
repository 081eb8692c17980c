package stewardship_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/stewardship"
)

// value is a stored figure's current and previous values, -1 for none.
func value(h stewardship.Health, name string) (float64, float64) {
	f := h.Figures[name]
	c, p := -1.0, -1.0
	if f.Current.Valid {
		c = f.Current.Float64
	}
	if f.Previous.Valid {
		p = f.Previous.Float64
	}
	return c, p
}

// Time to first response and the unanswered queue on a constructed
// history, against values computed by hand (see each question's comment).
func TestResponseTimesAndQueueByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, db.Now(), "ana", "ben", "cy", "dee", "eve")
		q1 := w.ask(t, "ana", 10*day)
		w.reply(t, q1, "ana", time.Hour) // the asker's own reply does not count
		w.reply(t, q1, "ben", 5*time.Hour)
		w.reply(t, w.ask(t, "ana", 20*day), "cy", 30*time.Hour)
		w.reply(t, w.ask(t, "ben", 40*day), "ana", 60*time.Hour)
		q4 := w.ask(t, "ben", 5*day) // unanswered, waiting past 72 h
		w.reply(t, q4, "ben", time.Hour)
		w.ask(t, "cy", day)                                     // unanswered but too young to judge or queue
		w.reply(t, w.ask(t, "cy", 100*day), "dee", 2*time.Hour) // the previous 90 days
		q7 := w.ask(t, "dee", 15*day)
		w.run(t, `UPDATE posts SET deleted_at = $1 WHERE id = $2`, w.now, w.reply(t, q7, "ben", time.Hour)) // deleted: does not count
		w.reply(t, q7, "eve", 10*time.Hour)
		q8 := w.ask(t, "eve", 6*day) // unanswered but locked: not queued
		w.run(t, `UPDATE threads SET locked_at = $1 WHERE id = $2`, w.now, q8)
		// Experts on sourdough: ben asked q4 (left out), eve paused being asked.
		for h, score := range map[string]int{"ben": 50, "eve": 40, "dee": 20, "cy": 10} {
			w.run(t, `INSERT INTO expertise_scores (tag, person_id, score) VALUES ('sourdough', $1, $2)`, w.actors[h].PersonID, score)
		}
		w.run(t, `UPDATE people SET asks_paused = TRUE WHERE handle = 'eve'`)

		h := w.health(t, 90)
		// 90 days: answered after 5, 10, 30, 60 h: median (10+30)/2 = 20,
		// p90 the 4th of 4 = 60; judged 6 (not the day-old one), in 48 h 3.
		// Before: one question, answered after 2 h.
		for _, c := range []struct {
			name      string
			cur, prev float64
		}{{stewardship.FigMedian, 20, 2}, {stewardship.FigP90, 60, 2}, {stewardship.FigInTime, 0.5, 1}, {stewardship.FigQuestions, 7, 1},
			{stewardship.FigUnanswered, 1, -1}} {
			if cur, prev := value(h, c.name); cur != c.cur || prev != c.prev {
				t.Errorf("90 days, %s = %v (before %v), want %v (%v)", c.name, cur, prev, c.cur, c.prev)
			}
		}
		if h.Figures[stewardship.FigMedian].Better != stewardship.Down || h.Figures[stewardship.FigInTime].Better != stewardship.Up {
			t.Errorf("directions: %+v", h.Figures)
		}
		// 30 days: 5, 10, 30 h: median 10, p90 the 3rd = 30; 3 of 5 in time.
		// Before: the 40-day-old one, after 60 h.
		h30 := w.health(t, 30)
		for _, c := range []struct {
			name      string
			cur, prev float64
		}{{stewardship.FigMedian, 10, 60}, {stewardship.FigP90, 30, 60}, {stewardship.FigInTime, 0.6, 0}} {
			if cur, prev := value(h30, c.name); cur != c.cur || prev != c.prev {
				t.Errorf("30 days, %s = %v (before %v), want %v (%v)", c.name, cur, prev, c.cur, c.prev)
			}
		}
		if len(h.Queue) != 1 || h.Queue[0].ThreadID != q4 || h.Queue[0].URL == "" {
			t.Fatalf("queue: %+v", h.Queue)
		}
		var experts []string
		for _, e := range h.Queue[0].Experts {
			experts = append(experts, e.Handle)
		}
		if len(experts) != 2 || experts[0] != "dee" || experts[1] != "cy" {
			t.Errorf("experts for the waiting question: %v, want dee, cy", experts)
		}
		questions := 0
		for _, wk := range h.Weeks {
			questions += wk.Questions
			if wk.Start.Weekday() != time.Monday {
				t.Errorf("a week from %v", wk.Start)
			}
		}
		if questions != 7 { // the weeks of the last 90 days (and a few days before, to the Monday)
			t.Errorf("%d questions in the weeks: %+v", questions, h.Weeks)
		}
		// An answer to the waiting question takes it off the queue.
		w.reply(t, q4, "dee", 5*day)
		if h := w.health(t, 90); len(h.Queue) != 0 {
			t.Errorf("queue after an answer: %+v", h.Queue)
		}
	})
}

// Rings (by the participation count's rules), the absence factor and the
// fading regulars on a constructed history, against values by hand.
func TestRingsAbsenceAndFadingByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, db.Now(), "ana", "ben", "cy", "dee", "eve", "fay", "gus")
		w.act(t, "ana", "entry.published", 40*day, 4) // 12 points: active, nothing for 40 days: fading
		w.act(t, "ben", "answer.added", 3*day, 3)     // 3: occasional
		w.act(t, "cy", "answer.added", 3*day, 1)      // 1: occasional
		w.act(t, "dee", "answer.added", 3*day, 1)
		w.act(t, "dee", "comment.added", 3*day, 1)                                   // 2: occasional
		w.act(t, "eve", "member.joined", 3*day, 1)                                   // counts nothing: peripheral
		w.act(t, "gus", "entry.published", 50*day, 2)                                // 6
		w.attend(t, "gus", 10*day)                                                   // 8: active, present 10 days ago: not fading
		w.act(t, "fay", "entry.published", 120*day, 5)                               // the 90 days before: core then
		if err := w.people.RecountCommunity(context.Background(), w.c); err != nil { // the fading read the participation levels
			t.Fatal(err)
		}
		h := w.health(t, 90)
		// Contributions in 90 days: ana 4, ben 3, dee 2, gus 2, cy 1 (12):
		// ana and ben make 7 ≥ 6. Answers: ben 3 of 5 ≥ 2.5. Before: fay 5.
		for _, c := range []struct {
			name      string
			cur, prev float64
		}{
			{stewardship.FigAbsenceAll, 2, 1}, {stewardship.FigAbsenceAns, 1, 0},
			{stewardship.FigRing + "core", 0, 1}, {stewardship.FigRing + "active", 2, 0},
			{stewardship.FigRing + "occasional", 3, 0}, {stewardship.FigRing + "peripheral", 3, 7},
			{stewardship.FigFading, 1, -1},
		} {
			if cur, prev := value(h, c.name); cur != c.cur || prev != c.prev {
				t.Errorf("%s = %v (before %v), want %v (%v)", c.name, cur, prev, c.cur, c.prev)
			}
		}
		if len(h.Fading) != 1 || h.Fading[0].Handle != "ana" || h.Fading[0].Level != people.Active ||
			!h.Fading[0].LastSeen.Valid || !h.Fading[0].LastSeen.Time.Equal(w.now.Add(-40*day)) {
			t.Errorf("fading: %+v", h.Fading)
		}
		// The rings agree with the participation page's.
		_, counts, _, _, err := w.people.Participation(context.Background(), w.actors["sam"], "bread", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range stewardship.RingOrder {
			if cur, _ := value(h, stewardship.FigRing+string(r)); int(cur) != counts[r] {
				t.Errorf("%s: %v here, %d on the participation page", r, cur, counts[r])
			}
		}
	})
}

// The rings month by month, with a fixed clock: who moved inward, held,
// moved out or joined at each month's start.
func TestRingsFlowByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		w := newWorld(t, d, now, "ana", "ben", "eve")
		w.person(t, "cy", time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC))
		w.act(t, "ana", "entry.published", now.Sub(time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)), 5) // core from 10 April
		w.act(t, "ben", "comment.added", now.Sub(time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)), 1)   // occasional from 20 March
		w.act(t, "eve", "entry.published", now.Sub(time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)), 2) // active 20 Jan to 20 April
		h := w.health(t, 90)
		if len(h.Flow) != stewardship.FlowMonths {
			t.Fatalf("%d months: %+v", len(h.Flow), h.Flow)
		}
		want := []struct {
			month                         time.Month
			core, active, occ, periph     int
			inward, held, outward, joined int
		}{
			// 1 April: ben inward; eve active; ana, sam held.
			{time.April, 0, 1, 1, 2, 1, 3, 0, 0},
			// 1 May: ana inward (core), eve outward (active to peripheral), ben, sam held.
			{time.May, 1, 0, 1, 2, 1, 2, 1, 0},
			// 1 June: cy joined; the others held.
			{time.June, 1, 0, 1, 3, 0, 4, 0, 1},
		}
		for i, c := range want {
			f := h.Flow[len(h.Flow)-3+i]
			if f.Month.Month() != c.month || f.Rings[people.Core] != c.core || f.Rings[people.Active] != c.active ||
				f.Rings[people.Occasional] != c.occ || f.Rings[people.Peripheral] != c.periph ||
				f.Inward != c.inward || f.Held != c.held || f.Outward != c.outward || f.Joined != c.joined {
				t.Errorf("month %d: %+v, want %+v", i, f, c)
			}
		}
	})
}

// Only stewards and administrators read the health page; everyone else is
// told there is no such page.
func TestHealthIsForStewardsAndAdministrators(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, db.Now(), "mia")
		out := w.person(t, "out", time.Time{})
		admin := w.person(t, "ada", time.Time{})
		w.run(t, `UPDATE people SET is_admin = TRUE WHERE id = $1`, admin.PersonID)
		admin.Admin = true
		ctx := context.Background()
		if _, err := w.s.Health(ctx, w.actors["sam"], "bread", 7); err != nil {
			t.Errorf("steward: %v", err)
		}
		if h, err := w.s.Health(ctx, admin, "bread", 0); err != nil || h.Days != stewardship.DefaultDays {
			t.Errorf("admin: %v, days %d", err, h.Days)
		}
		if _, err := w.s.Health(ctx, w.actors["mia"], "bread", 90); !errs.Is(err, errs.NotFound) {
			t.Errorf("member: %v", err)
		}
		if _, err := w.s.Health(ctx, out, "bread", 90); !errs.Is(err, errs.NotFound) {
			t.Errorf("outsider: %v", err)
		}
	})
}

// Stale knowledge: the entries past review by the library's own rule
// (review-by date passed, or neither edited nor verified for the
// community's 365 days), never drafts, the most viewed first.
func TestStaleKnowledgeByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
		w := newWorld(t, d, now)
		old, recent := now.AddDate(-2, 0, 0), now.AddDate(0, 0, -1)
		entry := func(slug, maturity string, updated time.Time, views int, reviewBy, verified any) {
			t.Helper()
			w.exec(t, `INSERT INTO entries (community_id, slug, kind, title, maturity, created_at, updated_at, views, review_by, verified_at)
				VALUES ($1, $2, 'lesson', $3, $4, $5, $5, $6, $7, $8)`, w.c, slug, "Entry "+slug, maturity, updated, views, reviewBy, verified)
		}
		entry("a", "published", old, 50, nil, nil)                        // not edited for two years
		entry("b", "published", recent, 80, now.AddDate(0, 0, -10), nil)  // review was due ten days ago
		entry("c", "published", old, 500, nil, now.AddDate(0, 0, -10))    // verified ten days ago
		entry("d", "draft", old, 900, nil, nil)                           // a draft is never stale
		entry("e", "published", recent, 1000, now.AddDate(0, 0, 30), nil) // review due next month
		entry("f", "reviewed", old, 50, nil, nil)                         // as stale as a, later id
		h := w.health(t, 90)
		var got []string
		for _, e := range h.Stale {
			got = append(got, e.Slug)
		}
		if want := []string{"b", "a", "f"}; !slices.Equal(got, want) {
			t.Fatalf("stale entries %v, want %v", got, want)
		}
		if !h.Stale[0].ReviewBy.Valid || h.Stale[1].ReviewBy.Valid || h.Stale[0].Views != 80 {
			t.Errorf("stale entries' details: %+v", h.Stale)
		}
		table, ok := h.Table("stale")
		if !ok || len(table.Rows) != 3 || table.Rows[0][1] != "/c/bread/practice/b" || table.Rows[0][3] != "2026-11-20" {
			t.Errorf("stale table: %+v", table)
		}
	})
}
