package people_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Participation levels follow the rules on constructed histories: points
// from contributions, replies and attendance inside the window only, rings
// by threshold, active members only; stewards see everyone's, a member
// only their own.
func TestParticipationLevelsFromHistory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		open := w.ids["open"]
		for _, h := range []string{"ana", "ben", "cy", "dee", "eve"} {
			w.join(t, "open", h)
		}
		w.run(t, `UPDATE memberships SET role = 'steward' WHERE person_id = $1`, w.actors["eve"].PersonID)
		now := db.Now()
		act := func(handle, verb string, ago time.Duration, n int) {
			for range n {
				w.run(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at) VALUES ($1, $2, 'entry', 1, $3, $4)`,
					w.actors[handle].PersonID, verb, open, db.Now().Add(-ago))
			}
		}
		act("ana", "entry.published", time.Hour, 4)       // 12
		act("ana", "comment.added", time.Hour, 3)         // 15: core
		act("ben", "reply.added", 24*time.Hour, 2)        // 2
		act("ben", "question.asked", 24*time.Hour, 1)     // 5: active
		act("cy", "answer.added", 10*24*time.Hour, 1)     // 1: occasional
		act("cy", "entry.published", 100*24*time.Hour, 5) // outside the window
		act("dee", "member.joined", time.Hour, 1)         // counts nothing: peripheral
		act("gus", "entry.published", time.Hour, 9)       // not a member
		w.run(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at) VALUES ($1, 'entry.published', 'entry', 1, $2, $3)`,
			w.actors["dee"].PersonID, w.ids["secret"], now) // another community
		// Dee attended two gatherings of the community: 4 points, occasional.
		g := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at)
			VALUES ($1, 'Bake', 'UTC', $2, 60, $2, $2)`, open, now.Add(-48*time.Hour))
		for i := range 2 {
			start := now.Add(-time.Duration(48-i) * time.Hour)
			o := w.exec(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at)
				VALUES ($1, $2, $3, $3, $4)`, g, open, start, start.Add(time.Hour))
			w.run(t, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended) VALUES ($1, $2, 'going', $3, true)`,
				o, w.actors["dee"].PersonID, start)
		}

		if err := w.s.RecountParticipation(ctx, false); err != nil {
			t.Fatal(err)
		}
		stew := w.actors["eve"]
		stew.Admin = false
		v, counts, list, more, err := w.s.Participation(ctx, stew, "open", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			handle string
			score  int
			ring   people.Ring
		}{{"ana", 15, people.Core}, {"ben", 5, people.Active}, {"dee", 4, people.Occasional}, {"cy", 1, people.Occasional}, {"eve", 0, people.Peripheral}}
		if len(list) != len(want) || more {
			t.Fatalf("%d participants (more %v): %+v", len(list), more, list)
		}
		for i, p := range list {
			if p.Handle != want[i].handle || p.Score != want[i].score || p.Ring != want[i].ring {
				t.Errorf("#%d: %s %d %s, want %+v", i, p.Handle, p.Score, p.Ring, want[i])
			}
		}
		if list[2].Attended != 2 || list[0].Contributions != 4 || list[0].Replies != 3 {
			t.Errorf("the parts: %+v", list)
		}
		if counts[people.Core] != 1 || counts[people.Active] != 1 || counts[people.Occasional] != 2 || counts[people.Peripheral] != 1 {
			t.Errorf("counts %v", counts)
		}
		if list[3].NextRing() != people.Active || list[3].PointsToNext() != 4 || list[0].NextRing() != "" {
			t.Errorf("next rings: %s %d, %s", list[3].NextRing(), list[3].PointsToNext(), list[0].NextRing())
		}
		// A page of one, then the next after it.
		_, _, rest, _, err := w.s.Participation(ctx, stew, "open", list[1].Score, list[1].PersonID)
		if err != nil || len(rest) != 3 || rest[0].Handle != "dee" {
			t.Errorf("the page after ben: %+v (%v)", rest, err)
		}

		// A member sees their own, not everyone's; an outsider neither.
		if _, _, _, _, err := w.s.Participation(ctx, w.actors["ben"], "open", 0, 0); !errs.Is(err, errs.NotFound) {
			t.Errorf("a member reads everyone's: %v", err)
		}
		mine, ok, err := w.s.MyParticipation(ctx, w.actors["ben"], community.View{Community: v.Community, Actor: w.actors["ben"],
			Mine: community.Membership{Role: community.RoleMember, Status: community.ActiveMember}})
		if err != nil || !ok || mine.Score != 5 || mine.Ring != people.Active {
			t.Errorf("ben's own: %+v %v %v", mine, ok, err)
		}
		if _, ok, _ := w.s.MyParticipation(ctx, auth.Actor{}, v); ok {
			t.Error("a visitor has a level")
		}

		// Nothing new: no recount; new activity: the community is recounted.
		act("ben", "entry.published", 0, 4)
		if err := w.s.RecountParticipation(ctx, false); err != nil {
			t.Fatal(err)
		}
		if _, _, list, _, _ = w.s.Participation(ctx, stew, "open", 0, 0); list[0].Handle != "ben" || list[0].Score != 17 {
			t.Errorf("after ben's entries: %+v", list[0])
		}
	})
}
