package stewardship_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/stewardship"
)

// The rhythm in the zone most of the community's gatherings use (Paris),
// across the change to summer time on 29 March 2026 at 01:00 UTC: the
// same UTC hour falls an hour later in local time after it.
func TestRhythmAcrossSummerTimeByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := time.Date(2026, 4, 15, 12, 0, 0, 0, time.UTC)
		w := newWorld(t, d, now, "ana", "ben")
		utc := func(month time.Month, day, hour, minute int) time.Time {
			return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
		}
		w.actAt(t, "ana", "entry.published", utc(3, 28, 9, 30)) // Saturday 10:30 in Paris (UTC+1)
		w.actAt(t, "ana", "entry.published", utc(3, 30, 9, 30)) // Monday 11:30 (UTC+2)
		w.actAt(t, "ben", "answer.added", utc(4, 6, 9, 30))     // Monday 11:30 again
		w.actAt(t, "ben", "comment.added", utc(3, 29, 0, 30))   // Sunday 01:30, before the change
		w.actAt(t, "ben", "comment.added", utc(3, 29, 1, 30))   // Sunday 03:30, after it
		w.actAt(t, "ben", "member.joined", utc(4, 1, 9, 0))     // no contribution
		w.actAt(t, "ana", "entry.published", now.AddDate(0, 0, -100))
		w.gathering(t, "Europe/Paris", utc(4, 1, 16, 0)) // Wednesday 18:00
		w.gathering(t, "Europe/Paris", utc(4, 8, 16, 0)) // Wednesday 18:00
		w.gathering(t, "UTC", utc(3, 20, 10, 0))         // Friday 11:00 in Paris
		c := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at, cancelled_at)
			VALUES ($1, 'Off', 'Asia/Tokyo', $2, 60, $2, $2, $2)`, w.c, utc(4, 2, 1, 0))
		w.run(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at) VALUES ($1, $2, $3, $3, $4)`,
			c, w.c, utc(4, 2, 1, 0), utc(4, 2, 2, 0)) // cancelled: neither the zone nor a mark

		h := w.health(t, 90)
		if h.Zone != "Europe/Paris" {
			t.Errorf("zone %q, want Europe/Paris", h.Zone)
		}
		type cell struct {
			day       time.Weekday
			hour      int
			n, gather int
		}
		var got []cell
		for _, c := range h.Rhythm {
			got = append(got, cell{c.Weekday, c.Hour, c.Contributions, c.Gatherings})
		}
		want := []cell{{time.Sunday, 1, 1, 0}, {time.Sunday, 3, 1, 0}, {time.Monday, 11, 2, 0}, {time.Wednesday, 18, 0, 2},
			{time.Friday, 11, 0, 1}, {time.Saturday, 10, 1, 0}}
		if !slices.Equal(got, want) {
			t.Errorf("rhythm %v, want %v", got, want)
		}
		if h180 := w.health(t, 180); len(h180.Rhythm) != len(want)+1 {
			t.Errorf("180 days: %d cells, want the older contribution too", len(h180.Rhythm))
		}
		m := h.RhythmChart()
		if len(m.Cells) != 7*24 || m.Cells[2*24+18].Mark != "2" || m.Cells[0*24+11].Opacity != 1 || m.Cells[2*24+18].Title != "Wednesday 18:00–19:00: 0 contributions, 2 gatherings" {
			t.Errorf("rhythm chart: %+v", m.Cells[2*24+18])
		}
		table, _ := h.Table("rhythm")
		if len(table.Rows) != 6 || !slices.Equal(table.Rows[0], []string{"Monday", "11:00–12:00", "2", "0"}) {
			t.Errorf("rhythm table: %v", table.Rows)
		}
	})
}

