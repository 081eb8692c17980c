package notify_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
)

// Fifty writes leave one fan-out job, which tells of every activity exactly
// once, in order (a mention in the first makes the mentioned watch the entry
// for the rest).
func TestBurstOfActivitiesFansOutOnceEach(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Tom Mentioned")
		const entry = 3
		var ids []int64
		ids = append(ids, w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: entry,
			Title: "Rye", Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}}}))
		for i := range 49 {
			ids = append(ids, w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: entry,
				Title: "Rye", Excerpt: fmt.Sprint("comment ", i)}))
		}
		var waiting int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = $1`, activity.KindFanoutWaiting).Scan(&waiting); err != nil || waiting != 1 {
			t.Fatalf("%d fan-out jobs for 50 writes (%v), want 1", waiting, err)
		}
		w.run(t)
		for i, id := range ids {
			want := "watching"
			if i == 0 {
				want = "mention"
			}
			if got := w.told(t, id); len(got) != 1 || got["tom"] != want {
				t.Fatalf("activity %d told %v, want tom (%s)", i, got, want)
			}
		}
		var left, mails int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM activities WHERE fanned_out_at IS NULL`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("%d activities still wait (%v)", left, err)
		}
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_outbox WHERE status = 'logged'`).Scan(&mails); err != nil || mails != 50 {
			t.Fatalf("%d e-mails delivered (%v), want 50", mails, err)
		}
	})
}

// Two instances fanning out at once (each with a fan-out job of its own)
// never fan out the same activity twice: no one is told twice, nor e-mailed
// twice.
func TestTwoRunnersFanOutEachActivityOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Tom Mentioned")
		calls := map[int64]int{}
		var mu sync.Mutex
		const n = 600 // three batches
		err := d.WithTx(context.Background(), func(tx *db.Tx) error {
			for i := range n {
				if _, err := activity.Record(context.Background(), tx, activity.Activity{ActorID: w.people["ada"], Verb: activity.CommentAdded,
					SubjectKind: "entry", SubjectID: int64(i), CommunityID: w.community, Title: "Rye",
					Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}}}); err != nil {
					return err
				}
			}
			return jobs.Enqueue(context.Background(), tx, jobs.Job{Kind: activity.KindFanoutWaiting})
		})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 2 {
			bus := activity.NewBus(d)
			bus.SubscribeBatch("notify", w.notifier.PrepareBatch)
			bus.Subscribe("count", func(_ context.Context, a activity.Activity) error {
				mu.Lock()
				calls[a.ID]++
				mu.Unlock()
				return nil
			})
			r := jobs.NewRunner(d, quiet)
			bus.Register(r)
			wg.Go(func() {
				if _, err := r.RunDue(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if len(calls) != n {
			t.Fatalf("%d activities fanned out, want %d", len(calls), n)
		}
		for id, k := range calls {
			if k != 1 {
				t.Fatalf("activity %d fanned out %d times", id, k)
			}
		}
		var told, mails int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM notifications`).Scan(&told); err != nil || told != n {
			t.Fatalf("%d notifications (%v), want %d", told, err, n)
		}
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_outbox`).Scan(&mails); err != nil || mails != n {
			t.Fatalf("%d e-mails queued (%v), want %d", mails, err, n)
		}
	})
}

// An activity whose subscriber fails holds up no other: the rest of its batch
// is told, and it is retried by a job of its own.
func TestFailingActivityIsRetriedApart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Tom Mentioned")
		var bad int64
		failing := true
		bus := activity.NewBus(d)
		bus.SubscribeBatch("notify", w.notifier.PrepareBatch)
		bus.Subscribe("picky", func(_ context.Context, a activity.Activity) error {
			if a.ID == bad && failing {
				return fmt.Errorf("cannot handle %d", a.ID)
			}
			return nil
		})
		r := jobs.NewRunner(d, quiet)
		bus.Register(r)
		var ids []int64
		for i := range 5 {
			ids = append(ids, w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: int64(i),
				Title: "Rye", Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}}}))
		}
		bad = ids[2]
		if _, err := r.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if got := len(w.told(t, id)); (id == bad) != (got == 0) {
				t.Fatalf("activity %d told %d people (the failing one is %d)", id, got, bad)
			}
		}
		var retry int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status = 'queued'`, activity.KindFanout).Scan(&retry); err != nil || retry != 1 {
			t.Fatalf("%d retries of the failing activity (%v), want 1", retry, err)
		}
		failing = false
		if _, err := d.ExecContext(context.Background(), `UPDATE jobs SET run_at = $1 WHERE status = 'queued'`, db.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := r.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := w.told(t, bad); len(got) != 1 {
			t.Fatalf("the retried activity told %v", got)
		}
	})
}
