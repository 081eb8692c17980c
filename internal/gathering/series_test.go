package gathering_test

import (
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// weekly is a weekly series of count Tuesdays at 18:00 Paris time from the
// first Tuesday at least a week ahead.
func (w *world) weekly(count string) gathering.Input {
	in := w.input(7)
	d, _ := time.Parse(time.DateOnly, in.Date)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	in.Date = d.Format(time.DateOnly)
	in.Repeat = gathering.RepeatInput{Freq: gathering.Weekly, Interval: "1", Days: []string{"2"}, Ends: "count", Count: count}
	return in
}

// A series keeps 18:00 in Paris on every date; one date changed on its own
// keeps its change and its answers when the series is edited; a cancelled
// date stays cancelled.
func TestSeriesOverridesSurviveEdits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		g := w.schedule(t, "bread", w.weekly("30"))
		os := w.occurrences(t, g)
		if len(os) != 30 {
			t.Fatalf("%d occurrences, want 30", len(os))
		}
		paris, _ := time.LoadLocation("Europe/Paris")
		for _, o := range os {
			if l := o.Start.In(paris); l.Hour() != 18 || l.Weekday() != time.Tuesday {
				t.Fatalf("occurrence at %v", l)
			}
		}
		st := w.actors["steward"]
		changed, cancelled := os[2], os[3]
		day := changed.Start.In(paris).AddDate(0, 0, 1).Format(time.DateOnly)
		if _, _, err := w.svc.ChangeOccurrence(w.ctx, st, "bread", g.ID, changed.ID, gathering.OccurrenceInput{Title: "Bread club: rye special",
			Date: day, StartTime: "19:00", EndTime: "21:00", Place: "The big kitchen"}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Answer(w.ctx, w.actors["member"], "bread", g.ID, changed.ID, gathering.Going); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.CancelOccurrence(w.ctx, st, "bread", g.ID, cancelled.ID); err != nil {
			t.Fatal(err)
		}
		// The whole series moves to 18:30; the changed date keeps 19:00 the next day.
		in := w.weekly("30")
		in.StartTime, in.EndTime, in.Title = "18:30", "20:30", "Bread circle"
		if _, err := w.svc.Edit(w.ctx, st, "bread", g.ID, in); err != nil {
			t.Fatal(err)
		}
		after := w.occurrences(t, g)
		if len(after) != 30 {
			t.Fatalf("%d occurrences after the edit, want 30", len(after))
		}
		byID := map[int64]gathering.Occurrence{}
		for _, o := range after {
			byID[o.ID] = o
		}
		c, ok := byID[changed.ID]
		if !ok || !c.Changed || c.Start.In(paris).Hour() != 19 || c.Title != "Bread club: rye special" || c.Place != "The big kitchen" {
			t.Errorf("the changed date lost its change: %+v", c)
		}
		if c.Going != 1 {
			t.Errorf("the changed date lost its answer: %d going", c.Going)
		}
		if x := byID[cancelled.ID]; !x.Cancelled {
			t.Errorf("the cancelled date came back: %+v", x)
		}
		if o := byID[os[0].ID]; o.Start.In(paris).Hour() != 18 || o.Start.In(paris).Minute() != 30 || o.Title != "Bread circle" {
			t.Errorf("the first date did not move with the series: %+v", o)
		}
	})
}

// "This and following": the old series ends before the date, a new one
// carries the dates from it on, with their answers, on its new day.
func TestThisAndFollowingSplitsTheSeries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		g := w.schedule(t, "bread", w.weekly("10"))
		if err := w.svc.SetGuestsOpen(w.ctx, w.actors["steward"], "bread", g.ID, true); err != nil {
			t.Fatal(err)
		}
		os := w.occurrences(t, g)
		from := os[4]
		if _, err := w.svc.Answer(w.ctx, w.actors["member"], "bread", g.ID, os[6].ID, gathering.Going); err != nil {
			t.Fatal(err)
		}
		paris, _ := time.LoadLocation("Europe/Paris")
		in := w.weekly("6")
		in.Date = from.Start.In(paris).Format(time.DateOnly)
		in.StartTime, in.EndTime, in.Place = "19:00", "21:00", "The new bakery"
		nv, err := w.svc.SplitFrom(w.ctx, w.actors["steward"], "bread", g.ID, from.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		old, err := w.svc.Get(w.ctx, w.actors["member"], "bread", g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(w.occurrences(t, old)); n != 4 {
			t.Errorf("the old series has %d dates, want 4", n)
		}
		if r := old.Repeat(); r.Until.IsZero() || r.Count != 0 {
			t.Errorf("the old series does not end on a date: %+v (%s)", r, old.Rule)
		}
		moved := w.occurrences(t, nv)
		if len(moved) != 6 {
			t.Fatalf("the new series has %d dates, want 6", len(moved))
		}
		if moved[0].ID != from.ID || moved[2].ID != os[6].ID || moved[2].Going != 1 {
			t.Errorf("the dates did not move with their answers: %+v", moved[:3])
		}
		for _, o := range moved {
			if o.Start.In(paris).Hour() != 19 || o.Place != "The new bakery" {
				t.Errorf("new series date %v at %s", o.Start.In(paris), o.Place)
			}
		}
		if !nv.GuestsOpen {
			t.Errorf("the new series is closed to visitors; the old one was open")
		}
		if nv.SplitFrom != g.ID {
			t.Errorf("the new series does not say where it came from")
		}
	})
}

