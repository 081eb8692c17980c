package gathering_test

import (
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
	"hearth/internal/links"
	"hearth/internal/practice"
	"hearth/internal/revision"
)

// Who may write a date's agenda (hosts, stewards) and notes (members),
// on a public and a private community; outsiders of a private one get
// NotFound, and a refused save changes nothing.
func TestAgendaAndNotesPermissions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		for _, c := range []struct {
			slug string
			vis  community.Visibility
		}{{"open", community.Public}, {"closed", community.Private}} {
			w.community(t, c.slug, c.vis)
			in := w.input(3)
			in.Hosts = "host"
			g := w.schedule(t, c.slug, in)
			occ := w.occurrences(t, g)[0]
			hidden := "forbidden"
			if c.vis == community.Private {
				hidden = "not found"
			}
			anon := "unauthenticated"
			if c.vis == community.Private {
				anon = "not found"
			}
			wantAgenda := map[string]string{"visitor": anon, "outsider": hidden, "pending": hidden, "member": "forbidden",
				"host": "ok", "steward": "ok", "admin": "forbidden"}
			wantNotes := map[string]string{"visitor": anon, "outsider": hidden, "pending": hidden, "member": "ok",
				"host": "ok", "steward": "ok", "admin": "forbidden"}
			for _, who := range []string{"visitor", "outsider", "pending", "member", "host", "steward", "admin"} {
				for part, table := range map[string]map[string]string{gathering.Agenda: wantAgenda, gathering.Notes: wantNotes} {
					_, _, cur, _ := w.svc.ForText(w.ctx, w.actors["steward"], c.slug, g.ID, occ.ID, part)
					_, err := w.svc.SaveText(w.ctx, w.actors[who], c.slug, g.ID, occ.ID, part,
						gathering.TextInput{Body: "By " + who, BaseRevision: cur.Revision})
					want(t, c.slug+" "+who+" writes the "+part, err, table[who])
					_, _, _, err = w.svc.ForText(w.ctx, w.actors[who], c.slug, g.ID, occ.ID, part)
					want(t, c.slug+" "+who+" opens the "+part+" form", err, table[who])
				}
			}
			a, n, err := w.svc.Texts(w.ctx, g, w.occurrences(t, g)[0])
			if err != nil {
				t.Fatal(err)
			}
			if a.Body != "By steward" || a.Revision != 2 || n.Body != "By steward" || n.Revision != 3 {
				t.Errorf("%s: agenda %q r%d, notes %q r%d", c.slug, a.Body, a.Revision, n.Body, n.Revision)
			}
			if got := w.count(t, `SELECT COUNT(*) FROM revisions WHERE subject_type = 'gathering-notes' AND subject_id = $1`, occ.ID); got != 3 {
				t.Errorf("%s: %d revisions of the notes, want 3", c.slug, got)
			}
		}
	})
}

// A save from an old base saves nothing and returns the version saved
// meanwhile and what was typed; the Markdown is rendered and escaped.
func TestNotesEditConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		g := w.schedule(t, "bread", w.input(3))
		occ := w.occurrences(t, g)[0]
		saved, err := w.svc.SaveText(w.ctx, w.actors["member"], "bread", g.ID, occ.ID, gathering.Notes,
			gathering.TextInput{Body: "## Decided\n- rye <script>x</script>", Note: "first"})
		if err != nil {
			t.Fatal(err)
		}
		if saved.Revision != 1 || !strings.Contains(string(saved.HTML), "<h2") || strings.Contains(string(saved.HTML), "<script>") {
			t.Errorf("saved r%d %q", saved.Revision, saved.HTML)
		}
		_, err = w.svc.SaveText(w.ctx, w.actors["host"], "bread", g.ID, occ.ID, gathering.Notes, gathering.TextInput{Body: "mine", BaseRevision: 0})
		c, ok := gathering.AsTextConflict(err)
		if !ok {
			t.Fatalf("save from an old base: %v, want a conflict", err)
		}
		if c.Current.Revision != 1 || !strings.Contains(c.Current.Body, "rye") || c.Theirs.Body != "mine" {
			t.Errorf("conflict %+v", c)
		}
		want(t, "conflict kind", err, "conflict")
		_, n, _ := w.svc.Texts(w.ctx, g, w.occurrences(t, g)[0])
		if n.Revision != 1 {
			t.Errorf("the conflicting save changed the notes: r%d", n.Revision)
		}
		_, err = w.svc.SaveText(w.ctx, w.actors["member"], "bread", g.ID, occ.ID, gathering.Notes,
			gathering.TextInput{Body: strings.Repeat("x", gathering.MaxText+1), BaseRevision: 1})
		if errsFields(err)["body"] == "" {
			t.Errorf("too long: %v, want a body error", err)
		}
		revs, err := revision.List(w.ctx, d, revision.Subject{Type: "gathering-notes", ID: occ.ID}, 0, 0)
		if err != nil || len(revs) != 1 || revs[0].Note != "first" {
			t.Errorf("revisions %+v, %v", revs, err)
		}
	})
}

