package notify

import (
	"context"
	"fmt"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// OutboxPageSize is how many messages one page of the outbox shows.
const OutboxPageSize = 50

// OutboxMessage is one message in the outbox, as administrators see it.
type OutboxMessage struct {
	ID        int64
	To        string
	Subject   string
	Body      string
	Status    string // queued, sending, sent, failed or logged (development outbox)
	Error     string // the last delivery error, if any
	Attempts  int
	CreatedAt time.Time
	SentAt    *time.Time // nil until sent or logged
}

// Outbox lists page (from 1) of the outbox, newest first, and whether older
// messages follow. Only administrators may read it: the caller passes
// auth.Actor.Admin (notify cannot import auth, which queues mail through it).
func Outbox(ctx context.Context, d *db.DB, admin bool, page int) ([]OutboxMessage, bool, error) {
	if !admin {
		return nil, false, errs.Forbiddenf("Only administrators can read the outbox.")
	}
	page = max(page, 1)
	rows, err := d.QueryContext(ctx, `SELECT id, to_addr, subject, body, status, error, attempts, created_at, sent_at
		FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`,
		OutboxPageSize+1, (page-1)*OutboxPageSize)
	if err != nil {
		return nil, false, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Status, &m.Error, &m.Attempts, &m.CreatedAt, &m.SentAt); err != nil {
			return nil, false, fmt.Errorf("read outbox: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("read outbox: %w", err)
	}
	more := len(out) > OutboxPageSize
	if more {
		out = out[:OutboxPageSize]
	}
	return out, more, nil
}
