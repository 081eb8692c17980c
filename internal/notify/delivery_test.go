package notify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/jobs"
	"hearth/internal/notify"
)

func queue(t *testing.T, d *db.DB, m notify.Mail) {
	t.Helper()
	if err := d.WithTx(context.Background(), func(tx *db.Tx) error { return notify.Queue(context.Background(), tx, m) }); err != nil {
		t.Fatal(err)
	}
}

// failing is a sender whose server always refuses.
type failing struct{}

func (failing) Send(context.Context, notify.Mail) error { return errors.New("550 mailbox unavailable") }

// newWorker is a job runner that delivers mail through sender (nil: the
// development outbox), as every Hearth instance runs one.
func newWorker(d *db.DB, sender notify.Sender, log *slog.Logger) *jobs.Runner {
	r := jobs.NewRunner(d, log)
	notify.NewDelivery(d, sender, log).Register(r)
	return r
}

func deliver(t *testing.T, w *jobs.Runner) int {
	t.Helper()
	n, err := w.RunDue(context.Background())
	if err != nil {
		t.Fatalf("DeliverDue: %v", err)
	}
	return n
}

func outbox(t *testing.T, d *db.DB) []notify.OutboxMessage {
	t.Helper()
	msgs, _, err := notify.Outbox(context.Background(), d, true, 1)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestDeliverOverSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, "", "")
		s, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, From: "Hearth <hearth@example.org>", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorker(d, s, slog.New(slog.DiscardHandler))
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "Welcome to Hearth — Grüße", Body: "Hello Ada,\n\nyour account is ready.\n"})

		if n := deliver(t, w); n != 1 {
			t.Fatalf("delivered %d, want 1", n)
		}
		got := srv.messages()
		if len(got) != 1 {
			t.Fatalf("server received %d messages", len(got))
		}
		if got[0].From != "hearth@example.org" || got[0].To != "ada@example.org" {
			t.Errorf("envelope from %q to %q", got[0].From, got[0].To)
		}
		m, body := parse(t, got[0])
		subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		if err != nil || subject != "Welcome to Hearth — Grüße" {
			t.Errorf("subject %q (%v)", subject, err)
		}
		if to := m.Header.Get("To"); !strings.Contains(to, "ada@example.org") {
			t.Errorf("To header %q", to)
		}
		if !strings.Contains(body, "your account is ready.") {
			t.Errorf("body %q", body)
		}
		msgs := outbox(t, d)
		if len(msgs) != 1 || msgs[0].Status != "sent" || msgs[0].SentAt == nil || msgs[0].Error != "" {
			t.Fatalf("outbox %+v", msgs)
		}
		if n := deliver(t, w); n != 0 || len(srv.messages()) != 1 {
			t.Fatalf("a sent message was delivered again (%d)", n)
		}
	})
}

func TestDevelopmentOutboxLogs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var logged bytes.Buffer
		w := newWorker(d, nil, slog.New(slog.NewTextHandler(&logged, nil)))
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "Reset your password", Body: "Open https://hearth.test/reset/abc"})

		if n := deliver(t, w); n != 1 {
			t.Fatalf("delivered %d, want 1", n)
		}
		for _, want := range []string{"ada@example.org", "Reset your password", "https://hearth.test/reset/abc"} {
			if !strings.Contains(logged.String(), want) {
				t.Errorf("log lacks %q:\n%s", want, logged.String())
			}
		}
		msgs := outbox(t, d)
		if len(msgs) != 1 || msgs[0].Status != "logged" || msgs[0].SentAt == nil || msgs[0].To != "ada@example.org" || msgs[0].Body != "Open https://hearth.test/reset/abc" {
			t.Fatalf("outbox %+v", msgs)
		}
	})
}

func TestFailedDeliveryIsRetriedLater(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close() // nothing listens there now: connection refused
		s, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: port, From: "hearth@example.org", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorker(d, s, slog.New(slog.DiscardHandler))
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "Hi", Body: "Hello"})

		before := time.Now()
		deliver(t, w) // tried once, refused
		var (
			status, msg string
			attempts    int
			next        time.Time
		)
		if err := d.QueryRowContext(context.Background(), `SELECT status, attempts, next_try_at, error FROM mail_outbox`).Scan(&status, &attempts, &next, &msg); err != nil {
			t.Fatal(err)
		}
		if status != "queued" || attempts != 1 || !strings.Contains(msg, "refused") {
			t.Fatalf("status %q, attempts %d, error %q", status, attempts, msg)
		}
		if wait := next.Sub(before); wait < 50*time.Second || wait > 70*time.Second {
			t.Fatalf("next try in %v, want about a minute", wait)
		}
		if n := deliver(t, w); n != 0 {
			t.Fatalf("a message not yet due was tried again")
		}
		if err := d.QueryRowContext(context.Background(), `SELECT attempts FROM mail_outbox`).Scan(&attempts); err != nil || attempts != 1 {
			t.Fatalf("attempts %d (%v), want 1", attempts, err)
		}
	})
}

func TestGivesUpAfterEightAttempts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorker(d, failing{}, slog.New(slog.DiscardHandler))
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "Hi", Body: "Hello"})
		for i := 1; i <= 8; i++ {
			// Make the message (and the job left for it) due again, as if
			// its backoff had passed.
			if _, err := d.ExecContext(context.Background(), `UPDATE mail_outbox SET next_try_at = $1`, db.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := d.ExecContext(context.Background(), `UPDATE jobs SET run_at = $1 WHERE status = 'queued'`, db.Now()); err != nil {
				t.Fatal(err)
			}
			deliver(t, w)
		}
		msgs := outbox(t, d)
		if len(msgs) != 1 || msgs[0].Status != "failed" || msgs[0].Attempts != 8 || msgs[0].Error == "" {
			t.Fatalf("outbox %+v", msgs)
		}
	})
}

