package demo_test

import (
	"context"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
)

// TestDemoHasExpertise: the demo's staff list expertise, endorse each other
// across departments, and /experts ranks them from the start.
func TestDemoHasExpertise(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
		if n := count(t, d, "SELECT COUNT(DISTINCT person_id) FROM person_expertise"); n < 12 {
			t.Errorf("%d people list expertise, want a dozen or more", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM person_interests"); n < 20 {
			t.Errorf("%d interests, want a few per profile", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM endorsements e JOIN people a ON a.id = e.person_id JOIN people b ON b.id = e.endorser_id
			WHERE a.department_id <> b.department_id`); n < 3 {
			t.Errorf("%d endorsements across departments, want a few", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM endorsements e JOIN people p ON p.id = e.endorser_id WHERE e.created_at < p.created_at"); n != 0 {
			t.Errorf("%d endorsements before their endorser joined", n)
		}
		// Participation is counted after loading, with a spread of levels.
		if n := count(t, d, "SELECT COUNT(DISTINCT level) FROM participation"); n < 3 {
			t.Errorf("%d participation levels among the demo's members, want a spread", n)
		}
		var reader auth.Actor
		if err := d.QueryRowContext(context.Background(), "SELECT id, handle FROM people WHERE handle = 'daniel-reyes'").Scan(&reader.PersonID, &reader.Handle); err != nil {
			t.Fatal(err)
		}
		s := people.NewService(d, community.NewService(d, nil, "http://hearth.test", nil), nil)
		list, _, err := s.Experts(context.Background(), reader, people.ExpertQuery{Topic: "simulation"})
		if err != nil || len(list) < 2 || list[0].Handle != "amara-okafor" || list[0].Endorsements != 2 {
			t.Fatalf("experts on simulation = %+v, %v", list, err)
		}
		for _, r := range list {
			t.Logf("simulation: %s — %s", r.Name, r.Why())
		}
		// The demo's answers, entries, marks and gatherings count too.
		var n [4]int
		if err := d.QueryRowContext(context.Background(), "SELECT SUM(answers), SUM(entries), SUM(helped), SUM(hosted) FROM expertise_scores").
			Scan(&n[0], &n[1], &n[2], &n[3]); err != nil || n[0] == 0 || n[1] == 0 || n[2] == 0 || n[3] == 0 {
			t.Errorf("demonstrated answers, entries, marks, gatherings = %v, %v: want some of each", n, err)
		}
	})
}

// TestDemoHasMentoring: offers to mentor in the demo's communities, and
// mentorships under way (with check-ins) and ended (with both reflections),
// each after its pair joined, some across departments.
func TestDemoHasMentoring(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
		if n := count(t, d, "SELECT COUNT(DISTINCT community_id) FROM mentor_offers"); n < 4 {
			t.Errorf("offers to mentor in %d communities, want most of them", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM mentorships m WHERE m.status = 'active'
			AND (SELECT COUNT(*) FROM mentorship_checkins k WHERE k.mentorship_id = m.id) >= 2`); n < 2 {
			t.Errorf("%d mentorships under way with check-ins, want a few", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM mentorships WHERE status = 'ended' AND mentor_reflection <> '' AND mentee_reflection <> ''`); n < 1 {
			t.Error("no ended mentorship with both reflections")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM mentorships m JOIN people a ON a.id = m.mentor_id JOIN people b ON b.id = m.mentee_id
			WHERE a.department_id <> b.department_id`); n < 2 {
			t.Errorf("%d mentorships across departments, want a few", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM mentorships m JOIN memberships s ON s.community_id = m.community_id AND s.person_id = m.mentee_id
			WHERE m.started_at < s.created_at OR m.ended_at < m.started_at`); n != 0 {
			t.Errorf("%d mentorships before their mentee joined, or ending before they began", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM activities WHERE subject_kind = 'mentorship'"); n != 0 {
			t.Errorf("%d mentoring activities: a mentorship is private to its pair", n)
		}
	})
}
