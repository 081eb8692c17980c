package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"hearth/internal/db"
)

// Delivery timing. A claim older than staleClaim belongs to a worker that
// died; a batch (batchSize messages, each bounded by sendTimeout) always ends
// well before that, so no live worker's message is taken from it.
const (
	pollEvery   = 2 * time.Second
	staleClaim  = 10 * time.Minute
	batchSize   = 10
	sendTimeout = 30 * time.Second
	maxAttempts = 8
	firstRetry  = time.Minute
	maxRetry    = time.Hour
)

// Worker delivers the outbox. Several workers (one per Hearth instance) may
// share one PostgreSQL database: each message is claimed by exactly one.
type Worker struct {
	db     *db.DB
	sender Sender // nil: the development outbox
	log    *slog.Logger
	wake   chan struct{}
}

// NewWorker returns a worker delivering through sender; with a nil sender,
// mail is only written to log and marked 'logged' (the development outbox).
func NewWorker(d *db.DB, sender Sender, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.Default()
	}
	return &Worker{db: d, sender: sender, log: log, wake: make(chan struct{}, 1)}
}

// Wake asks a running worker to look at the outbox now rather than at its
// next poll. It never blocks.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers due mail every two seconds, and on Wake, until ctx is done.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		if _, err := w.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("mail outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.wake:
		}
	}
}

type claimed struct {
	id       int64
	attempts int // including this one
	mail     Mail
}

// DeliverDue makes one pass over the outbox: it delivers every message that
// is due and reports how many were sent (or logged). A message that fails is
// rescheduled and logged, not returned as an error; the error is for the
// database, or ctx ending.
func (w *Worker) DeliverDue(ctx context.Context) (int, error) {
	delivered := 0
	for {
		batch, err := w.claim(ctx)
		if err != nil {
			return delivered, err
		}
		for i, c := range batch {
			if ctx.Err() != nil {
				w.release(batch[i:])
				return delivered, ctx.Err()
			}
			if w.deliver(ctx, c) {
				delivered++
			}
		}
		if len(batch) < batchSize {
			return delivered, nil
		}
	}
}

// claim marks up to batchSize due messages 'sending', now, and returns them.
// The attempt is counted at the claim, so that a message whose sending
// crashes the worker still ends as 'failed' after maxAttempts.
func (w *Worker) claim(ctx context.Context) ([]claimed, error) {
	now := db.Now()
	var batch []claimed
	err := w.db.WithTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE mail_outbox
			SET status = 'sending', next_try_at = $1, attempts = attempts + 1
			WHERE id IN (SELECT id FROM mail_outbox
				WHERE (status = 'queued' AND next_try_at <= $1) OR (status = 'sending' AND next_try_at <= $2)
				ORDER BY next_try_at, id LIMIT $3`+w.db.SkipLocked()+`)
			RETURNING id, attempts, to_addr, subject, body`,
			now, now.Add(-staleClaim), batchSize)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			if err := rows.Scan(&c.id, &c.attempts, &c.mail.To, &c.mail.Subject, &c.mail.Body); err != nil {
				return err
			}
			batch = append(batch, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	return batch, nil
}

// deliver sends (or logs) one claimed message and records the outcome.
func (w *Worker) deliver(ctx context.Context, c claimed) bool {
	var err error
	status := "sent"
	if w.sender == nil {
		status = "logged"
		w.log.Info("mail (development outbox, not sent)", "to", c.mail.To, "subject", c.mail.Subject, "body", c.mail.Body)
	} else {
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = w.sender.Send(sctx, c.mail)
		cancel()
	}
	// Record the outcome even when ctx has just ended: a sent message must
	// not stay 'sending' and be sent again.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err == nil {
		if _, dbErr := w.db.ExecContext(rctx, `UPDATE mail_outbox SET status = $2, sent_at = $3, error = '' WHERE id = $1`,
			c.id, status, db.Now()); dbErr != nil {
			w.log.Error("mail delivered but not marked", "id", c.id, "err", dbErr)
		}
		return true
	}
	if ctx.Err() != nil {
		w.release([]claimed{c}) // shutting down: not the message's fault
		return false
	}
	status, next := "queued", db.Now().Add(retryDelay(c.attempts))
	if c.attempts >= maxAttempts {
		status = "failed"
	}
	w.log.Warn("mail not delivered", "id", c.id, "to", c.mail.To, "attempt", c.attempts, "status", status, "err", err)
	if _, dbErr := w.db.ExecContext(rctx, `UPDATE mail_outbox SET status = $2, next_try_at = $3, error = $4 WHERE id = $1`,
		c.id, status, next, err.Error()); dbErr != nil {
		w.log.Error("mail failure not recorded", "id", c.id, "err", dbErr)
	}
	return false
}

// release puts claimed messages back, uncounted, for the next worker.
func (w *Worker) release(batch []claimed) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, c := range batch {
		if _, err := w.db.ExecContext(ctx, `UPDATE mail_outbox SET status = 'queued', attempts = attempts - 1
			WHERE id = $1 AND status = 'sending'`, c.id); err != nil {
			w.log.Error("mail claim not released", "id", c.id, "err", err)
		}
	}
}

// retryDelay is the wait after the given failed attempt: 1m, 2m, 4m ... 1h.
func retryDelay(attempt int) time.Duration {
	d := firstRetry
	for i := 1; i < attempt && d < maxRetry; i++ {
		d *= 2
	}
	return min(d, maxRetry)
}