// The mail a worker was sending when its instance died is sent by another
// once the dead worker's lease on the message has run out, and never while
// the lease runs.
func TestCrashedClaimIsTakenOver(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorker(d, nil, slog.New(slog.DiscardHandler))
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "Hi", Body: "Hello"})
		// Another worker claimed it: its lease runs four more minutes.
		claim := func(leaseUntil time.Time) {
			if _, err := d.ExecContext(context.Background(), `UPDATE mail_outbox SET status = 'sending', attempts = 1, next_try_at = $1`, leaseUntil); err != nil {
				t.Fatal(err)
			}
		}
		claim(db.Now().Add(4 * time.Minute))
		deliver(t, w)
		if msgs := outbox(t, d); msgs[0].Status != "sending" || msgs[0].Attempts != 1 {
			t.Fatalf("took a live claim: %+v", msgs)
		}
		// Its lease ran out a minute ago: that worker died. The job left for
		// the end of the lease is due.
		claim(db.Now().Add(-time.Minute))
		var waiting int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status = 'queued'`, notify.KindMailOutbox).Scan(&waiting); err != nil || waiting != 1 {
			t.Fatalf("%d delivery jobs wait for the lease's end (%v), want 1", waiting, err)
		}
		if _, err := d.ExecContext(context.Background(), `UPDATE jobs SET run_at = $1 WHERE status = 'queued'`, db.Now()); err != nil {
			t.Fatal(err)
		}
		if n := deliver(t, w); n != 1 {
			t.Fatalf("ran %d jobs, want the one for the abandoned message", n)
		}
		if msgs := outbox(t, d); msgs[0].Status != "logged" || msgs[0].Attempts != 2 {
			t.Fatalf("outbox %+v", msgs)
		}
	})
}

// Wake makes an idle runner deliver at once. The runner here polls once an
// hour and has one worker, which has already found the queue empty, so the
// message can only be delivered because Wake woke it.
func TestRunDeliversOnWake(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorker(d, nil, slog.New(slog.DiscardHandler))
		w.SetWorkers(1)
		w.SetPoll(time.Hour)
		idle := make(chan struct{})
		w.Handle("first", func(context.Context, jobs.Run) error { close(idle); return nil })
		if err := jobs.Enqueue(context.Background(), d.Writer(), jobs.Job{Kind: "first"}); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); w.Run(ctx) }()
		defer func() { cancel(); <-done }()
		<-idle // the worker's first pass ran the only job; it waits now
		queue(t, d, notify.Mail{To: "ada@example.org", Subject: "Hi", Body: "Hello"})
		w.Wake()
		w.Wake()                                     // a second Wake never blocks
		deadline := time.Now().Add(30 * time.Second) // far below the hour's poll
		for time.Now().Before(deadline) {
			if msgs := outbox(t, d); msgs[0].Status == "logged" {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatal("Wake did not deliver")
	})
}

func TestOutbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if _, _, err := notify.Outbox(context.Background(), d, false, 1); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("non-administrator: %v, want Forbidden", err)
		}
		for i := range notify.OutboxPageSize + 2 {
			queue(t, d, notify.Mail{To: "ada@example.org", Subject: fmt.Sprintf("n%02d", i), Body: "b"})
		}
		first, more, err := notify.Outbox(context.Background(), d, true, 1)
		if err != nil || !more || len(first) != notify.OutboxPageSize {
			t.Fatalf("page 1: %d messages, more %v, %v", len(first), more, err)
		}
		if first[0].Subject != "n51" || first[0].Status != "queued" || first[0].SentAt != nil {
			t.Fatalf("newest first: %+v", first[0])
		}
		second, more, err := notify.Outbox(context.Background(), d, true, 2)
		if err != nil || more || len(second) != 2 || second[1].Subject != "n00" {
			t.Fatalf("page 2: %+v, more %v, %v", second, more, err)
		}
	})
}

// counting records how often each message was sent.
type counting struct {
	mu   sync.Mutex
	sent map[string]int
}

func (c *counting) Send(_ context.Context, m notify.Mail) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent[m.Subject]++
	return nil
}

func TestWorkersShareTheOutbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		const n = 250 // several batches each
		for i := range n {
			queue(t, d, notify.Mail{To: "ada@example.org", Subject: fmt.Sprintf("m%03d", i), Body: "b"})
		}
		// A delivery job for each instance, so that all four deliver at once.
		for range 3 {
			if err := jobs.Enqueue(context.Background(), d.Writer(), jobs.Job{Kind: notify.KindMailOutbox}); err != nil {
				t.Fatal(err)
			}
		}
		c := &counting{sent: map[string]int{}}
		var wg sync.WaitGroup
		for range 4 { // four Hearth instances on one database
			w := newWorker(d, c, slog.New(slog.DiscardHandler))
			wg.Go(func() {
				if _, err := w.RunDue(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if len(c.sent) != n {
			t.Fatalf("%d distinct messages sent, want %d", len(c.sent), n)
		}
		for s, k := range c.sent {
			if k != 1 {
				t.Errorf("%s sent %d times", s, k)
			}
		}
		// Each batch's messages were marked sent with the next claim, the
		// last batch's on their own.
		var marked int
		if err := d.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent' AND sent_at IS NOT NULL AND attempts = 1").Scan(&marked); err != nil {
			t.Fatal(err)
		}
		if marked != n {
			t.Errorf("%d of %d messages marked sent after one attempt", marked, n)
		}
	})
}