// Ten members save the notes at once from the same base: exactly one wins,
// the others get a conflict, and the revisions agree.
func TestConcurrentNotesSavesOneWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		g := w.schedule(t, "bread", w.input(3))
		occ := w.occurrences(t, g)[0]
		people := w.members(t, "bread", 10)
		results := dbtest.Together(len(people), func(i int) error {
			_, err := w.svc.SaveText(w.ctx, people[i], "bread", g.ID, occ.ID, gathering.Notes, gathering.TextInput{Body: people[i].Handle})
			return err
		})
		wins := 0
		for i, err := range results {
			if err == nil {
				wins++
			} else if _, ok := gathering.AsTextConflict(err); !ok {
				want(t, "save "+people[i].Handle, err, "conflict")
			}
		}
		if wins != 1 {
			t.Errorf("%d saves won, want 1", wins)
		}
		if n := w.count(t, `SELECT COUNT(*) FROM revisions WHERE subject_type = 'gathering-notes' AND subject_id = $1`, occ.ID); n != 1 {
			t.Errorf("%d revisions, want 1", n)
		}
	})
}

// Capturing notes makes a practice entry linked from the date; members who
// may not write in the library, and outsiders, may not capture.
func TestCaptureNotesAsEntry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		g := w.schedule(t, "bread", w.input(-3))
		occ := w.occurrences(t, g)[0]
		if _, err := w.svc.SaveText(w.ctx, w.actors["member"], "bread", g.ID, occ.ID, gathering.Notes,
			gathering.TextInput{Body: "Rye needs a longer proof."}); err != nil {
			t.Fatal(err)
		}
		lib := practice.NewService(d, w.env.Communities, nil)
		for who, kind := range map[string]string{"visitor": "unauthenticated", "outsider": "forbidden", "pending": "forbidden", "member": "ok"} {
			_, _, notes, err := w.svc.ForCapture(w.ctx, w.actors[who], "bread", g.ID, occ.ID)
			want(t, who+" opens capture", err, kind)
			if err == nil && notes.Body != "Rye needs a longer proof." {
				t.Errorf("capture starts from %q", notes.Body)
			}
		}
		_, err := w.svc.Capture(w.ctx, lib, w.actors["outsider"], "bread", g.ID, occ.ID, practice.Input{Kind: practice.Lesson, Title: "Rye", Publish: true})
		want(t, "outsider captures", err, "forbidden")
		e, err := w.svc.Capture(w.ctx, lib, w.actors["member"], "bread", g.ID, occ.ID, practice.Input{Kind: practice.Lesson, Title: "Rye proofing",
			Summary: "Proof rye longer.", Body: "Rye needs a longer proof.", Source: gathering.CaptureSource(g, occ), Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := links.To(w.ctx, d, links.Thing{Kind: "entry", ID: e.ID})
		if err != nil || len(got) != 1 || got[0].From != (links.Thing{Kind: gathering.OccurrenceKind, ID: occ.ID}) {
			t.Fatalf("links into the entry: %+v, %v", got, err)
		}
		if none, err := w.svc.CapturedFrom(w.ctx, g, occ); err != nil || len(none) != 0 {
			t.Errorf("captured from the date as read before the capture: %+v, %v", none, err)
		}
		var again gathering.Occurrence
		for _, o := range w.occurrences(t, g) {
			if o.ID == occ.ID {
				again = o
			}
		}
		if !again.Captured {
			t.Errorf("the date read again is not marked captured: %+v", again)
		}
		captured, err := w.svc.CapturedFrom(w.ctx, g, again)
		if err != nil || len(captured) != 1 || captured[0].Title != "Rye proofing" {
			t.Errorf("captured from the date: %+v, %v", captured, err)
		}
		ev, err := lib.Get(w.ctx, w.actors["member"], "bread", e.Slug)
		if err != nil {
			t.Fatal(err)
		}
		p, err := lib.Provenance(w.ctx, ev, nil)
		if err != nil || p.Origin == nil || p.Origin.OccurrenceID != occ.ID || p.Origin.GatheringTitle != "Bread club" {
			t.Errorf("the entry's origin: %+v, %v", p.Origin, err)
		}
	})
}
