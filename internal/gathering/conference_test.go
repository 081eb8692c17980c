package gathering_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// conference schedules a two-day one-off gathering 10 days ahead in Paris,
// 09:00 on the first day to 18:00 on the second.
func (w *world) conference(t *testing.T, slug string) (gathering.View, gathering.Occurrence) {
	t.Helper()
	in := w.input(10)
	in.Title, in.StartTime, in.EndDate, in.EndTime = "Bridges 2027", "09:00", w.day(11), "18:00"
	g := w.schedule(t, slug, in)
	return g, w.occurrences(t, g)[0]
}

// day is the date days ahead.
func (w *world) day(days int) string { return w.now.AddDate(0, 0, days).Format(time.DateOnly) }

// session is a session on the first day from start to end (Paris time).
func (w *world) session(title, start, end string) gathering.SessionInput {
	return gathering.SessionInput{Title: title, Date: w.day(10), StartTime: start, EndTime: end, Room: "Hall A", Track: "Steel"}
}

func (w *world) addSession(t *testing.T, slug string, g gathering.View, in gathering.SessionInput) gathering.Session {
	t.Helper()
	x, err := w.svc.AddSession(w.ctx, w.actors["steward"], slug, g.ID, in)
	if err != nil {
		t.Fatalf("add session: %v", err)
	}
	return x
}

// going answers going for each of people.
func (w *world) going(t *testing.T, slug string, g gathering.View, o gathering.Occurrence, people ...auth.Actor) {
	t.Helper()
	for _, a := range people {
		if _, err := w.svc.Answer(w.ctx, a, slug, g.ID, o.ID, gathering.Going); err != nil {
			t.Fatalf("answer: %v", err)
		}
	}
}