// Gathering follow-through over 30 days and the 30 before (days ago):
// g at -100 ana; at -45 ben, fay; at -20 ana, ben, cy; at -10 ben, dee;
// at -5 nobody; at -3 eve; at -7 cancelled, gus.
func TestGatheringFollowThroughByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		w := newWorld(t, d, now, "ana", "ben", "cy", "dee", "eve", "fay", "gus")
		ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
		w.gathering(t, "UTC", ago(100), "ana")
		w.gathering(t, "UTC", ago(45), "ben", "fay")
		w.gathering(t, "UTC", ago(20), "ana", "ben", "cy")
		w.gathering(t, "UTC", ago(10), "ben", "dee")
		w.gathering(t, "UTC", ago(5))
		w.gathering(t, "UTC", ago(3), "eve")
		cancelled := w.gathering(t, "UTC", ago(7), "gus")
		w.run(t, `UPDATE gathering_occurrences SET cancelled_at = $1 WHERE id = $2`, now, cancelled)
		w.actAt(t, "ben", "entry.published", ago(18)) // 2 days after the gathering at -20
		w.actAt(t, "cy", "entry.published", ago(12))  // 8 days after: too late
		w.actAt(t, "dee", "comment.added", ago(9))    // a day after the one at -10
		w.actAt(t, "eve", "entry.published", ago(2))  // too recent a gathering to judge
		w.actAt(t, "fay", "answer.added", ago(42))    // 3 days after the one at -45
		w.actAt(t, "ana", "member.joined", ago(19))   // no contribution
		w.actAt(t, "gus", "entry.published", ago(6))  // his gathering was cancelled
		h := w.health(t, 30)
		// Now: held 4 (-20, -10, -5, -3); attendees ana, ben, cy, dee, eve;
		// first-timers cy, dee, eve (ana came at -100, ben at -45); repeat
		// ben; judged ana, ben, cy, dee (eve's is 3 days old), of whom ben
		// and dee contributed in time: 2 of 4.
		// Before: held 1; ben and fay, both first-timers; fay followed: 1 of 2.
		for _, c := range []struct {
			name      string
			cur, prev float64
		}{{stewardship.FigHeld, 4, 1}, {stewardship.FigAttendees, 5, 2}, {stewardship.FigFirstTimers, 3, 2}, {stewardship.FigRepeat, 1, 0},
			{stewardship.FigJudged, 4, 2}, {stewardship.FigFollowed, 0.5, 0.5}} {
			if cur, prev := value(h, c.name); cur != c.cur || prev != c.prev {
				t.Errorf("%s = %v (before %v), want %v (%v)", c.name, cur, prev, c.cur, c.prev)
			}
		}
		if h.Figures[stewardship.FigFollowed].Better != stewardship.Up {
			t.Error("follow-through: higher should be better")
		}
		table, _ := h.Table("gatherings")
		if last := table.Rows[len(table.Rows)-1]; !slices.Equal(last[1:], []string{"50", "50"}) {
			t.Errorf("follow-through table: %v", table.Rows)
		}
	})
}

