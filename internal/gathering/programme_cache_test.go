package gathering_test

import (
	"fmt"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// The programme keeps its pages under the gathering's programme version:
// every change to what the sessions show is seen at once, the counts and
// the reader's own place at every answer, and answers leave the version as
// it was (so they never wait for the gathering's row).
func TestProgrammeKeptPageFollowsEveryChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		in := w.session("Cable-stayed bridges", "10:00", "11:00")
		in.Capacity, in.Speakers = "1", "@mem"
		x := w.addSession(t, "eng", g, in)
		w.addSession(t, "eng", g, w.session("Arches", "11:00", "12:00"))
		programme := func(who string) []gathering.Session {
			t.Helper()
			_, _, page, _, err := w.svc.Programme(w.ctx, w.actors[who], "eng", g.ID, 0)
			if err != nil {
				t.Fatalf("programme as %s: %v", who, err)
			}
			return page
		}
		version := func() int64 {
			t.Helper()
			v, err := w.svc.Get(w.ctx, w.actors["steward"], "eng", g.ID)
			if err != nil {
				t.Fatal(err)
			}
			return v.ProgrammeVersion
		}
		if _, date, _, _, err := w.svc.Programme(w.ctx, w.actors["visitor"], "eng", g.ID, 0); err != nil || date.ID != o.ID || !date.Start.Equal(o.Start) {
			t.Errorf("the programme's date: %+v (%v), want %+v", date, err, o)
		}
		for _, who := range []string{"member", "steward", "visitor"} {
			if p := programme(who); len(p) != 2 || p[0].Title != "Cable-stayed bridges" || p[0].Going != 0 || p[0].Mine != "" {
				t.Fatalf("first reading as %s: %+v", who, p)
			}
		}
		// Answers: the counts and the reader's own place, the version unchanged.
		before := version()
		w.going(t, "eng", g, o, w.actors["member"], w.actors["steward"])
		for _, who := range []string{"member", "steward"} {
			if _, err := w.svc.JoinSession(w.ctx, w.actors[who], "eng", g.ID, x.ID); err != nil {
				t.Fatal(err)
			}
		}
		if after := version(); after != before {
			t.Errorf("taking places changed the programme's version from %d to %d", before, after)
		}
		for who, mine := range map[string]string{"member": gathering.Going, "steward": gathering.Waitlist, "visitor": ""} {
			p := programme(who)
			if p[0].Going != 1 || p[0].Waiting != 1 || p[0].Mine != mine || p[1].Mine != "" {
				t.Errorf("after the answers, as %s: going %d, waiting %d, mine %q, want 1, 1, %q", who, p[0].Going, p[0].Waiting, p[0].Mine, mine)
			}
		}
		// What the sessions show: a new title, a speaker's new name, a
		// session added and one removed.
		in.Title = "Cable-stayed bridges, revisited"
		if _, err := w.svc.EditSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID, in); err != nil {
			t.Fatal(err)
		}
		if p := programme("visitor"); p[0].Title != in.Title {
			t.Errorf("after the edit: %q", p[0].Title)
		}
		if _, err := d.ExecContext(w.ctx, `UPDATE people SET name = 'Mem Renamed' WHERE handle = 'mem'`); err != nil {
			t.Fatal(err)
		}
		if p := programme("visitor"); len(p[0].Speakers) != 1 || p[0].Speakers[0].Name != "Mem Renamed" {
			t.Errorf("after the speaker's new name: %+v", p[0].Speakers)
		}
		y := w.addSession(t, "eng", g, w.session("Aqueducts", "09:00", "10:00"))
		if p := programme("member"); len(p) != 3 || p[0].ID != y.ID || p[1].Mine != gathering.Going {
			t.Errorf("after a session was added: %s", titles(p))
		}
		if err := w.svc.DeleteSession(w.ctx, w.actors["steward"], "eng", g.ID, y.ID); err != nil {
			t.Fatal(err)
		}
		if p := programme("member"); len(p) != 2 || p[0].ID != x.ID {
			t.Errorf("after a session was removed: %s", titles(p))
		}
		// A second instance (another service on the same database) reads a
		// change made through the first.
		other := gathering.NewService(d, w.env.Communities, "hearth.test", nil)
		read := func(s *gathering.Service, a auth.Actor) string {
			_, _, p, _, err := s.Programme(w.ctx, a, "eng", g.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			return titles(p)
		}
		read(other, auth.Actor{})
		in.Title = "Cable-stayed bridges, the last word"
		if _, err := w.svc.EditSession(w.ctx, w.actors["steward"], "eng", g.ID, x.ID, in); err != nil {
			t.Fatal(err)
		}
		if got := read(other, auth.Actor{}); got != fmt.Sprintf("[%s Arches]", in.Title) {
			t.Errorf("the other instance reads %s", got)
		}
	})
}

func titles(p []gathering.Session) string {
	out := make([]string, len(p))
	for i, x := range p {
		out[i] = x.Title
	}
	return fmt.Sprint(out)
}

