package gathering_test

import (
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// A series across the spring change in Paris, with one date cancelled and
// one changed, written as iCalendar and read back by an independent parser
// (emersion/go-ical), field by field.
func TestCalendarParsesBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.now = time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
		w.community(t, "bread", community.Public)
		paris, _ := time.LoadLocation("Europe/Paris")
		in := w.weekly("10") // Tuesdays from 9 March 2027: the clocks change on 28 March
		in.Date = "2027-03-09"
		in.Title = "Bread, rye; and \\ more"
		in.Description = "Bring flour.\nAnd a long line of text that goes on and on well past the seventy-five octets of one iCalendar line: é à ü."
		in.OnlineURL = "https://meet.example.org/bread"
		g := w.schedule(t, "bread", in)
		os := w.occurrences(t, g)
		st := w.actors["steward"]
		if _, err := w.svc.CancelOccurrence(w.ctx, st, "bread", g.ID, os[1].ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.svc.ChangeOccurrence(w.ctx, st, "bread", g.ID, os[5].ID, gathering.OccurrenceInput{Title: "Rye day",
			Date: "2027-04-14", StartTime: "10:00", EndTime: "12:00", Place: "Mill"}); err != nil {
			t.Fatal(err)
		}
		v, err := w.svc.Get(w.ctx, w.actors["visitor"], "bread", g.ID)
		if err != nil {
			t.Fatal(err)
		}
		text, err := w.svc.Calendar(w.ctx, v, "https://hearth.test")
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, text)
		cal, err := goical.NewDecoder(strings.NewReader(text)).Decode()
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, text)
		}
		if got := cal.Props.Get(goical.PropVersion); got == nil || got.Value != "2.0" {
			t.Errorf("VERSION %v", got)
		}
		if cal.Props.Get(goical.PropProductID) == nil {
			t.Error("no PRODID")
		}
		var zones, standard, daylight int
		for _, c := range cal.Children {
			if c.Name == goical.CompTimezone {
				zones++
				if id := c.Props.Get(goical.PropTimezoneID); id == nil || id.Value != "Europe/Paris" {
					t.Errorf("VTIMEZONE %v", id)
				}
				for _, o := range c.Children {
					switch o.Name {
					case goical.CompTimezoneStandard:
						standard++
					case goical.CompTimezoneDaylight:
						daylight++
						if off := o.Props.Get(goical.PropTimezoneOffsetTo); off == nil || off.Value != "+0200" {
							t.Errorf("summer offset %v", off)
						}
					}
				}
			}
		}
		if zones != 1 || standard == 0 || daylight == 0 {
			t.Errorf("%d zones, %d standard, %d daylight parts", zones, standard, daylight)
		}
		events := cal.Events()
		if len(events) != 2 {
			t.Fatalf("%d events, want the series and one changed date", len(events))
		}
		master, changed := events[0], events[1]
		if master.Props.Get(goical.PropRecurrenceID) != nil {
			master, changed = changed, master
		}
		uid := "gathering-" + itoa(g.ID) + "@hearth.test"
		for _, e := range events {
			if p := e.Props.Get(goical.PropUID); p == nil || p.Value != uid {
				t.Errorf("UID %v, want %s", p, uid)
			}
			if _, err := e.Props.DateTime(goical.PropDateTimeStamp, nil); err != nil {
				t.Errorf("DTSTAMP: %v", err)
			}
		}
		if s, _ := master.Props.Text(goical.PropSummary); s != in.Title {
			t.Errorf("SUMMARY %q, want %q", s, in.Title)
		}
		if s, _ := master.Props.Text(goical.PropDescription); s != in.Description {
			t.Errorf("DESCRIPTION %q, want %q", s, in.Description)
		}
		if s, _ := master.Props.Text(goical.PropLocation); !strings.Contains(s, in.OnlineURL) || !strings.Contains(s, "The kitchen") {
			t.Errorf("LOCATION %q", s)
		}
		start, err := master.DateTimeStart(nil)
		if err != nil || !start.Equal(os[0].Start) || master.Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID) != "Europe/Paris" {
			t.Errorf("DTSTART %v (%v), want %v in Europe/Paris", start, err, os[0].Start)
		}
		if end, err := master.DateTimeEnd(nil); err != nil || !end.Equal(os[0].End) {
			t.Errorf("DTEND %v (%v), want %v", end, err, os[0].End)
		}
		if r := master.Props.Get(goical.PropRecurrenceRule); r == nil || r.Value != g.Rule {
			t.Errorf("RRULE %v, want %s", r, g.Rule)
		}
		ex, err := master.Props.Get(goical.PropExceptionDates).DateTime(nil)
		if err != nil || !ex.Equal(os[1].OriginalStart) {
			t.Errorf("EXDATE %v (%v), want %v", ex, err, os[1].OriginalStart)
		}
		// The parser's own expansion of the series gives our dates, wall
		// clock 18:00 in Paris on both sides of the change.
		set, err := master.RecurrenceSet(nil)
		if err != nil {
			t.Fatal(err)
		}
		got := set.All()
		if len(got) != 9 {
			t.Fatalf("the parser expands %d dates, want 9 (10 less the cancelled)", len(got))
		}
		j := 0
		for i, o := range os {
			if i == 1 {
				continue
			}
			if !got[j].Equal(o.OriginalStart) || got[j].In(paris).Hour() != 18 {
				t.Errorf("date %d: parser %v, ours %v", i, got[j], o.OriginalStart)
			}
			j++
		}
		rid, err := changed.Props.DateTime(goical.PropRecurrenceID, nil)
		if err != nil || !rid.Equal(os[5].OriginalStart) {
			t.Errorf("RECURRENCE-ID %v (%v), want %v", rid, err, os[5].OriginalStart)
		}
		if cs, _ := changed.DateTimeStart(nil); !cs.Equal(time.Date(2027, 4, 14, 10, 0, 0, 0, paris)) {
			t.Errorf("the changed date starts %v", cs)
		}
		if s, _ := changed.Props.Text(goical.PropSummary); s != "Rye day" {
			t.Errorf("the changed date's SUMMARY %q", s)
		}
		if seq := master.Props.Get(goical.PropSequence); seq == nil || seq.Value != "2" {
			t.Errorf("SEQUENCE %v, want 2 after two changes", seq)
		}

		// The community feed holds this series and a cancelled one-off.
		other := w.schedule(t, "bread", w.input(20))
		if _, err := w.svc.Cancel(w.ctx, st, "bread", other.ID); err != nil {
			t.Fatal(err)
		}
		feed, err := w.svc.CommunityCalendar(w.ctx, w.actors["visitor"], "bread", "https://hearth.test")
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, feed)
		fc, err := goical.NewDecoder(strings.NewReader(feed)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		statuses := map[string]string{}
		for _, e := range fc.Events() {
			uid, _ := e.Props.Text(goical.PropUID)
			if e.Props.Get(goical.PropRecurrenceID) == nil {
				s, _ := e.Status()
				statuses[uid] = string(s)
			}
		}
		if statuses[uid] != "CONFIRMED" || statuses["gathering-"+itoa(other.ID)+"@hearth.test"] != "CANCELLED" {
			t.Errorf("feed statuses %v", statuses)
		}
	})
}

// checkLines: CRLF endings, no line longer than 75 octets.
func checkLines(t *testing.T, text string) {
	t.Helper()
	if !strings.HasSuffix(text, "\r\n") {
		t.Error("the file does not end with CRLF")
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("a line of %d octets: %q", len(line), line)
		}
		if strings.Contains(line, "\n") {
			t.Errorf("a bare LF in %q", line)
		}
	}
}

func itoa(n int64) string {
	return strings.TrimSpace(strings.Replace(time.Duration(n).String(), "ns", "", 1))
}
