package stewardship

import (
	"context"
	"database/sql"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/jobs"
	"hearth/internal/people"
)

// Figures stored in health_figures, each for a window and the one before.
const (
	FigRing       = "ring."           // + the ring: members on it
	FigMedian     = "response.median" // hours to a first response
	FigP90        = "response.p90"
	FigInTime     = "response.within48" // share answered in time
	FigQuestions  = "response.questions"
	FigAbsenceAll = "absence.all"
	FigAbsenceAns = "absence.answers"
	FigUnanswered = "unanswered" // the queue's length (days 0: no window)
	FigFading     = "fading"     // fading regulars (days 0)
	// Gathering follow-through (followthrough.go).
	FigHeld        = "gatherings.held"
	FigAttendees   = "gatherings.attendees"
	FigFirstTimers = "gatherings.first_timers"
	FigRepeat      = "gatherings.repeat"
	FigFollowed    = "gatherings.followed" // share of the judged attendees
	FigJudged      = "gatherings.judged"   // attendees of a gathering at least FollowWithin old
	// Departments and exchange (departments.go, exchange.go).
	FigContributions   = "departments.contributions" // all, with or without a department
	FigNoDepartment    = "departments.none"          // by people with no department
	FigDepartmentsHalf = "departments.half"
	FigEI              = "exchange.ei"
	FigConnectors      = "exchange.connectors"
	FigExchangeWeight  = "exchange.weight" // internal and external, decayed
	sinceResponses     = 2 * 365 * 24 * time.Hour
)

// figure is one row of health_figures.
type figure struct {
	days          int
	name          string
	current, prev sql.NullFloat64
}

func num(n int) sql.NullFloat64 { return sql.NullFloat64{Float64: float64(n), Valid: true} }

// summary is everything the job computes for one community.
type summary struct {
	figures  []figure
	weeks    []Week
	flows    []Flow
	queue    []int64
	asked    []time.Time
	fading   []fadingRow
	stale    []staleRow
	cohorts  []Cohort
	withFlow bool
	// By window (days): the rhythm, the departments, the exchange between
	// departments and the connectors; the E-I index month by month.
	zone           string
	rhythm         map[int][]RhythmCell
	departments    map[int][]departmentRow
	exchange       map[int]map[departmentPair]float64
	connectors     map[int]map[int64]int
	exchangeMonths []ExchangeMonth
}

// compute reads the community's history and computes its figures as of now.
func (s *Service) compute(ctx context.Context, communityID int64, now time.Time, withFlow bool) (summary, error) {
	out := summary{withFlow: withFlow}
	levels, err := people.LevelsAt(ctx, s.db, communityID, now)
	if err != nil {
		return out, err
	}
	current := countRings(levels)
	qs, err := questions(ctx, s.db, communityID, now.Add(-sinceResponses))
	if err != nil {
		return out, err
	}
	for _, days := range Windows {
		w := time.Duration(days) * 24 * time.Hour
		before, err := people.LevelsAt(ctx, s.db, communityID, now.Add(-w))
		if err != nil {
			return out, err
		}
		previous := countRings(before)
		for _, r := range RingOrder {
			out.figures = append(out.figures, figure{days, FigRing + string(r), num(current[r]), num(previous[r])})
		}
		cur, prev := responseStats(qs, now.Add(-w), now, now), responseStats(qs, now.Add(-2*w), now.Add(-w), now)
		out.figures = append(out.figures, figure{days, FigMedian, cur.Median, prev.Median}, figure{days, FigP90, cur.P90, prev.P90},
			figure{days, FigInTime, cur.Share(), prev.Share()}, figure{days, FigQuestions, num(cur.Questions), num(prev.Questions)})
		ac, err := absence(ctx, s.db, communityID, now.Add(-w), now)
		if err != nil {
			return out, err
		}
		ap, err := absence(ctx, s.db, communityID, now.Add(-2*w), now.Add(-w))
		if err != nil {
			return out, err
		}
		out.figures = append(out.figures, figure{days, FigAbsenceAll, num(ac.All), num(ap.All)}, figure{days, FigAbsenceAns, num(ac.Answers), num(ap.Answers)})
	}
	if err := out.addGroups(ctx, s.db, communityID, now); err != nil {
		return out, err
	}
	out.weeks = weeks(qs, now)
	var total int
	if out.queue, out.asked, total, err = waiting(ctx, s.db, communityID, now.Add(-UnansweredFrom)); err != nil {
		return out, err
	}
	if out.fading, err = fading(ctx, s.db, communityID, now.Add(-FadingAfter), now); err != nil {
		return out, err
	}
	if out.stale, err = stale(ctx, s.db, communityID, now); err != nil {
		return out, err
	}
	out.figures = append(out.figures, figure{0, FigUnanswered, num(total), sql.NullFloat64{}}, figure{0, FigFading, num(len(out.fading)), sql.NullFloat64{}})
	if out.cohorts, err = cohorts(ctx, s.db, communityID, now, levels); err != nil {
		return out, err
	}
	if withFlow {
		if out.flows, err = flows(ctx, s.db, communityID, now); err != nil {
			return out, err
		}
	}
	return out, nil
}