// Who may schedule and manage: stewards always, members where the
// community allows it, hosts for their own gatherings.
func TestWhoMaySchedule(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "pub", community.Public)
		w.community(t, "priv", community.Private)
		for _, slug := range []string{"pub", "priv"} {
			cases := map[string]string{"visitor": "unauthenticated", "outsider": "forbidden", "pending": "forbidden", "member": "forbidden",
				"steward": "ok", "admin": "forbidden"}
			if slug == "priv" {
				cases["visitor"], cases["outsider"], cases["pending"] = "not found", "not found", "not found"
			}
			for who, kind := range cases {
				_, err := w.svc.Schedule(w.ctx, w.actors[who], slug, w.input(5))
				want(t, slug+" "+who+" schedules", err, kind)
			}
		}
		if _, err := d.ExecContext(w.ctx, `UPDATE communities SET gathering_schedulers = 'members' WHERE slug = 'pub'`); err != nil {
			t.Fatal(err)
		}
		_, err := w.svc.Schedule(w.ctx, w.actors["member"], "pub", w.input(5))
		want(t, "member schedules where members may", err, "ok")
		in := w.input(5)
		in.Hosts = "host, @mem"
		g := w.schedule(t, "pub", in)
		if len(g.Hosts) != 2 {
			t.Fatalf("hosts %+v", g.Hosts)
		}
		in.Title = "Changed"
		for who, kind := range map[string]string{"host": "ok", "member": "ok", "steward": "ok", "pending": "forbidden", "outsider": "forbidden",
			"visitor": "unauthenticated"} {
			_, err := w.svc.Edit(w.ctx, w.actors[who], "pub", g.ID, in)
			want(t, who+" edits", err, kind)
		}
		in.Hosts = "out"
		_, err = w.svc.Edit(w.ctx, w.actors["steward"], "pub", g.ID, in)
		want(t, "an outsider as host", err, "invalid")
		if _, err := w.svc.Cancel(w.ctx, w.actors["host"], "pub", g.ID); err != nil {
			t.Fatal(err)
		}
		in.Hosts = ""
		_, err = w.svc.Edit(w.ctx, w.actors["steward"], "pub", g.ID, in)
		want(t, "edit a cancelled gathering", err, "conflict")
	})
}

// Bad input: each problem next to its field.
func TestScheduleInputErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "pub", community.Public)
		in := gathering.Input{Title: "", Zone: "Mars/Olympus", Date: "tomorrow", StartTime: "18:00", EndTime: "17:00",
			OnlineURL: "http://example.org/call", Capacity: "-3", Repeat: gathering.RepeatInput{Freq: gathering.Weekly, Ends: ""}}
		_, err := w.svc.Schedule(w.ctx, w.actors["steward"], "pub", in)
		want(t, "bad input", err, "invalid")
		fields := errsFields(err)
		for _, f := range []string{"title", "zone", "date", "online_url", "capacity", "ends"} {
			if fields[f] == "" {
				t.Errorf("no message for %s in %v", f, fields)
			}
		}
		long := w.weekly("1")
		long.Repeat.Ends, long.Repeat.Count, long.Repeat.Until = "until", "", w.now.AddDate(3, 0, 0).Format(time.DateOnly)
		_, err = w.svc.Schedule(w.ctx, w.actors["steward"], "pub", long)
		if errsFields(err)["ends"] == "" {
			t.Errorf("a three-year series: %v", err)
		}
	})
}
