package gathering_test

import (
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
	"hearth/internal/search"
)

// A date's notes and agenda and a conference's sessions (title, speaker)
// are found through their gathering, as soon as they are saved and by
// those who may read the gathering only; a removed session is no longer.
func TestNotesAndSessionsAreFoundThroughTheirGathering(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		w.community(t, "eng", community.Private)
		g := w.schedule(t, "bread", w.input(3))
		occ := w.occurrences(t, g)[0]
		if _, err := w.svc.SaveText(w.ctx, w.actors["member"], "bread", g.ID, occ.ID, gathering.Notes,
			gathering.TextInput{Body: "We tried *pumpernickel* and kept the starter warm."}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.SaveText(w.ctx, w.actors["steward"], "bread", g.ID, occ.ID, gathering.Agenda,
			gathering.TextInput{Body: "Bring flour for the focaccia."}); err != nil {
			t.Fatal(err)
		}
		conf, _ := w.conference(t, "eng")
		in := w.session("Cable-stayed spans", "10:00", "11:00")
		in.Speakers = "Ingrid Brunelleschi"
		x := w.addSession(t, "eng", conf, in)

		finds := func(a auth.Actor, words string) []int64 {
			t.Helper()
			res, err := search.Search(w.ctx, d, a, search.Query{Text: words, Kind: search.KindGathering})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, h := range res.Hits {
				ids = append(ids, h.SubjectID)
			}
			return ids
		}
		for _, words := range []string{"pumpernickel", "focaccia"} {
			if got := finds(w.actors["visitor"], words); len(got) != 1 || got[0] != g.ID {
				t.Errorf("%q finds %v, want the bread club %d", words, got, g.ID)
			}
		}
		for _, words := range []string{"brunelleschi", "cable-stayed"} {
			if got := finds(w.actors["member"], words); len(got) != 1 || got[0] != conf.ID {
				t.Errorf("a member's %q finds %v, want the conference %d", words, got, conf.ID)
			}
			if got := finds(w.actors["outsider"], words); len(got) != 0 {
				t.Errorf("an outsider's %q finds %v in a private community", words, got)
			}
		}
		if err := w.svc.DeleteSession(w.ctx, w.actors["steward"], "eng", conf.ID, x.ID); err != nil {
			t.Fatal(err)
		}
		if got := finds(w.actors["member"], "brunelleschi"); len(got) != 0 {
			t.Errorf("a removed session is still found: %v", got)
		}
	})
}