// A gathering's newest comments are kept under its posts version: a new
// comment, an edit and an author's new name are seen at once.
func TestKeptCommentsFollowEveryChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g := w.schedule(t, "eng", w.input(3))
		read := func() (int, string) {
			t.Helper()
			v, err := w.svc.Get(w.ctx, w.actors["visitor"], "eng", g.ID)
			if err != nil {
				t.Fatal(err)
			}
			p, err := w.svc.Comments(w.ctx, v, gathering.CommentsAt{})
			if err != nil {
				t.Fatal(err)
			}
			var s string
			for _, c := range p.Posts {
				s += c.AuthorName + ": " + c.Body + "\n"
			}
			return p.Total, s
		}
		cid, err := w.svc.AddComment(w.ctx, w.actors["member"], "eng", g.ID, "First")
		if err != nil {
			t.Fatal(err)
		}
		read()
		if n, s := read(); n != 1 || s != "Mem Tester: First\n" {
			t.Fatalf("one comment, read twice: %d %q", n, s)
		}
		if _, err := w.svc.AddComment(w.ctx, w.actors["steward"], "eng", g.ID, "Second"); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.EditComment(w.ctx, w.actors["member"], "eng", g.ID, cid, "First, edited"); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(w.ctx, `UPDATE people SET name = 'Mem Renamed' WHERE handle = 'mem'`); err != nil {
			t.Fatal(err)
		}
		if n, s := read(); n != 2 || s != "Mem Renamed: First, edited\nStew Tester: Second\n" {
			t.Errorf("after a comment, an edit and a new name: %d %q", n, s)
		}
	})
}

// A date's agenda and notes: no query while neither was written, then kept
// under the date's texts version, which a save and the writer's new name
// change.
func TestKeptTextsFollowEveryChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g := w.schedule(t, "eng", w.input(3))
		read := func() (gathering.Text, gathering.Text) {
			t.Helper()
			a, n, err := w.svc.Texts(w.ctx, g, w.occurrences(t, g)[0])
			if err != nil {
				t.Fatal(err)
			}
			return a, n
		}
		occ := w.occurrences(t, g)[0]
		if occ.TextsVersion != 0 {
			t.Errorf("a date nobody wrote for has texts version %d", occ.TextsVersion)
		}
		before := d.QueryCount()
		if a, n, err := w.svc.Texts(w.ctx, g, occ); err != nil || a.Revision != 0 || n.Revision != 0 || d.QueryCount() != before {
			t.Errorf("texts never written: %+v %+v %v, %d queries", a, n, err, d.QueryCount()-before)
		}
		if _, err := w.svc.SaveText(w.ctx, w.actors["member"], "eng", g.ID, occ.ID, gathering.Notes, gathering.TextInput{Body: "Rye first"}); err != nil {
			t.Fatal(err)
		}
		read()
		if _, n := read(); n.Body != "Rye first" || n.UpdatedBy != "Mem Tester" {
			t.Fatalf("notes read twice: %+v", n)
		}
		if _, err := w.svc.SaveText(w.ctx, w.actors["member"], "eng", g.ID, occ.ID, gathering.Notes, gathering.TextInput{Body: "Rye second", BaseRevision: 1}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(w.ctx, `UPDATE people SET name = 'Mem Renamed' WHERE handle = 'mem'`); err != nil {
			t.Fatal(err)
		}
		if _, n := read(); n.Body != "Rye second" || n.UpdatedBy != "Mem Renamed" {
			t.Errorf("after a save and a new name: %+v", n)
		}
	})
}

// A later page of the programme, kept, shows the counts and the reader's
// place read with the gathering (liveColumn's keyset), at every answer.
func TestProgrammeLaterPageLiveCounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "eng", community.Public)
		g, o := w.conference(t, "eng")
		first := w.addSession(t, "eng", g, w.session("Arches", "10:00", "11:00"))
		second := w.addSession(t, "eng", g, w.session("Cables", "11:00", "12:00"))
		w.going(t, "eng", g, o, w.actors["member"])
		page := func(who string) []gathering.Session {
			t.Helper()
			_, _, p, _, err := w.svc.Programme(w.ctx, w.actors[who], "eng", g.ID, first.ID)
			if err != nil || len(p) != 1 || p[0].ID != second.ID {
				t.Fatalf("the page after the first session as %s: %+v (%v)", who, p, err)
			}
			return p
		}
		page("member") // kept now
		if _, err := w.svc.JoinSession(w.ctx, w.actors["member"], "eng", g.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		if p := page("member"); p[0].Going != 1 || p[0].Mine != gathering.Going {
			t.Errorf("after taking a place: %d going, mine %q", p[0].Going, p[0].Mine)
		}
		if p := page("visitor"); p[0].Going != 1 || p[0].Mine != "" {
			t.Errorf("a visitor sees %d going, mine %q", p[0].Going, p[0].Mine)
		}
	})
}