// Departments and their exchange over 90 days, ending now (days ago):
// Bakery a1-a5, Mill b1-b5, Farm c1, Shop d1 (under five people: never
// shown), zed with no department.
func TestDepartmentsAndExchangeByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		w := newWorld(t, d, now, "a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4", "b5", "c1", "d1", "zed")
		w.department(t, "Bakery", "a1", "a2", "a3", "a4", "a5")
		w.department(t, "Mill", "b1", "b2", "b3", "b4", "b5")
		w.department(t, "Farm", "c1")
		w.department(t, "Shop", "d1")
		ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
		// Contributions: Bakery 9 by 5 people, Mill 5 by 5, Farm 6 by one,
		// zed 3: 23 in all; Bakery alone is under half of the departments'
		// 20, with Farm over it: 2 departments. Before: a1 once.
		for h, n := range map[string]int{"a1": 4, "a2": 2, "a3": 1, "a4": 1, "a5": 1, "b1": 1, "b2": 1, "b3": 1, "b4": 1, "b5": 1, "c1": 6, "zed": 3} {
			for i := range n {
				w.actAt(t, h, "entry.published", ago(5+i))
			}
		}
		w.actAt(t, "a1", "entry.published", ago(100))
		// Interactions, each weighing 2^(-age/30 days) at the window's end:
		q := w.ask(t, "a1", 31*day)
		w.post(t, q, "b1", "reply", 0, ago(30)) // Bakery-Mill 1/2
		w.post(t, q, "a1", "reply", 0, ago(30)) // to oneself: nothing
		w.run(t, `UPDATE posts SET deleted_at = $1 WHERE id = $2`, now, w.post(t, q, "b3", "reply", 0, ago(30)))
		w.run(t, `UPDATE posts SET hidden_at = $1 WHERE id = $2`, now, w.post(t, q, "b4", "reply", 0, ago(30))) // hidden: nothing either
		q2 := w.ask(t, "a3", 61*day)
		w.post(t, q2, "a2", "answer", 0, ago(60)) // inside Bakery 1/4
		w.run(t, `INSERT INTO endorsements (person_id, tag, endorser_id, created_at) VALUES ($1, 'rye', $2, $3)`,
			w.actors["a5"].PersonID, w.actors["c1"].PersonID, ago(30)) // Bakery-Farm 1/2
		// Five attend: each pair 1/4, at 30 days 1/8; zed's pairs count for nobody.
		w.gathering(t, "UTC", ago(30), "a1", "b1", "c1", "d1", "zed")
		// Ten attend: each pair 1/9, at 60 days 1/36: 10 pairs inside each, 25 across.
		w.gathering(t, "UTC", ago(60), "a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4", "b5")
		q3 := w.ask(t, "a2", 121*day)
		w.post(t, q3, "a1", "reply", 0, ago(120)) // the window before: inside, 1/2 at its end

		h := w.health(t, 90)
		internal, external := 0.25+20.0/36, 0.5+0.5+6.0/8+25.0/36
		for _, c := range []struct {
			name      string
			cur, prev float64
		}{{stewardship.FigContributions, 23, 1}, {stewardship.FigNoDepartment, 3, 0}, {stewardship.FigDepartmentsHalf, 2, 1},
			{stewardship.FigEI, (external - internal) / (external + internal), -1}, {stewardship.FigExchangeWeight, internal + external, 0.5},
			{stewardship.FigConnectors, 4, 0}} { // a1, b1, c1, d1 reached three other departments; a5 two
			if cur, prev := value(h, c.name); math.Abs(cur-c.cur) > 1e-9 || math.Abs(prev-c.prev) > 1e-9 {
				t.Errorf("%s = %v (before %v), want %v (%v)", c.name, cur, prev, c.cur, c.prev)
			}
		}
		// Only Bakery and Mill have five people behind their numbers; the
		// Bakery's one contributor before is not shown.
		var names []string
		for _, dep := range h.Departments {
			names = append(names, dep.Name)
		}
		if !slices.Equal(names, []string{"Bakery", "Mill"}) || h.Departments[0].Contributions.Int64 != 9 || h.Departments[0].Previous.Valid {
			t.Fatalf("departments: %+v", h.Departments)
		}
		mix, _ := h.Table("departments")
		if !slices.Equal(mix.Rows[0], []string{"Bakery", "39.1%", "", "9", ""}) || !slices.Equal(mix.Rows[1], []string{"Mill", "21.7%", "", "5", ""}) {
			t.Errorf("department mix: %v", mix.Rows)
		}
		exchange, _ := h.Table("exchange")
		total := internal + external
		pct := func(v float64) string { return stewardship.Number(math.Round(v/total*1000)/10) + "%" }
		wantRows := [][]string{{"Bakery", pct(0.25 + 10.0/36), pct(0.5 + 1.0/8 + 25.0/36)}, {"Mill", pct(0.5 + 1.0/8 + 25.0/36), pct(10.0 / 36)}}
		if !slices.Equal(exchange.Head, []string{"department", "Bakery", "Mill"}) || !slices.EqualFunc(exchange.Rows, wantRows, slices.Equal) {
			t.Errorf("exchange: %v %v, want %v", exchange.Head, exchange.Rows, wantRows)
		}
		var connectors []string
		for _, c := range h.Connectors {
			connectors = append(connectors, c.Handle)
			if c.Departments != 3 {
				t.Errorf("connector %+v", c)
			}
		}
		slices.Sort(connectors)
		if !slices.Equal(connectors, []string{"a1", "b1", "c1", "d1"}) {
			t.Errorf("connectors %v", connectors)
		}
		// The trend: the 90 days before 1 June, seen from then: the
		// interactions of 16 May (15.5 days old) and 16 April (45.5).
		june := h.ExchangeMonths[len(h.ExchangeMonths)-1]
		may, april := math.Exp2(-15.5/30), math.Exp2(-45.5/30)
		wantIn, wantOut := april*(1+20.0/9), may*(1+1+6.0/4)+april*25.0/9
		if len(h.ExchangeMonths) != stewardship.FlowMonths || june.Month.Month() != time.June ||
			math.Abs(june.Internal-wantIn) > 1e-9 || math.Abs(june.External-wantOut) > 1e-9 {
			t.Errorf("June: %+v, want internal %v, external %v", june, wantIn, wantOut)
		}
	})
}

// A chart of values on both sides of 0 puts the axis between them: bars
// above it for positive values, below it for negative ones, in scale.
func TestBarChartBelowZero(t *testing.T) {
	t.Parallel()
	c := stewardship.BarChart("ei", "E-I", "E-I by month", []string{"Jan", "Feb", "Mar"}, "", stewardship.Series{Name: "E-I", Class: "s1", Values: []float64{0.5, -1, math.NaN()}})
	if len(c.Bars) != 2 {
		t.Fatalf("bars %+v", c.Bars)
	}
	up, down := c.Bars[0], c.Bars[1]
	if up.Y+up.H != c.Base || down.Y != c.Base || math.Abs(down.H-2*up.H) > 1e-9 {
		t.Errorf("axis at %v, bars %+v and %+v", c.Base, up, down)
	}
	if last := c.Labels[len(c.Labels)-1]; last.Text != "-1" {
		t.Errorf("the lowest value is not labelled: %+v", c.Labels)
	}
}