// A session's form: each problem next to its field, nothing saved; a
// series has no programme; only hosts and stewards change it.
func TestSessionInputIsChecked(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, _ := w.conference(t, "eng")
		many := make([]string, 21)
		for i := range many {
			many[i] = fmt.Sprintf("Guest %d", i)
		}
		cases := []struct {
			name  string
			in    gathering.SessionInput
			field string
		}{
			{"no title", w.session("", "10:00", "11:00"), "title"},
			{"ends before it starts", w.session("Talk", "11:00", "10:00"), "end_time"},
			{"starts before the gathering", w.session("Talk", "08:00", "10:00"), "date"},
			{"ends after the gathering", gathering.SessionInput{Title: "Talk", Date: w.day(11), StartTime: "17:00", EndTime: "19:00"}, "end_time"},
			{"no date", gathering.SessionInput{Title: "Talk", StartTime: "10:00", EndTime: "11:00"}, "date"},
			{"bad capacity", func() gathering.SessionInput {
				in := w.session("Talk", "10:00", "11:00")
				in.Capacity = "-3"
				return in
			}(), "capacity"},
			{"21 speakers", func() gathering.SessionInput {
				in := w.session("Talk", "10:00", "11:00")
				in.Speakers = strings.Join(many, "\n")
				return in
			}(), "speakers"},
			{"unknown handle", func() gathering.SessionInput {
				in := w.session("Talk", "10:00", "11:00")
				in.Speakers = "@nobody"
				return in
			}(), "speakers"},
			{"long room", func() gathering.SessionInput {
				in := w.session("Talk", "10:00", "11:00")
				in.Room = strings.Repeat("r", 101)
				return in
			}(), "room"},
		}
		for _, tc := range cases {
			_, err := w.svc.AddSession(w.ctx, w.actors["steward"], "eng", g.ID, tc.in)
			want(t, tc.name, err, "invalid")
			if f := errsFields(err); f[tc.field] == "" {
				t.Errorf("%s: no message for %s in %v", tc.name, tc.field, f)
			}
		}
		if n := w.count(t, `SELECT COUNT(*) FROM gathering_sessions`); n != 0 {
			t.Fatalf("%d sessions saved from invalid forms", n)
		}
		// Speakers: a person by handle and guests, in order, no repeats.
		in := w.session("Cable-stayed bridges", "10:00", "11:00")
		in.Speakers = "@Mem\nAda Guest\n@mem\n  \nAda Guest"
		in.Description = "Bring <script>alert(1)</script> *questions*."
		x := w.addSession(t, "eng", g, in)
		if len(x.Speakers) != 2 || x.Speakers[0].Handle != "mem" || x.Speakers[1].Guest != "Ada Guest" || x.Speakers[1].ID != 0 {
			t.Errorf("speakers %+v", x.Speakers)
		}
		if strings.Contains(string(x.HTML), "<script") || !strings.Contains(string(x.HTML), "<em>questions</em>") {
			t.Errorf("description rendered as %s", x.HTML)
		}
		// The programme reads the speakers packed into its one query: names
		// holding the packing's own characters come back as they were.
		in = w.session("Suspension bridges", "11:00", "12:00")
		in.Speakers = "12:3:Zoë Ünal\n@mem\n:\n0:"
		y := w.addSession(t, "eng", g, in)
		_, _, page, _, err := w.svc.Programme(w.ctx, w.actors["member"], "eng", g.ID, 0)
		if err != nil || len(page) != 2 {
			t.Fatalf("programme: %d sessions, %v", len(page), err)
		}
		for i, want := range []gathering.Session{x, y} {
			if fmt.Sprint(page[i].Speakers) != fmt.Sprint(want.Speakers) {
				t.Errorf("programme's speakers of %q: %+v, want %+v", want.Title, page[i].Speakers, want.Speakers)
			}
		}
		if len(y.Speakers) != 4 || y.Speakers[0].Guest != "12:3:Zoë Ünal" || y.Speakers[1].Handle != "mem" || y.Speakers[3].Guest != "0:" {
			t.Errorf("speakers of the second session: %+v", y.Speakers)
		}
		if err := w.svc.DeleteSession(w.ctx, w.actors["steward"], "eng", g.ID, y.ID); err != nil {
			t.Fatal(err)
		}
		for who, kind := range map[string]string{"member": "forbidden", "visitor": "unauthenticated", "outsider": "forbidden", "host": "forbidden"} {
			_, err := w.svc.AddSession(w.ctx, w.actors[who], "eng", g.ID, w.session("Mine", "10:00", "11:00"))
			want(t, who+" adds a session", err, kind)
			_, err = w.svc.EditSession(w.ctx, w.actors[who], "eng", g.ID, x.ID, w.session("Mine", "10:00", "11:00"))
			want(t, who+" changes a session", err, kind)
			want(t, who+" removes a session", w.svc.DeleteSession(w.ctx, w.actors[who], "eng", g.ID, x.ID), kind)
		}
		// The gathering keeps its programme: it does not become a series,
		// nor move away from its sessions.
		in2 := w.input(10)
		in2.Title, in2.StartTime, in2.EndDate, in2.EndTime = "Bridges 2027", "09:00", w.day(11), "18:00"
		in2.Repeat = w.weekly("3").Repeat
		in2.Repeat.Days = nil // the first date's own weekday
		_, err = w.svc.Edit(w.ctx, w.actors["steward"], "eng", g.ID, in2)
		if errsFields(err)["repeat"] == "" {
			t.Errorf("a conference became a series: %v", err)
		}
		in2 = w.input(10)
		in2.StartTime, in2.EndTime = "12:00", "18:00"
		_, err = w.svc.Edit(w.ctx, w.actors["steward"], "eng", g.ID, in2)
		if errsFields(err)["date"] == "" {
			t.Errorf("a conference moved away from its session: %v", err)
		}
		o := w.occurrences(t, g)[0]
		_, _, err = w.svc.ChangeOccurrence(w.ctx, w.actors["steward"], "eng", g.ID, o.ID, gathering.OccurrenceInput{Title: "Bridges",
			Date: w.day(12), StartTime: "09:00", EndTime: "18:00", Place: "Hall"})
		if errsFields(err)["date"] == "" {
			t.Errorf("the conference's date moved away from its session: %v", err)
		}
		series := w.schedule(t, "eng", w.weekly("3"))
		_, err = w.svc.AddSession(w.ctx, w.actors["steward"], "eng", series.ID, w.session("Talk", "10:00", "11:00"))
		want(t, "a session in a series", err, "not found")
		if n := w.count(t, `SELECT COUNT(*) FROM gathering_sessions`); n != 1 {
			t.Errorf("%d sessions, want 1", n)
		}
		// A programme holds at most MaxSessions.
		if err := w.db.WithTx(w.ctx, func(tx *db.Tx) error {
			for i := 1; i < gathering.MaxSessions; i++ {
				if _, err := tx.ExecContext(w.ctx, `INSERT INTO gathering_sessions (gathering_id, title, starts_at, ends_at, created_at, updated_at)
					VALUES ($1, 'Filler', $2, $3, $4, $4)`, g.ID, x.Start, x.End, w.now); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.AddSession(w.ctx, w.actors["steward"], "eng", g.ID, w.session("One too many", "10:00", "11:00"))
		if errsFields(err)["title"] == "" {
			t.Errorf("session %d was added: %v", gathering.MaxSessions+1, err)
		}
	})
}

// 100 attendees add a session of 5 places at once: exactly 5 take a place,
// 95 wait, and the counts agree with the rows.
func TestConcurrentSessionPlacesNeverExceedCapacity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		in := w.session("Masterclass", "14:00", "16:00")
		in.Capacity = "5"
		x := w.addSession(t, "eng", g, in)
		people := w.members(t, "eng", 100)
		w.going(t, "eng", g, o, people...)
		began := time.Now()
		errs := dbtest.Together(len(people), func(i int) error {
			_, err := w.svc.JoinSession(w.ctx, people[i], "eng", g.ID, x.ID)
			return err
		})
		took := time.Since(began)
		t.Logf("%d concurrent additions in %v: %.0f a second", len(people), took.Round(time.Millisecond), float64(len(people))/took.Seconds())
		for i, err := range errs {
			if err != nil {
				t.Fatalf("join %d: %v", i, err)
			}
		}
		going := w.count(t, `SELECT COUNT(*) FROM gathering_session_places WHERE session_id = $1 AND state = 'going'`, x.ID)
		waiting := w.count(t, `SELECT COUNT(*) FROM gathering_session_places WHERE session_id = $1 AND state = 'waitlist'`, x.ID)
		if going != 5 || waiting != 95 {
			t.Fatalf("%d with a place and %d waiting, want 5 and 95", going, waiting)
		}
		if n := w.count(t, `SELECT going * 1000 + waiting FROM gathering_sessions WHERE id = $1`, x.ID); n != 5095 {
			t.Errorf("counts %d, want 5 going and 95 waiting", n)
		}
	})
}

