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
	CohortMonths  = 12
	WelcomeWithin = 48 * time.Hour      // a reply or "this helped me" to a first contribution
	FirstWithin   = 30 * 24 * time.Hour // a first contribution, after joining
	SecondWithin  = 90 * 24 * time.Hour // a second one
)

// Cohort is the members who joined in one month.
type Cohort struct {
	Month                              time.Time
	Members, First30, Second90, Active int
	Contributed, Welcomed              int   // made a contribution at all; the first of which was welcomed
	Present                            []int // by months since the cohort's month (0: that month), to now
}

// newcomer is one member's history in the community since joining.
type newcomer struct {
	joined        time.Time
	contributions []contribution
	present       map[int]bool // months since the cohort's month
}

// contribution is one of a newcomer's contributions: when, and to what.
type contribution struct {
	at          time.Time
	subjectKind string
	subjectID   int64
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
	rows, err = q.QueryContext(ctx, `SELECT a.actor_id, a.created_at, CASE WHEN a.verb IN (`+writingVerbs()+`) THEN 1 ELSE 0 END, a.subject_kind, a.subject_id
		FROM activities a JOIN memberships m ON m.community_id = a.community_id AND m.person_id = a.actor_id
		WHERE a.community_id = $1 AND a.created_at >= $2 AND a.created_at <= $3 AND m.created_at >= $2 AND a.verb NOT IN (`+membershipVerbs()+`)
		UNION ALL
		SELECT r.person_id, o.starts_at, 0, '', 0 FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
			JOIN memberships m ON m.community_id = o.community_id AND m.person_id = r.person_id
		WHERE o.community_id = $1 AND r.attended AND o.starts_at >= $2 AND o.starts_at <= $3 AND m.created_at >= $2`, communityID, first, now)
	if err != nil {
		return nil, errs.Wrap(err, "read newcomers' activity")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var writing int
		var c contribution
		if err := rows.Scan(&id, &c.at, &writing, &c.subjectKind, &c.subjectID); err != nil {
			return nil, errs.Wrap(err, "read newcomers' activity")
		}
		n, ok := members[id]
		if !ok || c.at.Before(n.joined) {
			continue
		}
		n.present[monthsBetween(MonthStart(n.joined), c.at.UTC())] = true
		if writing == 1 {
			n.contributions = append(n.contributions, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read newcomers' activity")
	}
	rows.Close()
	byMonth := map[time.Time]*Cohort{}
	for id, n := range members {
		m := MonthStart(n.joined)
		c := byMonth[m]
		if c == nil {
			c = &Cohort{Month: m, Present: make([]int, monthsBetween(m, now.UTC())+1)}
			byMonth[m] = c
		}
		c.Members++
		slices.SortFunc(n.contributions, func(a, b contribution) int { return a.at.Compare(b.at) })
		if len(n.contributions) > 0 {
			c.Contributed++
			if n.contributions[0].at.Sub(n.joined) <= FirstWithin {
				c.First30++
			}
			ok, err := welcomed(ctx, q, id, n.contributions[0])
			if err != nil {
				return nil, err
			}
			if ok {
				c.Welcomed++
			}
		}
		if len(n.contributions) > 1 && n.contributions[1].at.Sub(n.joined) <= SecondWithin {
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

// welcomed reports whether someone other than person replied to the
// subject of contribution c (a post on the same entry, thread or
// gathering), or marked the entry as helpful, within WelcomeWithin of it.
func welcomed(ctx context.Context, q db.Q, person int64, c contribution) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM posts p WHERE p.subject_kind = $1 AND p.subject_id = $2 AND p.author_id <> $3
			AND p.deleted_at IS NULL AND p.created_at > $4 AND p.created_at <= $5)
		OR EXISTS (SELECT 1 FROM entry_helpful h WHERE $1 = 'entry' AND h.entry_id = $2 AND h.person_id <> $3 AND h.created_at > $4 AND h.created_at <= $5)`,
		c.subjectKind, c.subjectID, person, c.at, c.at.Add(WelcomeWithin)).Scan(&ok)
	return ok, errs.Wrap(err, "read a welcome")
}