// Recount recounts the communities with activity since they were last
// counted, without the monthly flow; all recounts every community with it
// (the windows move even when nothing happens). Each community is its own
// transaction.
func (s *Service) Recount(ctx context.Context, all bool) error {
	query := `SELECT c.id, r.community_id IS NULL FROM communities c LEFT JOIN health_runs r ON r.community_id = c.id`
	if !all {
		query += ` WHERE EXISTS (SELECT 1 FROM activities a WHERE a.community_id = c.id AND (r.counted_at IS NULL OR a.created_at > r.counted_at))`
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY c.id`)
	if err != nil {
		return errs.Wrap(err, "list communities to count")
	}
	type todo struct {
		id    int64
		first bool
	}
	var list []todo
	for rows.Next() {
		var t todo
		if err := rows.Scan(&t.id, &t.first); err != nil {
			rows.Close()
			return errs.Wrap(err, "list communities to count")
		}
		list = append(list, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "list communities to count")
	}
	for _, t := range list {
		if err := s.RecountCommunity(ctx, t.id, all || t.first); err != nil {
			return err
		}
	}
	// The institution's figures add up the communities' just counted.
	return s.RecountInstitution(ctx)
}

// Job kinds: a recount a little after activity (once for a burst), and a
// full one nightly, after the participation count.
const (
	KindRecount = "stewardship.health.recount"
	KindDaily   = "stewardship.health.daily"
	afterDelay  = 5 * time.Minute
)

// Register makes r recount health when asked and nightly.
func (s *Service) Register(r *jobs.Runner) {
	r.Handle(KindRecount, func(ctx context.Context, _ jobs.Run) error { return s.Recount(ctx, false) })
	r.Handle(KindDaily, func(ctx context.Context, _ jobs.Run) error { return s.Recount(ctx, true) })
	r.Every(jobs.Schedule{Kind: KindDaily, Period: jobs.Daily(4, 15, time.UTC)})
}

// RecountAfter is an activity subscriber: after activity in a community,
// one recount a few minutes later (after the participation count's).
func (s *Service) RecountAfter(ctx context.Context, batch []activity.Activity) (activity.Write, error) {
	return activity.Later(KindRecount, afterDelay, s.now)(ctx, batch)
}

// addGroups computes the figures of groups and moments: the rhythm, the
// gatherings' follow-through and the departments, for every window.
func (out *summary) addGroups(ctx context.Context, q db.Q, communityID int64, now time.Time) error {
	h, err := readHistory(ctx, q, communityID, now.Add(-sinceResponses), now)
	if err != nil {
		return err
	}
	out.zone = h.zoneName
	out.rhythm, out.departments = map[int][]RhythmCell{}, map[int][]departmentRow{}
	out.exchange, out.connectors = map[int]map[departmentPair]float64{}, map[int]map[int64]int{}
	for _, days := range Windows {
		w := time.Duration(days) * 24 * time.Hour
		out.rhythm[days] = rhythm(h, now.Add(-w), now)
		cur, prev := follow(h, now.Add(-w), now), follow(h, now.Add(-2*w), now.Add(-w))
		out.figures = append(out.figures, figure{days, FigHeld, num(cur.held), num(prev.held)}, figure{days, FigAttendees, num(cur.attendees), num(prev.attendees)},
			figure{days, FigFirstTimers, num(cur.firstTimers), num(prev.firstTimers)}, figure{days, FigRepeat, num(cur.repeat), num(prev.repeat)},
			figure{days, FigJudged, num(cur.judged), num(prev.judged)}, figure{days, FigFollowed, cur.share(), prev.share()})
		rows, figures, exchange := departmentFigures(h, days, now)
		out.departments[days], out.exchange[days], out.connectors[days] = rows, exchange.pairs, exchange.connectors()
		out.figures = append(out.figures, figures...)
	}
	out.exchangeMonths = exchangeMonths(h.interactions, now)
	return nil
}