// Past a session's capacity people wait; leaving promotes the first who
// waits (told by a notification); not going to the gathering any more
// gives up one's sessions; more places promote.
func TestSessionWaitlistPromotesInOrder(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		in := w.session("Masterclass", "14:00", "16:00")
		in.Capacity = "2"
		x := w.addSession(t, "eng", g, in)
		p := w.members(t, "eng", 4)
		_, err := w.svc.JoinSession(w.ctx, p[0], "eng", g.ID, x.ID)
		want(t, "a member not going joins a session", err, "forbidden")
		w.going(t, "eng", g, o, p...)
		for i, a := range p {
			w.now = w.now.Add(time.Second)
			ans, err := w.svc.JoinSession(w.ctx, a, "eng", g.ID, x.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantAns, wantPos := gathering.Going, 0
			if i >= 2 {
				wantAns, wantPos = gathering.Waitlist, i-1
			}
			if ans.Answer != wantAns || ans.Position != wantPos {
				t.Errorf("person %d: %+v, want %s at %d", i, ans, wantAns, wantPos)
			}
		}
		if ans, _ := w.svc.JoinSession(w.ctx, p[3], "eng", g.ID, x.ID); ans.Position != 2 {
			t.Errorf("joining again moved the fourth to %+v", ans)
		}
		if err := w.svc.LeaveSession(w.ctx, p[0], "eng", g.ID, x.ID); err != nil {
			t.Fatal(err)
		}
		state := func(a auth.Actor) string {
			var s string
			w.db.QueryRowContext(w.ctx, `SELECT COALESCE(MAX(state), '') FROM gathering_session_places WHERE session_id = $1 AND person_id = $2`, x.ID, a.PersonID).Scan(&s)
			return s
		}
		if state(p[2]) != gathering.Going || state(p[3]) != gathering.Waitlist || state(p[0]) != "" {
			t.Errorf("after the first left: %q %q %q", state(p[0]), state(p[2]), state(p[3]))
		}
		told := func(a auth.Actor) int {
			return w.count(t, `SELECT COUNT(*) FROM activities a JOIN activity_targets t ON t.activity_id = a.id
				WHERE a.verb = $1 AND t.person_id = $2 AND t.reason = 'waitlist' AND a.excerpt LIKE '%Masterclass%'`, activity.GatheringPromoted, a.PersonID)
		}
		if told(p[2]) != 1 {
			t.Errorf("the third was told %d times, want once", told(p[2]))
		}
		// The second stops coming: their place goes to the fourth.
		if _, err := w.svc.Answer(w.ctx, p[1], "eng", g.ID, o.ID, gathering.No); err != nil {
			t.Fatal(err)
		}
		if state(p[1]) != "" || state(p[3]) != gathering.Going || told(p[3]) != 1 {
			t.Errorf("after the second stopped coming: %q, the fourth %q told %d", state(p[1]), state(p[3]), told(p[3]))
		}
		if n := w.count(t, `SELECT going * 1000 + waiting FROM gathering_sessions WHERE id = $1`, x.ID); n != 2000 {
			t.Errorf("counts %d, want 2 going, none waiting", n)
		}
		// More places promote; fewer take none away.
		w.going(t, "eng", g, o, p[1], w.actors["member"])
		for _, a := range []auth.Actor{p[1], p[0]} {
			w.now = w.now.Add(time.Second)
			if _, err := w.svc.JoinSession(w.ctx, a, "eng", g.ID, x.ID); err != nil {
				t.Fatal(err)
			}
		}
		in.Capacity = "3"
		if _, err := w.svc.EditSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID, in); err != nil {
			t.Fatal(err)
		}
		if state(p[1]) != gathering.Going || state(p[0]) != gathering.Waitlist {
			t.Errorf("more places: %q %q", state(p[1]), state(p[0]))
		}
		in.Capacity = "1"
		if _, err := w.svc.EditSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID, in); err != nil {
			t.Fatal(err)
		}
		if n := w.count(t, `SELECT COUNT(*) FROM gathering_session_places WHERE session_id = $1 AND state = 'going'`, x.ID); n != 3 {
			t.Errorf("fewer places took some away: %d going", n)
		}
		// Over: no more changes to one's schedule.
		w.now = w.now.AddDate(0, 0, 12)
		_, err = w.svc.JoinSession(w.ctx, w.actors["member"], "eng", g.ID, x.ID)
		want(t, "join after the gathering", err, "conflict")
	})
}

