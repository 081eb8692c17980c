package notify

import (
	"log/slog"
	"time"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// sendTimeout bounds one SMTP delivery, well inside a job's time.
const sendTimeout = 30 * time.Second

// Delivery sends the outbox's messages, in KindMailOutbox jobs: through an
// SMTP sender, or, with none, to the log (the development outbox). Each
// message keeps its own attempts and backoff in the outbox; the job queue
// runs the deliveries and shares them between instances.
type Delivery struct {
	db     *db.DB
	sender Sender // nil: the development outbox
	log    *slog.Logger
}

// NewDelivery returns the mail delivery through sender (nil for the
// development outbox); Register it with the job runner.
func NewDelivery(d *db.DB, sender Sender, log *slog.Logger) *Delivery {
	if log == nil {
		log = slog.Default()
	}
	return &Delivery{db: d, sender: sender, log: log}
}

// Register makes r deliver mail. A KindMail job (one message, queued
// before batches) delivers whatever is due, its message among it.
func (m *Delivery) Register(r *jobs.Runner) {
	r.Handle(KindMailOutbox, m.deliverDue)
	r.Handle(KindMail, m.deliverDue)
}
