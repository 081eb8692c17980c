package demo_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/demo"
	"hearth/internal/people"
	"hearth/internal/stewardship"
)

// The demo's three shaped communities show their shapes on the health page,
// as the stewardship service reads them right after loading (the demo
// counts once): one thriving, one fading, one siloed in a department.
func TestDemoHealthShapes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		load(t, d)
		au := auth.NewService(d, auth.Options{BaseURL: "http://x"})
		svc := stewardship.NewService(d, community.NewService(d, au, "http://x", nil), people.NewService(d, nil, nil), nil)
		var id int64
		if err := d.QueryRowContext(ctx, "SELECT id FROM people WHERE email = $1", demo.Accounts().Admin.Email).Scan(&id); err != nil {
			t.Fatal(err)
		}
		admin, err := au.ActorByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		health := func(slug string, days int) stewardship.Health {
			t.Helper()
			h, err := svc.Health(ctx, admin, slug, days)
			if err != nil {
				t.Fatalf("health of %s: %v", slug, err)
			}
			if h.CountedAt.IsZero() {
				t.Fatalf("%s is not counted after loading", slug)
			}
			return h
		}
		thriving, thriving90 := health(demo.ThrivingCommunity, 30), health(demo.ThrivingCommunity, 90)
		fading := health(demo.FadingCommunity, 30)
		siloed90 := health(demo.SiloedCommunity, 90)
		cur := func(h stewardship.Health, name string) float64 { return h.Figures[name].Current.Float64 }
		prev := func(h stewardship.Health, name string) float64 { return h.Figures[name].Previous.Float64 }

		// Siloed: one department makes nearly all the contributions and
		// exchanges only inside itself.
		ei := siloed90.Figures[stewardship.FigEI].Current
		if !ei.Valid || ei.Float64 >= -0.5 {
			t.Errorf("the siloed community's E-I index is %v, want below -0.5", ei)
		}
		var top int64
		for _, dep := range siloed90.Departments {
			top = max(top, dep.Contributions.Int64)
		}
		if all := cur(siloed90, stewardship.FigContributions); all == 0 || float64(top)/all < 0.9 {
			t.Errorf("the siloed community's largest department made %d of its %v contributions, want at least 90%%", top, all)
		}

		// Thriving: growing, answering fast and across departments, its
		// core growing and its newcomers taking part.
		if c, p := cur(thriving, stewardship.FigContributions), prev(thriving, stewardship.FigContributions); c <= p {
			t.Errorf("the thriving community made %v contributions in the last 30 days, %v in the 30 before: want growth", c, p)
		}
		if te := thriving90.Figures[stewardship.FigEI].Current; !te.Valid || te.Float64 <= 0 || te.Float64 <= ei.Float64 {
			t.Errorf("the thriving community's E-I index is %v, want above 0 and above the siloed one's %v", te, ei)
		}
		if c, p := cur(thriving90, stewardship.FigRing+string(people.Core)), prev(thriving90, stewardship.FigRing+string(people.Core)); c <= p {
			t.Errorf("the thriving community's core is %v, was %v: want it growing", c, p)
		}
		if m := thriving.Figures[stewardship.FigMedian].Current; !m.Valid || m.Float64 > 4 {
			t.Errorf("the thriving community's median first response is %v hours, want at most 4", m)
		}
		if s := cur(thriving, stewardship.FigInTime); s != 1 {
			t.Errorf("the thriving community answered %v of its questions within 48 hours, want all", s)
		}
		if len(thriving.Queue) != 0 {
			t.Errorf("the thriving community has %d questions waiting", len(thriving.Queue))
		}
		if n := len(thriving.Cohorts); n == 0 || thriving.Cohorts[n-1].First30 == 0 || thriving.Cohorts[n-1].Active == 0 ||
			thriving.Cohorts[n-1].Month.Before(time.Now().AddDate(0, -2, 0)) {
			t.Errorf("the thriving community's newest cohort did not convert recently: %+v", thriving.Cohorts)
		}

		// Fading: fewer contributions than the month before, carried by
		// fewer people than the thriving one's, regulars not seen for 30
		// days, and questions waiting over 72 hours.
		if c, p := cur(fading, stewardship.FigContributions), prev(fading, stewardship.FigContributions); c >= p {
			t.Errorf("the fading community made %v contributions in the last 30 days, %v in the 30 before: want fewer", c, p)
		}
		if a, p := cur(fading, stewardship.FigAbsenceAll), prev(fading, stewardship.FigAbsenceAll); a >= p || a >= cur(thriving, stewardship.FigAbsenceAll) {
			t.Errorf("the fading community's absence factor is %v (was %v; the thriving one's %v): want it lower than both",
				a, p, cur(thriving, stewardship.FigAbsenceAll))
		}
		if len(fading.Fading) == 0 {
			t.Error("the fading community has no fading regulars")
		}
		for _, f := range fading.Fading {
			if f.LastSeen.Valid && f.LastSeen.Time.After(time.Now().Add(-stewardship.FadingAfter)) {
				t.Errorf("%s was seen %v, within 30 days", f.Handle, f.LastSeen.Time)
			}
		}
		if len(fading.Queue) < 2 {
			t.Errorf("the fading community has %d questions waiting, want at least 2", len(fading.Queue))
		}
		for _, q := range fading.Queue {
			if time.Since(q.Asked) < stewardship.UnansweredFrom {
				t.Errorf("%q waits in the queue after %v only", q.Title, time.Since(q.Asked))
			}
		}
	})
}
