package people_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// A newcomer's checklist ticks itself from what they do; it is shown only
// in their first NewcomerDays; stewards see this month's newcomers with
// their progress, and no one else does.
func TestNewcomerChecklistFromHistory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		open := w.ids["open"]
		w.join(t, "open", "ana") // today
		w.join(t, "open", "ben")
		w.join(t, "open", "eve")
		w.run(t, `UPDATE memberships SET created_at = $1 WHERE person_id = $2`, db.Now().Add(-100*24*time.Hour), w.actors["ben"].PersonID)
		w.run(t, `UPDATE memberships SET role = 'steward', created_at = $1 WHERE person_id = $2`, db.Now().Add(-200*24*time.Hour), w.actors["eve"].PersonID)
		view := func(handle string) community.View {
			return community.View{Community: community.Community{ID: open, Slug: "open", Status: community.Active}, Actor: w.actors[handle],
				Mine: community.Membership{Role: community.RoleMember, Status: community.ActiveMember}}
		}
		ana := view("ana")
		list, ok, err := w.s.MyChecklist(ctx, w.actors["ana"], ana)
		if err != nil || !ok || list.Done != 0 || len(list.Steps) != 5 {
			t.Fatalf("a fresh checklist: %+v %v %v", list, ok, err)
		}
		if _, ok, _ := w.s.MyChecklist(ctx, w.actors["ben"], view("ben")); ok {
			t.Error("a member of 100 days is shown the newcomer's checklist")
		}
		for _, step := range []string{people.StepCharter, people.StepStartHere, people.StepCharter} {
			if err := w.s.MarkStep(ctx, w.actors["ana"], ana, step); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.s.MarkStep(ctx, w.actors["ana"], ana, "introduce"); !errs.Is(err, errs.Invalid) {
			t.Errorf("marking a step read from activity: %v", err)
		}
		if err := w.s.MarkStep(ctx, w.actors["ben"], view("ben"), people.StepCharter); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM newcomer_steps`); n != 2 {
			t.Errorf("%d steps recorded, want ana's 2 (none for a long-standing member)", n)
		}
		record := func(verb string) {
			w.run(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at) VALUES ($1, $2, 'thread', 1, $3, $4)`,
				w.actors["ana"].PersonID, verb, open, db.Now())
		}
		record("reply.added")
		record("answer.added")
		list, _, _ = w.s.MyChecklist(ctx, w.actors["ana"], ana)
		if list.Done != 4 || list.Steps[3].Done || list.Complete() {
			t.Fatalf("after charter, start here, a reply and an answer: %+v", list)
		}
		g := w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at)
			VALUES ($1, 'Bake', 'UTC', $2, 60, $2, $2)`, open, db.Now().Add(24*time.Hour))
		o := w.exec(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at)
			VALUES ($1, $2, $3, $3, $4)`, g, open, db.Now().Add(24*time.Hour), db.Now().Add(25*time.Hour))
		w.run(t, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at) VALUES ($1, $2, 'maybe', $3)`, o, w.actors["ana"].PersonID, db.Now())
		if list, _, _ = w.s.MyChecklist(ctx, w.actors["ana"], ana); !list.Complete() {
			t.Errorf("every step done: %+v", list)
		}

		stew := view("eve")
		stew.Mine.Role = community.RoleSteward
		newcomers, err := w.s.Newcomers(ctx, stew)
		if err != nil || len(newcomers) != 1 || newcomers[0].Handle != "ana" || !newcomers[0].Checklist.Complete() {
			t.Errorf("the stewards' newcomers: %+v (%v)", newcomers, err)
		}
		if _, err := w.s.Newcomers(ctx, ana); !errs.Is(err, errs.NotFound) {
			t.Errorf("a member lists newcomers: %v", err)
		}
	})
}

func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