// One's schedule as iCalendar, read back by an independent parser, field
// by field: a session with a place (confirmed), one waited for (tentative).
func TestScheduleCalendarParsesBack(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		talk := w.session("Bridges; cables, and \\ more", "10:00", "11:30")
		talk.Speakers = "@stew\nAda Lovelace"
		talk.Description = "Why cables sing.\nA long line that goes on and on past the seventy-five octets of one iCalendar line: é à ü."
		a := w.addSession(t, "eng", g, talk)
		full := w.session("Workshop", "14:00", "15:00")
		full.Capacity, full.Track, full.Room = "1", "", "Lab"
		b := w.addSession(t, "eng", g, full)
		w.addSession(t, "eng", g, w.session("Not mine", "16:00", "17:00"))
		mem := w.actors["member"]
		w.going(t, "eng", g, o, w.actors["host"], mem)
		for _, x := range []struct {
			who auth.Actor
			sid int64
		}{{w.actors["host"], b.ID}, {mem, a.ID}, {mem, b.ID}} {
			if _, err := w.svc.JoinSession(w.ctx, x.who, "eng", g.ID, x.sid); err != nil {
				t.Fatal(err)
			}
		}
		v, _, list, err := w.svc.MySchedule(w.ctx, mem, "eng", g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != a.ID || list[1].Mine != gathering.Waitlist {
			t.Fatalf("schedule %+v", list)
		}
		text := w.svc.ScheduleCalendar(v, o, list, "https://hearth.test")
		checkLines(t, text)
		cal, err := goical.NewDecoder(strings.NewReader(text)).Decode()
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, text)
		}
		if got := cal.Props.Get(goical.PropVersion); got == nil || got.Value != "2.0" {
			t.Errorf("VERSION %v", got)
		}
		zones := 0
		for _, c := range cal.Children {
			if c.Name == goical.CompTimezone {
				zones++
			}
		}
		if zones != 1 {
			t.Errorf("%d VTIMEZONEs, want 1", zones)
		}
		events := cal.Events()
		if len(events) != 2 {
			t.Fatalf("%d events, want 2", len(events))
		}
		paris, _ := time.LoadLocation("Europe/Paris")
		for i, x := range []gathering.Session{a, b} {
			e := events[i]
			if uid, _ := e.Props.Text(goical.PropUID); uid != "gathering-session-"+itoa(x.ID)+"@hearth.test" {
				t.Errorf("UID %q", uid)
			}
			if _, err := e.Props.DateTime(goical.PropDateTimeStamp, nil); err != nil {
				t.Errorf("DTSTAMP: %v", err)
			}
			start, err := e.DateTimeStart(nil)
			if err != nil || !start.Equal(x.Start) || e.Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID) != "Europe/Paris" {
				t.Errorf("DTSTART %v (%v), want %v in Europe/Paris", start, err, x.Start)
			}
			if end, err := e.DateTimeEnd(nil); err != nil || !end.Equal(x.End) {
				t.Errorf("DTEND %v (%v), want %v", end, err, x.End)
			}
			if s, _ := e.Props.Text(goical.PropSummary); s != x.Title {
				t.Errorf("SUMMARY %q, want %q", s, x.Title)
			}
			if u := e.Props.Get(goical.PropURL); u == nil || u.Value != "https://hearth.test/c/eng/gatherings/"+itoa(g.ID)+"/programme#session-"+itoa(x.ID) {
				t.Errorf("URL %v", u)
			}
		}
		if start, _ := events[0].DateTimeStart(nil); start.In(paris).Hour() != 10 {
			t.Errorf("the talk starts at %v in Paris, want 10:00", start.In(paris))
		}
		if s, _ := events[0].Props.Text(goical.PropDescription); s != "Speakers: Stew Tester, Ada Lovelace\n\n"+talk.Description {
			t.Errorf("DESCRIPTION %q", s)
		}
		if s, _ := events[0].Props.Text(goical.PropLocation); s != "Hall A, The kitchen" {
			t.Errorf("LOCATION %q", s)
		}
		if s, _ := events[0].Props.Text(goical.PropCategories); s != "Steel" {
			t.Errorf("CATEGORIES %q", s)
		}
		if s, _ := events[0].Status(); s != goical.EventConfirmed {
			t.Errorf("STATUS %q, want CONFIRMED", s)
		}
		if s, _ := events[1].Status(); s != goical.EventTentative {
			t.Errorf("STATUS %q, want TENTATIVE while waiting", s)
		}
		_, _, _, err = w.svc.MySchedule(w.ctx, w.actors["visitor"], "eng", g.ID)
		want(t, "a visitor's schedule", err, "unauthenticated")
	})
}

