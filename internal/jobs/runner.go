package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sort"
	"sync"
	"time"

	"hearth/internal/db"
)

// Timing. A claimed job is leased for lease; a handler is cut off at
// handlerTimeout, well before, so that a live worker never loses its job to
// another. A job still 'running' after its lease belonged to a worker that
// died, and is claimed again.
const (
	lease          = 5 * time.Minute
	handlerTimeout = 2 * time.Minute
	pollEvery      = time.Second
	batchSize      = 5
	keepDone       = 7 * 24 * time.Hour
	// wakeDebounce: woken, the workers wait this long for the rest of a
	// burst, so that a burst of writes is one batch (one fan-out, one
	// delivery) rather than one each.
	wakeDebounce = 100 * time.Millisecond
)

// Run is one claimed job, as its handler sees it.
type Run struct {
	ID          int64
	Kind        string
	Payload     []byte
	Attempt     int // this attempt, counted from 1
	MaxAttempts int
	runAt       time.Time
}

// Decode unmarshals the job's JSON payload into v.
func (r Run) Decode(v any) error {
	if err := json.Unmarshal(r.Payload, v); err != nil {
		return Permanent(fmt.Errorf("job %d (%s): bad payload: %w", r.ID, r.Kind, err))
	}
	return nil
}

// Last reports whether this is the job's final attempt: a handler that keeps
// its own record of failure (the mail outbox) marks it failed now.
func (r Run) Last() bool { return r.Attempt >= r.MaxAttempts }

// Handler does the work of one job. An error retries it later with backoff,
// unless it is Permanent.
type Handler func(ctx context.Context, r Run) error

type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent marks err as one that retrying will not cure: the job fails at once.
func Permanent(err error) error { return permanent{err} }

// Runner claims and runs due jobs. Register every handler and schedule before
// Run. Several runners (one per Hearth instance) may share one database.
type Runner struct {
	db        *db.DB
	log       *slog.Logger
	handlers  map[string]Handler
	kinds     []string
	schedules []Schedule
	workers   int
	poll      time.Duration
	now       func() time.Time
	wake      chan struct{}
	debounce  time.Duration
	once      sync.Once
}

// NewRunner returns a runner over d with a worker per CPU (at least two).
func NewRunner(d *db.DB, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.Default()
	}
	return &Runner{db: d, log: log, handlers: map[string]Handler{}, workers: max(2, runtime.GOMAXPROCS(0)),
		poll: pollEvery, now: db.Now, wake: make(chan struct{}, 1), debounce: wakeDebounce}
}

// Handle registers h for jobs of kind.
func (r *Runner) Handle(kind string, h Handler) {
	r.handlers[kind] = h
}

// SetWorkers sets how many jobs run at once on this instance.
func (r *Runner) SetWorkers(n int) { r.workers = max(1, n) }

// SetPoll sets how often idle workers look for due jobs (Wake looks at once).
func (r *Runner) SetPoll(every time.Duration) { r.poll = every }

// SetDebounce sets how long woken workers wait for the rest of a burst.
func (r *Runner) SetDebounce(wait time.Duration) { r.debounce = max(0, wait) }

// SetClock replaces the clock (tests move time forward with it).
func (r *Runner) SetClock(now func() time.Time) { r.now = now }

// Wake asks the running workers to look for due jobs now rather than at
// their next poll. It never blocks.
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *Runner) kindList() []string {
	r.once.Do(func() {
		for k := range r.handlers {
			r.kinds = append(r.kinds, k)
		}
		sort.Strings(r.kinds)
	})
	return r.kinds
}

// Run runs the workers and the scheduler until ctx ends; jobs in hand when it
// ends go back to the queue.
func (r *Runner) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { r.schedule(ctx) })
	for range r.workers {
		wg.Go(func() { r.work(ctx) })
	}
	wg.Wait()
}

func (r *Runner) work(ctx context.Context) {
	t := time.NewTicker(r.poll)
	defer t.Stop()
	for {
		for ctx.Err() == nil {
			n, err := r.pass(ctx)
			if err != nil && ctx.Err() == nil {
				r.log.Error("jobs", "err", err)
			}
			if n < batchSize {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.wake:
			if !r.settle(ctx) {
				return
			}
		}
	}
}

// settle waits the debounce after a Wake, taking the Wakes of the rest of
// the burst with it; false when ctx ended meanwhile.
func (r *Runner) settle(ctx context.Context) bool {
	if r.debounce > 0 {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(r.debounce):
		}
	}
	select {
	case <-r.wake:
	default:
	}
	return true
}

