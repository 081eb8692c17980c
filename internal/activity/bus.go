package activity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Subscriber acts on a recorded activity, in the transaction that marks its
// batch fanned out (the context carries it), after those registered before
// it; when one fails, the fan-out is tried again and every subscriber is
// called again, so each must be idempotent.
type Subscriber func(ctx context.Context, a Activity) error

// BatchSubscriber acts on a batch of recorded activities, in the order they
// were recorded, in two steps, so that SQLite's one writer is not held while
// it reads and renders: called outside any write transaction, it reads what
// it needs (once per batch) and returns the writes to make, which run in the
// short transaction that marks the batch fanned out. A batch may be handed
// over again (its worker died before marking it, its lease ran out), so the
// writes must be idempotent (notify's are: a unique key and ON CONFLICT DO
// NOTHING on each, e-mail only for a notification newly added).
type BatchSubscriber func(ctx context.Context, batch []Activity) (Write, error)

// Write is a batch subscriber's writes, run in the transaction tx (which ctx
// carries); nil for none.
type Write func(ctx context.Context, tx *db.Tx) error

// fanoutBatch bounds the activities handed to the subscribers at once.
const fanoutBatch = 200

// fanoutLease is how long a claimed batch is its worker's: longer than a job
// handler may run (so a live worker never loses its batch to another),
// shorter than a job's lease (so that when the job of a worker that died is
// run again, its batch is free).
const fanoutLease = 3 * time.Minute

// Bus hands recorded activities to the subscribers registered in app.
type Bus struct {
	db   *db.DB
	subs []named
	now  func() time.Time
}

type named struct {
	name string
	fn   BatchSubscriber
}

// NewBus returns a bus over d with no subscribers.
func NewBus(d *db.DB) *Bus { return &Bus{db: d, now: db.Now} }

// SetClock replaces the clock that leases batches (tests let a lease run out).
func (b *Bus) SetClock(now func() time.Time) { b.now = now }

// Subscribe registers fn under name (for the log when it fails); fn is
// called for each activity of a batch in turn, in the batch's write
// transaction.
func (b *Bus) Subscribe(name string, fn Subscriber) {
	b.SubscribeBatch(name, func(_ context.Context, batch []Activity) (Write, error) {
		return func(ctx context.Context, _ *db.Tx) error {
			for _, a := range batch {
				if err := fn(ctx, a); err != nil {
					return err
				}
			}
			return nil
		}, nil
	})
}

// SubscribeBatch registers fn under name, to be handed whole batches.
func (b *Bus) SubscribeBatch(name string, fn BatchSubscriber) {
	b.subs = append(b.subs, named{name, fn})
}

// Register makes r run the fan-out jobs.
func (b *Bus) Register(r *jobs.Runner) {
	r.Handle(KindFanoutWaiting, b.fanoutWaiting)
	r.Handle(KindFanout, b.fanoutOne)
}

// fanoutWaiting fans out every waiting activity, a batch at a time, then
// leaves a job for the end of any lease another worker holds (it may have
// died).
func (b *Bus) fanoutWaiting(ctx context.Context, _ jobs.Run) error {
	for {
		n, err := b.fanoutSome(ctx, 0)
		if err != nil {
			return err
		}
		if n < fanoutBatch {
			return b.followUp(ctx)
		}
	}
}

// fanoutSome claims up to fanoutBatch waiting activities (only the one with
// id, when id is not 0) under a lease, in a short transaction; hands them to
// the subscribers outside any write transaction; then runs the subscribers'
// writes and marks the batch fanned out in one short transaction; and
// reports how many it claimed. On PostgreSQL the claim passes over the rows
// another worker is claiming. When a subscriber fails, the batch is done
// again one activity at a time, and an activity that fails on its own is
// handed to a job of its own (retried with backoff), so that it holds up no
// other.
func (b *Bus) fanoutSome(ctx context.Context, id int64) (int, error) {
	claimed, err := b.claim(ctx, id)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	err = b.deliver(ctx, claimed)
	if err == nil || ctx.Err() != nil {
		return len(claimed), err
	}
	if id != 0 {
		return 0, b.handOff(ctx, id, err)
	}
	for _, one := range claimed {
		if _, err := b.fanoutSome(ctx, one); err != nil {
			return len(claimed), err
		}
	}
	return len(claimed), nil
}

// deliver hands the claimed activities to the subscribers, then writes what
// they return and marks the activities fanned out, in one transaction.
func (b *Bus) deliver(ctx context.Context, claimed []int64) error {
	batch, err := getMany(ctx, b.db, claimed)
	if err != nil {
		return err
	}
	writes, err := b.prepare(ctx, batch)
	if err != nil {
		return err
	}
	return b.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := writes(ctx, tx); err != nil {
			return err
		}
		return markFannedOut(ctx, tx, claimed)
	})
}

// prepare asks every subscriber, in turn, for its writes for batch, outside
// any write transaction, and returns them as one Write.
func (b *Bus) prepare(ctx context.Context, batch []Activity) (Write, error) {
	ctx = db.WithoutTx(ctx)
	var writes []Write
	var names []string
	if len(batch) > 0 {
		for _, s := range b.subs {
			w, err := s.fn(ctx, batch)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.name, err)
			}
			if w != nil {
				writes, names = append(writes, w), append(names, s.name)
			}
		}
	}
	return func(ctx context.Context, tx *db.Tx) error {
		for i, w := range writes {
			if err := w(ctx, tx); err != nil {
				return fmt.Errorf("%s: %w", names[i], err)
			}
		}
		return nil
	}, nil
}