// The export: every answer, in order, as CSV a spreadsheet reads as text.
func TestExportAttendeesIsSafeCSV(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		p := w.members(t, "eng", 3)
		for i, name := range []string{"=HYPERLINK(\"http://evil\")", "+1 cell", "@SUM(A1)"} {
			if _, err := w.db.ExecContext(w.ctx, `UPDATE people SET name = $1 WHERE id = $2`, name, p[i].PersonID); err != nil {
				t.Fatal(err)
			}
		}
		w.going(t, "eng", g, o, p...)
		if _, err := w.svc.Answer(w.ctx, w.actors["member"], "eng", g.ID, o.ID, gathering.Maybe); err != nil {
			t.Fatal(err)
		}
		_, _, err := w.svc.ForExport(w.ctx, w.actors["member"], "eng", g.ID)
		want(t, "a member exports", err, "forbidden")
		v, o, err := w.svc.ForExport(w.ctx, w.actors["steward"], "eng", g.ID)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := w.svc.ExportAttendees(w.ctx, v, o, &buf); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 5 || strings.Join(rows[0], ",") != "name,handle,answer,answered_at,checked_in,sessions" {
			t.Fatalf("rows %q", rows)
		}
		for _, r := range rows[1:] {
			if strings.ContainsAny(r[0][:1], "=+-@") {
				t.Errorf("a cell a spreadsheet would run: %q", r[0])
			}
		}
		if rows[2][0] != `'=HYPERLINK("http://evil")` || rows[1][2] != "maybe" || rows[2][2] != "going" {
			t.Errorf("rows %q", rows)
		}
		for in, out := range map[string]string{"-2": "'-2", "plain": "plain", "": "", "\tx": "'\tx", "a=b": "a=b"} {
			if got := gathering.CSVCell(in); got != out {
				t.Errorf("CSVCell(%q) = %q, want %q", in, got, out)
			}
		}
	})
}

