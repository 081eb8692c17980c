package demo_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The demo's activity spans the last weeks up to today, so homes and
// notifications show something real at once: after the first run of the
// jobs, stewards and authors have notifications, and no e-mail floods out
// for the demo's past.
func TestDemoActivitySpansRecentWeeksAndNotifies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
		now := time.Now()
		if n := count(t, d, "SELECT COUNT(*) FROM activities"); n < 200 {
			t.Errorf("activities = %d, want the demo's whole past", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM activities WHERE created_at > $1", now.Add(-7*24*time.Hour)); n < 10 {
			t.Errorf("%d activities in the last week, want a lively one", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM activities WHERE created_at > $1", now.Add(time.Minute)); n != 0 {
			t.Errorf("%d activities in the future", n)
		}
		if n := count(t, d, "SELECT COUNT(DISTINCT verb) FROM activities"); n < 5 {
			t.Errorf("only %d kinds of activity", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM activities WHERE verb = 'member.requested' AND audience <> 'subject'"); n != 0 {
			t.Errorf("%d requests to join shown to the whole community", n)
		}
		cfg := config.Defaults()
		_, workers, err := app.Build(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := workers.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "SELECT COUNT(DISTINCT person_id) FROM notifications"); n < 5 {
			t.Errorf("%d people have notifications", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM notifications n JOIN people p ON p.id = n.person_id WHERE p.is_admin"); n == 0 {
			t.Log("the administrator has no notifications (fine if the demo has no proposal)")
		}
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox"); n > 3 {
			t.Errorf("the demo's past sent %d e-mails", n)
		}
	})
}
