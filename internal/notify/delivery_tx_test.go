package notify_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/notify"
)

// Delivery holds no write transaction while it talks SMTP: on SQLite, whose
// one writer it would hold, a write made in the middle of the conversation
// goes through at once, and the message is then marked sent.
func TestNoWriteTransactionWhileTalkingSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, "", "")
		var wrote []error
		srv.duringData = func() { // another request, writing
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, err := d.ExecContext(ctx, `INSERT INTO people (handle, email, name, password_hash, created_at) VALUES ($1, $2, 'Wes', 'x', $3)`,
				"wes"+time.Now().Format("150405.000000"), time.Now().Format("150405.000000")+"@example.org", db.Now())
			wrote = append(wrote, err)
		}
		s, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, From: "hearth@example.org", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorker(d, s, slog.New(slog.DiscardHandler))
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "One", Body: "one"})
		queue(t, d, notify.Mail{To: "bob@example.org", Subject: "Two", Body: "two"})
		deliver(t, w)
		if len(wrote) != 2 {
			t.Fatalf("%d writes during the conversation, want 2", len(wrote))
		}
		for _, err := range wrote {
			if err != nil {
				t.Fatalf("a write while SMTP talked: %v", err)
			}
		}
		for _, m := range outbox(t, d) {
			if m.Status != "sent" {
				t.Fatalf("message to %s: %s", m.To, m.Status)
			}
		}
	})
}
