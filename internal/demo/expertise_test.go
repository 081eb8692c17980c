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
