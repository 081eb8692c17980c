package demo_test

import (
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The demo has one conference: a one-off gathering with a programme of
// sessions (speakers who are members and guests), attendees' schedules
// with a full workshop and its waitlist, counts that agree with the rows.
func TestDemoConference(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
		if n := count(t, d, "SELECT COUNT(DISTINCT gathering_id) FROM gathering_sessions"); n != 1 {
			t.Fatalf("%d gatherings with a programme, want 1", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_sessions s JOIN gatherings g ON g.id = s.gathering_id WHERE g.rrule = ''"); n < 8 {
			t.Errorf("%d sessions, want at least 8", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_sessions s JOIN gathering_occurrences o ON o.gathering_id = s.gathering_id
			WHERE s.starts_at < o.starts_at OR s.ends_at > o.ends_at`); n != 0 {
			t.Errorf("%d sessions outside the conference", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_session_speakers WHERE person_id IS NOT NULL"); n == 0 {
			t.Error("no speaker is a member")
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_session_speakers WHERE guest_name IS NOT NULL"); n == 0 {
			t.Error("no guest speaker")
		}
		if n := count(t, d, "SELECT COUNT(*) FROM gathering_session_places WHERE state = 'waitlist'"); n == 0 {
			t.Error("no waitlist for the full workshop")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_sessions s WHERE s.going <> (SELECT COUNT(*) FROM gathering_session_places p
			WHERE p.session_id = s.id AND p.state = 'going') OR s.waiting <> (SELECT COUNT(*) FROM gathering_session_places p
			WHERE p.session_id = s.id AND p.state = 'waitlist') OR s.going > COALESCE(s.capacity, s.going)`); n != 0 {
			t.Errorf("%d sessions whose counts are wrong or over capacity", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM gathering_session_places p JOIN gathering_sessions s ON s.id = p.session_id
			JOIN gathering_occurrences o ON o.gathering_id = s.gathering_id
			WHERE NOT EXISTS (SELECT 1 FROM gathering_rsvps r WHERE r.occurrence_id = o.id AND r.person_id = p.person_id AND r.answer = 'going')`); n != 0 {
			t.Errorf("%d places held by people not going", n)
		}
	})
}
