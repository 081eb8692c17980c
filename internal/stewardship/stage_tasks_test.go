package stewardship_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/stewardship"
)

// TestStageChecklist: a steward ticks the tasks of the community's stage;
// they stay with that stage; nobody else may read or tick them.
func TestStageChecklist(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		// To the microsecond: the checklist's times come packed in text
		// with the community (stewardship/health_head.go).
		now := time.Date(2026, 6, 15, 12, 0, 0, 123456000, time.UTC)
		w := newWorld(t, d, now, "mia") // coalescing
		sam, mia := w.actors["sam"], w.actors["mia"]
		if err := w.s.SetChecklist(ctx, sam, "bread", community.Coalescing, []string{"launch", "welcome"}); err != nil {
			t.Fatal(err)
		}
		h := w.health(t, 90)
		var done []string
		for _, task := range h.Tasks {
			if task.Done {
				done = append(done, task.Key)
				if !task.DoneAt.Equal(now) {
					t.Errorf("%s done at %v", task.Key, task.DoneAt)
				}
			}
		}
		if len(h.Tasks) != len(stewardship.StageTasks[community.Coalescing]) || len(done) != 2 || done[0] != "launch" || done[1] != "welcome" {
			t.Errorf("tasks %+v, done %v", h.Tasks, done)
		}
		if err := w.s.SetChecklist(ctx, mia, "bread", community.Coalescing, nil); !errs.Is(err, errs.NotFound) {
			t.Errorf("a member ticks: %v", err)
		}
		if err := w.s.SetChecklist(ctx, sam, "bread", community.Coalescing, []string{"celebrate"}); !errs.Is(err, errs.Invalid) {
			t.Errorf("a task of another stage: %v", err)
		}
		if err := w.s.SetChecklist(ctx, sam, "bread", community.Maturing, []string{"library"}); !errs.Is(err, errs.Conflict) {
			t.Errorf("a checklist of the stage before it changed: %v", err)
		}
		// Unticking one keeps the other as it was; another stage has its own.
		w.s.SetNow(now.Add(time.Hour))
		if err := w.s.SetChecklist(ctx, sam, "bread", community.Coalescing, []string{"launch"}); err != nil {
			t.Fatal(err)
		}
		w.run(t, `UPDATE communities SET stage = 'maturing' WHERE id = $1`, w.c)
		v, err := w.s.Health(ctx, sam, "bread", 90)
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range v.Tasks {
			if task.Done {
				t.Errorf("a maturing task done: %+v", task)
			}
		}
		var task string
		var at time.Time
		if err := d.QueryRowContext(ctx, `SELECT task, done_at FROM stage_tasks WHERE community_id = $1`, w.c).Scan(&task, &at); err != nil || task != "launch" || !at.Equal(now) {
			t.Errorf("stored: %s at %v, %v; want launch, ticked first at %v", task, at, err, now)
		}
	})
}
