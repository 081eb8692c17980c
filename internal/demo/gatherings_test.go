package demo_test

import (
	"context"
	"io"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/demo"
)

// The demo has two weekly series (one every other week) and a monthly one, past dates with notes (each
// its first revision), an upcoming agenda and an entry captured from notes. Loaded now, and on the
// evening of a first Tuesday of the month, when the monthly series' next date is five weeks away
// (its agenda was left out then).
func TestDemoGatherings(t *testing.T) {
	for name, now := range map[string]time.Time{"now": db.Now(), "after a first Tuesday": time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC)} {
		t.Run(name, func(t *testing.T) { testDemoGatherings(t, now) })
	}
}

func testDemoGatherings(t *testing.T, now time.Time) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if err := demo.LoadAt(context.Background(), d, io.Discard, now); err != nil {
			t.Fatalf("LoadAt: %v", err)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gatherings WHERE rrule LIKE 'FREQ=WEEKLY%'"); n != 2 {
			t.Errorf("weekly series = %d, want 2", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gatherings WHERE rrule LIKE 'FREQ=MONTHLY%'"); n != 1 {
			t.Errorf("monthly series = %d, want 1", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_notes n JOIN gathering_occurrences o ON o.id = n.occurrence_id
			WHERE n.part = 'notes' AND o.ends_at < n.updated_at`); n < 4 {
			t.Errorf("past dates with notes = %d, want at least 4", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_notes n JOIN gathering_occurrences o ON o.id = n.occurrence_id
			WHERE n.part = 'agenda' AND o.starts_at > n.updated_at`); n != 3 {
			t.Errorf("upcoming agendas = %d, want 3", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_notes WHERE updated_at > $1`, now); n != 0 {
			t.Errorf("%d agendas or notes written after now", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_notes n WHERE NOT EXISTS (SELECT 1 FROM revisions r
			WHERE r.subject_type = 'gathering-' || n.part AND r.subject_id = n.occurrence_id AND r.number = n.revision)`); n != 0 {
			t.Errorf("%d agendas or notes without their revision", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM links WHERE from_kind = 'occurrence' AND to_kind = 'entry'"); n != 1 {
			t.Errorf("captured entries = %d, want 1", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_occurrences o WHERE o.going <> (SELECT COUNT(*) FROM gathering_rsvps r
			WHERE r.occurrence_id = o.id AND r.answer = 'going')`); n != 0 {
			t.Errorf("%d dates whose count of those going is wrong", n)
		}
	})
}