// claim leases up to fanoutBatch waiting activities that no live worker
// holds (or the one with id, which this worker holds or nobody does),
// oldest first, and returns their ids.
func (b *Bus) claim(ctx context.Context, id int64) ([]int64, error) {
	now := b.now()
	query := `UPDATE activities SET fanout_lease_until = $2 WHERE id IN (SELECT id FROM activities
		WHERE fanned_out_at IS NULL AND (fanout_lease_until IS NULL OR fanout_lease_until <= $1)
		ORDER BY id LIMIT $3` + b.db.SkipLocked() + `) RETURNING id`
	args := []any{now, now.Add(fanoutLease), fanoutBatch}
	if id != 0 {
		query = `UPDATE activities SET fanout_lease_until = $1 WHERE id = $2 AND fanned_out_at IS NULL RETURNING id`
		args = []any{now.Add(fanoutLease), id}
	}
	var ids []int64
	err := b.db.WithTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim waiting activities: %w", err)
	}
	slices.Sort(ids) // oldest first (RETURNING keeps no order)
	return ids, nil
}

// followUp leaves a fan-out job for the end of the earliest lease still
// held on a waiting activity, if any: should its worker have died, the
// batch is taken again then.
func (b *Bus) followUp(ctx context.Context) error {
	var until time.Time
	err := b.db.QueryRowContext(ctx, `SELECT fanout_lease_until FROM activities
		WHERE fanned_out_at IS NULL AND fanout_lease_until IS NOT NULL ORDER BY fanout_lease_until LIMIT 1`).Scan(&until)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the leases of waiting activities: %w", err)
	}
	return jobs.EnqueueOnce(ctx, b.db.Writer(), jobs.Job{Kind: KindFanoutWaiting, RunAt: until})
}

// handOff marks the activity with id fanned out and enqueues a job of its
// own for it, its subscribers having failed with cause.
func (b *Bus) handOff(ctx context.Context, id int64, cause error) error {
	err := b.db.WithTx(ctx, func(tx *db.Tx) error {
		if err := markFannedOut(ctx, tx, []int64{id}); err != nil {
			return err
		}
		return jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindFanout, Payload: fanoutJob{ID: id}})
	})
	if err != nil {
		return errors.Join(cause, err)
	}
	return nil
}

func markFannedOut(ctx context.Context, tx *db.Tx, ids []int64) error {
	args := []any{db.Now()}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := tx.ExecContext(ctx, `UPDATE activities SET fanned_out_at = $1, fanout_lease_until = NULL WHERE id IN (`+db.Placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return fmt.Errorf("mark activities fanned out: %w", err)
	}
	return nil
}

// fanoutOne hands one activity to every subscriber: one whose fan-out failed
// in a batch (or enqueued before batches).
func (b *Bus) fanoutOne(ctx context.Context, run jobs.Run) error {
	var j fanoutJob
	if err := run.Decode(&j); err != nil {
		return err
	}
	a, err := Get(ctx, b.db, j.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // its community was deleted since
	}
	if err != nil {
		return err
	}
	writes, err := b.prepare(ctx, []Activity{a})
	if err != nil {
		return err
	}
	return b.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error { return writes(ctx, tx) })
}

// Columns is the select list that reads an Activity from activities a
// joined (as Joins does) with its actor p and its community c; Dest gives
// Scan's destinations for it, in order.
const Columns = `a.id, COALESCE(a.actor_id, 0), a.verb, a.subject_kind, a.subject_id, COALESCE(a.community_id, 0), a.audience,
	a.title, a.url, a.excerpt, a.created_at, COALESCE(p.handle, ''), COALESCE(p.name, ''), COALESCE(c.slug, ''), COALESCE(c.name, '')`

// Joins adds the actor p and the community c to activities a.
const Joins = ` LEFT JOIN people p ON p.id = a.actor_id LEFT JOIN communities c ON c.id = a.community_id`

// Dest lists a's fields in the order of Columns, for Scan.
func Dest(a *Activity) []any {
	return []any{&a.ID, &a.ActorID, &a.Verb, &a.SubjectKind, &a.SubjectID, &a.CommunityID, &a.Audience,
		&a.Title, &a.URL, &a.Excerpt, &a.CreatedAt, &a.ActorHandle, &a.ActorName, &a.CommunitySlug, &a.CommunityName}
}

// Get reads the activity with id and its targets; sql.ErrNoRows when gone.
func Get(ctx context.Context, q db.Q, id int64) (Activity, error) {
	var a Activity
	var targets string
	err := q.QueryRowContext(ctx, `SELECT `+Columns+`, a.targets FROM activities a`+Joins+` WHERE a.id = $1`, id).
		Scan(append(Dest(&a), &targets)...)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return a, err
		}
		return a, fmt.Errorf("read activity %d: %w", id, err)
	}
	a.Targets, err = decodeTargets(targets)
	return a, err
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// getMany reads the activities with ids, and their targets, oldest first;
// one that is gone (its community deleted) is left out.
func getMany(ctx context.Context, q db.Q, ids []int64) ([]Activity, error) {
	in, args := db.InIDs(1, ids) // a few texts, kept prepared
	rows, err := q.QueryContext(ctx, `SELECT `+Columns+`, a.targets FROM activities a`+Joins+` WHERE a.id IN (`+in+`) ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read activities: %w", err)
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var a Activity
		var targets string
		if err := rows.Scan(append(Dest(&a), &targets)...); err != nil {
			return nil, fmt.Errorf("read activities: %w", err)
		}
		if a.Targets, err = decodeTargets(targets); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
