package demo_test

import (
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The demo has two weekly series (one every other week) and a monthly one, past dates with notes (each
// its first revision), an upcoming agenda and an entry captured from notes.
func TestDemoGatherings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
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
