package gathering_test

import (
	"testing"

	"hearth/internal/activity"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// 200 members answer "going" at once for 10 places: exactly 10 go, 190
// wait, in one order, and the counts agree with the rows.
func TestConcurrentRSVPsNeverExceedCapacity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		in := w.input(10)
		in.Capacity = "10"
		g := w.schedule(t, "bread", in)
		occ := w.occurrences(t, g)[0]
		people := w.members(t, "bread", 200)
		errs := dbtest.Together(len(people), func(i int) error {
			_, err := w.svc.Answer(w.ctx, people[i], "bread", g.ID, occ.ID, gathering.Going)
			return err
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("answer %d: %v", i, err)
			}
		}
		going := w.count(t, `SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = $1 AND answer = 'going'`, occ.ID)
		waiting := w.count(t, `SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = $1 AND answer = 'waitlist'`, occ.ID)
		if going != 10 || waiting != 190 {
			t.Fatalf("%d going and %d waiting, want 10 and 190", going, waiting)
		}
		o := w.occurrences(t, g)[0]
		if o.Going != 10 || o.Waiting != 190 {
			t.Errorf("counts %d going, %d waiting, want 10 and 190", o.Going, o.Waiting)
		}
	})
}

// A full gathering waitlists the fourth; when one of the three leaves, the
// fourth is promoted and told (an activity addressed to them alone), and
// the fifth moves up the waitlist.
func TestWaitlistPromotesInOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		in := w.input(10)
		in.Capacity = "3"
		g := w.schedule(t, "bread", in)
		occ := w.occurrences(t, g)[0]
		p := w.members(t, "bread", 5)
		for i, a := range p {
			w.now = w.now.Add(1) // distinct answer times; the order is by time then person
			ans, err := w.svc.Answer(w.ctx, a, "bread", g.ID, occ.ID, gathering.Going)
			if err != nil {
				t.Fatal(err)
			}
			wantAns, wantPos := gathering.Going, 0
			if i >= 3 {
				wantAns, wantPos = gathering.Waitlist, i-2
			}
			if ans.Answer != wantAns || ans.Position != wantPos {
				t.Errorf("person %d: %+v, want %s at %d", i, ans, wantAns, wantPos)
			}
		}
		// Answering going again keeps one's place.
		if ans, _ := w.svc.Answer(w.ctx, p[4], "bread", g.ID, occ.ID, gathering.Going); ans.Position != 2 {
			t.Errorf("answering again moved the fifth to %+v", ans)
		}
		if _, err := w.svc.Answer(w.ctx, p[1], "bread", g.ID, occ.ID, gathering.No); err != nil {
			t.Fatal(err)
		}
		if m, _ := w.svc.Mine(w.ctx, p[3], occ.ID); m.Answer != gathering.Going {
			t.Errorf("the fourth was not promoted: %+v", m)
		}
		if m, _ := w.svc.Mine(w.ctx, p[4], occ.ID); m.Answer != gathering.Waitlist || m.Position != 1 {
			t.Errorf("the fifth is %+v, want first in the waitlist", m)
		}
		n := w.count(t, `SELECT COUNT(*) FROM activities a JOIN activity_targets t ON t.activity_id = a.id
			WHERE a.verb = $1 AND a.audience = 'subject' AND t.person_id = $2 AND t.reason = 'waitlist'`, activity.GatheringPromoted, p[3].PersonID)
		if n != 1 {
			t.Errorf("%d promotion activities for the fourth, want 1", n)
		}
		// Maybe and not going take no place; raising the capacity promotes.
		if _, err := w.svc.Answer(w.ctx, w.actors["member"], "bread", g.ID, occ.ID, gathering.Maybe); err != nil {
			t.Fatal(err)
		}
		in.Capacity = "10"
		if _, err := w.svc.Edit(w.ctx, w.actors["steward"], "bread", g.ID, in); err != nil {
			t.Fatal(err)
		}
		if m, _ := w.svc.Mine(w.ctx, p[4], occ.ID); m.Answer != gathering.Going {
			t.Errorf("more places did not promote the fifth: %+v", m)
		}
		if o := w.occurrences(t, g)[0]; o.Going != 4 || o.Waiting != 0 {
			t.Errorf("counts %d going, %d waiting, want 4 and 0", o.Going, o.Waiting)
		}
	})
}

// Who may answer: members of an active community; a cancelled date and a
// past one take no answers.
func TestWhoMayAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "pub", community.Public)
		w.community(t, "priv", community.Private)
		for _, slug := range []string{"pub", "priv"} {
			g := w.schedule(t, slug, w.input(3))
			occ := w.occurrences(t, g)[0]
			cases := map[string]string{"visitor": "unauthenticated", "outsider": "forbidden", "pending": "forbidden", "member": "ok",
				"host": "ok", "steward": "ok", "admin": "forbidden"}
			if slug == "priv" {
				cases["visitor"], cases["outsider"], cases["pending"] = "not found", "not found", "not found"
			}
			for who, kind := range cases {
				_, err := w.svc.Answer(w.ctx, w.actors[who], slug, g.ID, occ.ID, gathering.Going)
				want(t, slug+" "+who+" answers", err, kind)
			}
			if _, err := w.svc.CancelOccurrence(w.ctx, w.actors["steward"], slug, g.ID, occ.ID); err != nil {
				t.Fatal(err)
			}
			_, err := w.svc.Answer(w.ctx, w.actors["member"], slug, g.ID, occ.ID, gathering.Maybe)
			want(t, "answer a cancelled date", err, "conflict")
		}
		g := w.schedule(t, "pub", w.input(1))
		occ := w.occurrences(t, g)[0]
		w.now = w.now.AddDate(0, 0, 3)
		_, err := w.svc.Answer(w.ctx, w.actors["member"], "pub", g.ID, occ.ID, gathering.Going)
		want(t, "answer a past date", err, "conflict")
	})
}