// Check-in at the door: a name search over those going, pages of
// RosterPage by name, one person checked in at a time by the hosts.
func TestCheckInByName(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		p := w.members(t, "eng", gathering.RosterPage+5)
		w.going(t, "eng", g, o, p...)
		st := w.actors["steward"]
		seen := map[int64]bool{}
		var after int64
		for pages := 0; ; pages++ {
			r, err := w.svc.ForCheckIn(w.ctx, st, "eng", g.ID, "", after)
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range r.People {
				seen[at.ID] = true
			}
			if r.Next == 0 {
				if pages != 1 {
					t.Errorf("%d pages, want 2", pages+1)
				}
				break
			}
			after = r.Next
		}
		if len(seen) != len(p) {
			t.Errorf("the pages hold %d people, want %d", len(seen), len(p))
		}
		r, err := w.svc.ForCheckIn(w.ctx, st, "eng", g.ID, "member 001", 0)
		if err != nil || len(r.People) != 1 || r.People[0].ID != p[1].PersonID {
			t.Fatalf("search: %+v %v", r.People, err)
		}
		if r, _ := w.svc.ForCheckIn(w.ctx, st, "eng", g.ID, "100%_", 0); len(r.People) != 0 {
			t.Errorf("wildcards matched %d people", len(r.People))
		}
		_, err = w.svc.CheckIn(w.ctx, st, "eng", g.ID, p[1].PersonID, true)
		want(t, "check in ten days early", err, "conflict")
		w.now = o.Start.Add(-time.Hour)
		for who, kind := range map[string]string{"member": "forbidden", "visitor": "unauthenticated", "outsider": "forbidden"} {
			_, err := w.svc.CheckIn(w.ctx, w.actors[who], "eng", g.ID, p[1].PersonID, true)
			want(t, who+" checks in", err, kind)
			_, err = w.svc.ForCheckIn(w.ctx, w.actors[who], "eng", g.ID, "", 0)
			want(t, who+" opens check-in", err, kind)
		}
		if _, err := w.svc.CheckIn(w.ctx, st, "eng", g.ID, p[1].PersonID, true); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.CheckIn(w.ctx, st, "eng", g.ID, w.actors["outsider"].PersonID, true)
		want(t, "check in someone not going", err, "not found")
		if n := w.count(t, `SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = $1 AND attended`, o.ID); n != 1 {
			t.Errorf("%d checked in, want 1", n)
		}
		r, _ = w.svc.AttendeeList(w.ctx, w.actors["member"], "eng", g.ID, "MEMBER 001", 0)
		if len(r.People) != 1 || !r.People[0].Came() {
			t.Errorf("the list does not show the check-in: %+v", r.People)
		}
		_, err = w.svc.AttendeeList(w.ctx, w.actors["outsider"], "eng", g.ID, "", 0)
		want(t, "an outsider lists attendees", err, "forbidden")
		_, err = w.svc.ForCheckIn(w.ctx, st, "eng", g.ID, strings.Repeat("x", 101), 0)
		want(t, "a long search", err, "invalid")
	})
}

// Those with a place in a session, or waiting for one, are told when it
// moves or is removed (and not when only its description changes).
func TestSessionChangesAreTold(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		in := w.session("Cables", "10:00", "11:00")
		x := w.addSession(t, "eng", g, in)
		mem := w.actors["member"]
		w.going(t, "eng", g, o, mem, w.actors["host"])
		if _, err := w.svc.JoinSession(w.ctx, mem, "eng", g.ID, x.ID); err != nil {
			t.Fatal(err)
		}
		told := func(a auth.Actor, like string) int {
			return w.count(t, `SELECT COUNT(*) FROM activities a JOIN activity_targets t ON t.activity_id = a.id
				WHERE a.verb = $1 AND a.audience = 'subject' AND t.person_id = $2 AND a.excerpt LIKE $3`, activity.GatheringChanged, a.PersonID, like)
		}
		in.Description = "Now with slides."
		if _, err := w.svc.EditSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID, in); err != nil {
			t.Fatal(err)
		}
		if n := told(mem, "%Cables%"); n != 0 {
			t.Errorf("told %d times of a new description", n)
		}
		in.StartTime, in.EndTime, in.Room = "15:00", "16:00", "Lab 2"
		if _, err := w.svc.EditSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID, in); err != nil {
			t.Fatal(err)
		}
		if n := told(mem, "%Cables%15:00%Lab 2%"); n != 1 {
			t.Errorf("told %d times of the move, want once", n)
		}
		if err := w.svc.DeleteSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID); err != nil {
			t.Fatal(err)
		}
		if n := told(mem, "%Cables%removed%"); n != 1 {
			t.Errorf("told %d times of the removal, want once", n)
		}
		if n := told(w.actors["host"], "%"); n != 0 {
			t.Errorf("someone without a place was told %d times", n)
		}
		want(t, "remove it again", w.svc.DeleteSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID), "not found")
	})
}
