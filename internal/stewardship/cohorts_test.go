package stewardship_test

import (
	"slices"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The newcomer funnel and the retention grid with a fixed clock, against
// values by hand.
func TestNewcomersFunnelAndRetentionByHand(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		date := func(m time.Month, day int) time.Duration {
			return now.Sub(time.Date(2026, m, day, 9, 0, 0, 0, time.UTC))
		}
		w := newWorld(t, d, now) // sam joined two years ago: in no cohort
		w.person(t, "ana", now.Add(-date(time.April, 5)))
		w.person(t, "ben", now.Add(-date(time.April, 20)))
		w.person(t, "cy", now.Add(-date(time.May, 3)))
		w.act(t, "ana", "member.joined", date(time.April, 5), 1)    // joining is no presence
		w.act(t, "ana", "entry.published", date(time.April, 10), 1) // first, 5 days in, marked helpful a day later: welcomed
		w.act(t, "ana", "entry.published", date(time.June, 1), 1)   // second, 57 days in; 6 points: active
		w.act(t, "ben", "comment.added", date(time.June, 1), 1)     // first, 42 days in: too late; answered 3 days later: not welcomed
		w.attend(t, "cy", date(time.May, 10))                       // present, no contribution
		w.act(t, "sam", "entry.published", date(time.May, 1), 3)    // not a newcomer
		// Both acts were on entry 1: sam marks it helpful on 11 April and
		// comments on 4 June (too late for ben); ana's comment an hour before ben's does not count.
		w.run(t, `INSERT INTO entries (id, community_id, slug, kind, title, maturity, created_at, updated_at) VALUES (1, $1, 'rye', 'lesson', 'Rye', 'published', $2, $2)`,
			w.c, now.Add(-date(time.April, 10)))
		w.run(t, `INSERT INTO entry_helpful (entry_id, person_id, created_at) VALUES (1, $1, $2)`, w.actors["sam"].PersonID, now.Add(-date(time.April, 11)))
		for _, p := range []struct {
			who string
			at  time.Duration
		}{{"sam", date(time.June, 4)}, {"ana", date(time.June, 1) + time.Hour}} {
			w.run(t, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at) VALUES ('entry', 1, $1, 'comment', $2, 'Yes.', $3, $3)`,
				w.c, w.actors[p.who].PersonID, now.Add(-p.at))
		}
		h := w.health(t, 90)
		if len(h.Cohorts) != 2 {
			t.Fatalf("cohorts: %+v", h.Cohorts)
		}
		april, may := h.Cohorts[0], h.Cohorts[1]
		// April: ana and ben; ana's first in 30 days, her second in 90, active now.
		// Present: April ana (1), May nobody, June both.
		if april.Month.Month() != time.April || april.Members != 2 || april.First30 != 1 || april.Second90 != 1 || april.Active != 1 ||
			april.Contributed != 2 || april.Welcomed != 1 ||
			!slices.Equal(april.Present, []int{1, 0, 2}) {
			t.Errorf("April: %+v", april)
		}
		// May: cy, who attended in May and did nothing in June.
		if may.Month.Month() != time.May || may.Members != 1 || may.First30 != 0 || may.Second90 != 0 || may.Active != 0 ||
			!slices.Equal(may.Present, []int{1, 0}) {
			t.Errorf("May: %+v", may)
		}
		ret, _ := h.Table("retention")
		if got := ret.Rows[0][:5]; !slices.Equal(got, []string{"2026-04", "2", "50%", "0%", "100%"}) {
			t.Errorf("retention row: %v", got)
		}
	})
}