// RunDue offers the scheduled runs that are due, then runs every due job
// until none is left, and reports how many ran (tests call it directly).
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	if err := r.offerScheduled(ctx); err != nil {
		return 0, err
	}
	total := 0
	for {
		n, err := r.pass(ctx)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// pass claims one batch and runs it, reporting how many jobs it held.
func (r *Runner) pass(ctx context.Context) (int, error) {
	batch, err := r.claim(ctx)
	if err != nil {
		return 0, err
	}
	for i, run := range batch {
		if ctx.Err() != nil {
			r.release(batch[i:])
			return len(batch), ctx.Err()
		}
		r.runOne(ctx, run)
	}
	return len(batch), nil
}

// claim marks up to batchSize due jobs of the kinds this runner handles as
// running, under a lease, and returns them. The attempt is counted at the
// claim, so a job whose handler kills the process still fails in the end.
func (r *Runner) claim(ctx context.Context) ([]Run, error) {
	kinds := r.kindList()
	if len(kinds) == 0 {
		return nil, nil
	}
	now := r.now()
	args := []any{now, now.Add(lease), batchSize}
	for _, k := range kinds {
		args = append(args, k)
	}
	var batch []Run
	err := r.db.WithTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $2
			WHERE id IN (SELECT id FROM jobs
				WHERE ((status = 'queued' AND run_at <= $1) OR (status = 'running' AND lease_until <= $1))
				AND kind IN (`+db.Placeholders(4, len(kinds))+`)
				ORDER BY run_at, id LIMIT $3`+r.db.SkipLocked()+`)
			RETURNING id, kind, payload, attempts, max_attempts, run_at`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var j Run
			var payload string
			if err := rows.Scan(&j.ID, &j.Kind, &payload, &j.Attempt, &j.MaxAttempts, &j.runAt); err != nil {
				return err
			}
			j.Payload = []byte(payload)
			batch = append(batch, j)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim jobs: %w", err)
	}
	// In the order they were due (RETURNING keeps none).
	sort.Slice(batch, func(i, j int) bool {
		if !batch[i].runAt.Equal(batch[j].runAt) {
			return batch[i].runAt.Before(batch[j].runAt)
		}
		return batch[i].ID < batch[j].ID
	})
	return batch, nil
}

// runOne runs a claimed job and records the outcome.
func (r *Runner) runOne(ctx context.Context, j Run) {
	err := r.call(ctx, j)
	// Record the outcome even when ctx has just ended: a job that is done must
	// not run again.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := r.now()
	if err == nil {
		if _, dbErr := r.db.ExecContext(rctx, `UPDATE jobs SET status = 'done', finished_at = $2, lease_until = NULL, error = ''
			WHERE id = $1 AND attempts = $3`, j.ID, now, j.Attempt); dbErr != nil {
			r.log.Error("job done but not marked", "id", j.ID, "kind", j.Kind, "err", dbErr)
		}
		return
	}
	if ctx.Err() != nil {
		r.release([]Run{j}) // shutting down: not the job's fault
		return
	}
	status, next := "queued", now.Add(RetryDelay(j.Attempt))
	var p permanent
	if j.Last() || errors.As(err, &p) {
		status = "failed"
	}
	var finished *time.Time
	if status == "failed" {
		finished = &now
	}
	r.log.Warn("job failed", "id", j.ID, "kind", j.Kind, "attempt", j.Attempt, "status", status, "err", err)
	if _, dbErr := r.db.ExecContext(rctx, `UPDATE jobs SET status = $2, run_at = $3, lease_until = NULL, error = $4, finished_at = $5
		WHERE id = $1 AND attempts = $6`, j.ID, status, next, err.Error(), finished, j.Attempt); dbErr != nil {
		r.log.Error("job failure not recorded", "id", j.ID, "err", dbErr)
	}
}

// call runs the handler under its timeout, turning a panic into an error.
func (r *Runner) call(ctx context.Context, j Run) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	h := r.handlers[j.Kind]
	hctx, cancel := context.WithTimeout(ctx, handlerTimeout)
	defer cancel()
	return h(hctx, j)
}

// release puts claimed jobs back, uncounted, for the next worker.
func (r *Runner) release(batch []Run) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, j := range batch {
		if _, err := r.db.ExecContext(ctx, `UPDATE jobs SET status = 'queued', attempts = attempts - 1, lease_until = NULL
			WHERE id = $1 AND status = 'running' AND attempts = $2`, j.ID, j.Attempt); err != nil {
			r.log.Error("job claim not released", "id", j.ID, "err", err)
		}
	}
}
