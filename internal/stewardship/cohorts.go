package stewardship

import (
	"context"
	"slices"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Newcomers: the members who joined in each of the last CohortMonths
// months, how far they came (the funnel) and how many were present in
// each month since (the retention grid).
const (
	CohortMonths = 12
	FirstWithin  = 30 * 24 * time.Hour // a first contribution, after joining
	SecondWithin = 90 * 24 * time.Hour // a second one
)

// Cohort is the members who joined in one month.
type Cohort struct {
	Month                              time.Time
	Members, First30, Second90, Active int
	Present                            []int // by months since the cohort's month (0: that month), to now
}

// newcomer is one member's history in the community since joining.
type newcomer struct {
	joined        time.Time
	contributions []time.Time
	present       map[int]bool // months since the cohort's month
}

// monthsBetween is how many calendar months b is after a.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// membershipVerbs are activities that are no presence: joining, asking to,
// being invited.
func membershipVerbs() string {
	return "'" + activity.MemberJoined + "', '" + activity.MemberRequested + "', '" + activity.MemberInvited + "'"
}

// cohorts reads the members who joined since the first cohort month, their
// contributions and presence, and counts each month's cohort; active says
// who is active or core now (people.LevelsAt).
func cohorts(ctx context.Context, q db.Q, communityID int64, now time.Time, levels map[int64]people.Ring) ([]Cohort, error) {
	first := MonthStart(now).AddDate(0, -CohortMonths+1, 0)
	members := map[int64]*newcomer{}
	rows, err := q.QueryContext(ctx, `SELECT person_id, created_at FROM memberships WHERE community_id = $1 AND status = 'active' AND created_at >= $2 AND created_at <= $3`,
		communityID, first, now)
	if err != nil {
		return nil, errs.Wrap(err, "read newcomers")
	}
	for rows.Next() {
		var id int64
		n := &newcomer{present: map[int]bool{}}
		if err := rows.Scan(&id, &n.joined); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "read newcomers")
		}
		members[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read newcomers")
	}
	// Their activity and attendance since the first cohort month.
	rows, err = q.QueryContext(ctx, `SELECT a.actor_id, a.created_at, CASE WHEN a.verb IN (`+writingVerbs()+`) THEN 1 ELSE 0 END
		FROM activities a JOIN memberships m ON m.community_id = a.community_id AND m.person_id = a.actor_id
		WHERE a.community_id = $1 AND a.created_at >= $2 AND a.created_at <= $3 AND m.created_at >= $2 AND a.verb NOT IN (`+membershipVerbs()+`)
		UNION ALL
		SELECT r.person_id, o.starts_at, 0 FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
			JOIN memberships m ON m.community_id = o.community_id AND m.person_id = r.person_id
		WHERE o.community_id = $1 AND r.attended AND o.starts_at >= $2 AND o.starts_at <= $3 AND m.created_at >= $2`, communityID, first, now)
	if err != nil {
		return nil, errs.Wrap(err, "read newcomers' activity")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at time.Time
		var writing int
		if err := rows.Scan(&id, &at, &writing); err != nil {
			return nil, errs.Wrap(err, "read newcomers' activity")
		}
		n, ok := members[id]
		if !ok || at.Before(n.joined) {
			continue
		}
		n.present[monthsBetween(MonthStart(n.joined), at.UTC())] = true
		if writing == 1 {
			n.contributions = append(n.contributions, at)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read newcomers' activity")
	}
	byMonth := map[time.Time]*Cohort{}
	for id, n := range members {
		m := MonthStart(n.joined)
		c := byMonth[m]
		if c == nil {
			c = &Cohort{Month: m, Present: make([]int, monthsBetween(m, now.UTC())+1)}
			byMonth[m] = c
		}
		c.Members++
		slices.SortFunc(n.contributions, time.Time.Compare)
		if len(n.contributions) > 0 && n.contributions[0].Sub(n.joined) <= FirstWithin {
			c.First30++
		}
		if len(n.contributions) > 1 && n.contributions[1].Sub(n.joined) <= SecondWithin {
			c.Second90++
		}
		if r := levels[id]; r == people.Core || r == people.Active {
			c.Active++
		}
		for k := range c.Present {
			if n.present[k] {
				c.Present[k]++
			}
		}
	}
	out := make([]Cohort, 0, len(byMonth))
	for _, c := range byMonth {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Cohort) int { return a.Month.Compare(b.Month) })
	return out, nil
}
