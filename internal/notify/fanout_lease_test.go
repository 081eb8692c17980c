package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
)

// A worker that dies holding a batch (claimed, not yet written) holds it
// only for its lease: another worker passes it by meanwhile, leaves a job
// for the lease's end, and then tells everyone once.
func TestCrashedFanoutWorkersBatchIsTakenWhenItsLeaseEnds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Tom Mentioned")
		var ids []int64
		for i := range 3 {
			ids = append(ids, w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: int64(i),
				Title: "Rye", Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}}}))
		}
		// The first worker dies after claiming: its process ends (ctx
		// cancelled) while its subscribers read.
		dying, die := context.WithCancel(context.Background())
		bus := activity.NewBus(d)
		bus.SubscribeBatch("dies", func(ctx context.Context, _ []activity.Activity) (activity.Write, error) {
			die()
			return nil, ctx.Err()
		})
		first := jobs.NewRunner(d, quiet)
		bus.Register(first)
		if _, err := first.RunDue(dying); !errors.Is(err, context.Canceled) {
			t.Fatalf("the dying worker: %v", err)
		}
		var leased int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM activities WHERE fanned_out_at IS NULL AND fanout_lease_until IS NOT NULL`).Scan(&leased); err != nil || leased != 3 {
			t.Fatalf("%d activities held by the dead worker (%v), want 3", leased, err)
		}
		// Another worker, at once: the batch is still the dead worker's.
		w.run(t)
		for _, id := range ids {
			if got := w.told(t, id); len(got) != 0 {
				t.Fatalf("activity %d told %v while another worker held it", id, got)
			}
		}
		var next time.Time
		if err := d.QueryRowContext(context.Background(), `SELECT run_at FROM jobs WHERE kind = $1 AND status = 'queued'`, activity.KindFanoutWaiting).Scan(&next); err != nil {
			t.Fatalf("no fan-out job left for the lease's end: %v", err)
		}
		if wait := time.Until(next); wait < 2*time.Minute || wait > 4*time.Minute {
			t.Fatalf("the follow-up job runs in %v, want at the lease's end", wait)
		}
		// When the lease has run out, the batch is taken and told once.
		later := func() time.Time { return db.Now().Add(4 * time.Minute) }
		bus2 := activity.NewBus(d)
		bus2.SubscribeBatch("notify", w.notifier.PrepareBatch)
		bus2.SetClock(later)
		second := jobs.NewRunner(d, quiet)
		second.SetClock(later)
		bus2.Register(second)
		if _, err := second.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if got := w.told(t, id); len(got) != 1 || got["tom"] != "mention" {
				t.Fatalf("activity %d told %v after the lease ran out", id, got)
			}
		}
		var left, mails int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM activities WHERE fanned_out_at IS NULL OR fanout_lease_until IS NOT NULL`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("%d activities not done (%v)", left, err)
		}
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_outbox`).Scan(&mails); err != nil || mails != 3 {
			t.Fatalf("%d e-mails queued (%v), want 3", mails, err)
		}
	})
}

// A batch handed over twice (a worker slower than its lease, and the one
// that took it after) writes once: its notifications, watches and e-mails
// are not doubled, whichever writes first.
func TestBatchWritesAreIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Tom Mentioned", "Wes Watcher")
		w.watch(t, "wes", "entry", 1, "watching")
		id := w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: 1,
			Title: "Rye", Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}}})
		a, err := activity.Get(context.Background(), d, id)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		// Both read before either writes.
		slow, err := w.notifier.PrepareBatch(ctx, []activity.Activity{a})
		if err != nil {
			t.Fatal(err)
		}
		fast, err := w.notifier.PrepareBatch(ctx, []activity.Activity{a})
		if err != nil {
			t.Fatal(err)
		}
		for _, write := range []activity.Write{fast, slow, fast} {
			if err := d.WithTxCtx(ctx, write); err != nil {
				t.Fatal(err)
			}
		}
		if got := w.told(t, id); len(got) != 2 || got["tom"] != "mention" || got["wes"] != "watching" {
			t.Fatalf("told %v", got)
		}
		var told, watches, mails int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications`).Scan(&told); err != nil || told != 2 {
			t.Fatalf("%d notifications (%v), want 2", told, err)
		}
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM subscriptions WHERE subject_kind = 'entry' AND subject_id = 1`).Scan(&watches); err != nil || watches != 3 {
			t.Fatalf("%d watches of the entry (%v), want 3 (wes, and ada and tom automatically)", watches, err)
		}
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM mail_outbox`).Scan(&mails); err != nil || mails != 2 {
			t.Fatalf("%d e-mails queued (%v), want 2", mails, err)
		}
	})
}

// The fan-out holds no write transaction while its subscribers read and
// render: on SQLite, whose one writer it would hold, a write made meanwhile
// goes through at once.
func TestFanoutReadsOutsideAnyWriteTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Tom Mentioned")
		w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 1,
			Title: "Rye", Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}}})
		bus := activity.NewBus(d)
		var wrote error
		bus.SubscribeBatch("writes meanwhile", func(ctx context.Context, _ []activity.Activity) (activity.Write, error) {
			done := make(chan error, 1)
			go func() { // another request, writing
				wctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				defer cancel()
				_, err := d.ExecContext(wctx, `UPDATE people SET name = 'Ada A.' WHERE id = $1`, w.people["ada"])
				done <- err
			}()
			wrote = <-done
			return nil, nil
		})
		bus.SubscribeBatch("notify", w.notifier.PrepareBatch)
		r := jobs.NewRunner(d, quiet)
		bus.Register(r)
		if _, err := r.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		if wrote != nil {
			t.Fatalf("a write while the fan-out read: %v", wrote)
		}
		var left int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM activities WHERE fanned_out_at IS NULL`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("%d activities still wait (%v)", left, err)
		}
	})
}
