package stewardship

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Better says which way a figure should move.
type Better int

// Directions of a figure.
const (
	Neither Better = iota
	Up
	Down
)

// Figure is one number of a window next to the window before it.
type Figure struct {
	Current, Previous sql.NullFloat64
	Better            Better
}

// Waiting is a question in the unanswered queue with who might answer it.
type Waiting struct {
	ThreadID int64
	Title    string
	URL      string
	Asked    time.Time
	Experts  []people.ExpertSuggestion
}

// Faded is a regular with no presence lately.
type Faded struct {
	Handle, Name string
	Level        people.Ring
	LastSeen     sql.NullTime
}

// Health is a community's health page: the figures of a window of Days,
// as last counted (CountedAt zero: not counted yet).
type Health struct {
	C         community.View
	Days      int
	CountedAt time.Time
	Run       int64 // how many times the community was counted before: the version of what the job stored
	Figures   map[string]Figure
	Weeks     []Week   // of the window, oldest first
	Flow      []Flow   // month by month, oldest first
	Cohorts   []Cohort // by the month members joined, oldest first
	Queue     []Waiting
	Fading    []Faded
	Stale     []StaleEntry // the most viewed first
	Tasks     []StageTask  // the checklist of the community's stage
	// Groups and moments (groups.go): the zone of the rhythm, its cells;
	// the departments with at least MinCell people behind a number, the
	// exchange between those, by month, and the connectors.
	Zone           string
	Rhythm         []RhythmCell
	Departments    []DepartmentShare // by name
	Exchange       []ExchangeCell
	ExchangeMonths []ExchangeMonth // oldest first
	Connectors     []Connector     // the most departments first
	// shown is how many fading regulars and connectors were read (0: all).
	shown int
}

// better is the good direction of each stored figure.
func better(name string) Better {
	switch name {
	case FigRing + string(people.Core), FigRing + string(people.Active), FigInTime, FigAbsenceAll, FigAbsenceAns,
		FigAttendees, FigFirstTimers, FigRepeat, FigFollowed, FigDepartmentsHalf, FigEI, FigConnectors:
		return Up
	case FigMedian, FigP90, FigUnanswered, FigFading:
		return Down
	}
	return Neither
}

// Health reads community slug's health figures for a window of days (one
// of Windows; otherwise DefaultDays), from the summary tables: the same
// few queries whatever its history, and at most ListShown fading regulars
// and connectors (a page of 2,000 of each rendered at 11 a second). NotFound
// to all but its stewards and administrators.
func (s *Service) Health(ctx context.Context, a auth.Actor, slug string, days int) (Health, error) {
	return s.health(ctx, a, slug, days, ListShown)
}

// HealthInFull is Health with every fading regular and connector, for the
// downloads.
func (s *Service) HealthInFull(ctx context.Context, a auth.Actor, slug string, days int) (Health, error) {
	return s.health(ctx, a, slug, days, 0)
}

// MoreFading and MoreConnectors are how many fading regulars and
// connectors of the window the page does not list.
func (h Health) MoreFading() int { return h.more(FigFading, len(h.Fading)) }

// MoreConnectors: see MoreFading.
func (h Health) MoreConnectors() int { return h.more(FigConnectors, len(h.Connectors)) }

func (h Health) more(figure string, listed int) int {
	if f := h.Figures[figure]; f.Current.Valid && int(f.Current.Float64) > listed {
		return int(f.Current.Float64) - listed
	}
	return 0
}

func (s *Service) health(ctx context.Context, a auth.Actor, slug string, days, shown int) (Health, error) {
	h, err := s.healthNow(ctx, a, slug, days, shown)
	if err != nil {
		return h, err
	}
	return h, s.ReadCounted(ctx, &h)
}

// HealthNow is Health without what only the job changes (the figures but
// the two that count the lists, the weeks, the months, the cohorts, the
// rhythm, the exchange): the run and the checklist read with the
// community, the lists in one query more unless kept. The page draws the rest once a run
// (ReadCounted on a miss). Its lists may be shared with other requests:
// readers must not change them.
func (s *Service) HealthNow(ctx context.Context, a auth.Actor, slug string, days int) (Health, error) {
	return s.healthNow(ctx, a, slug, days, ListShown)
}

func (s *Service) healthNow(ctx context.Context, a auth.Actor, slug string, days, shown int) (Health, error) {
	var head nowHead
	// The runs are joined on the left: a community without one is found.
	v, _, err := s.communities.GetWith(ctx, a, slug, head.with(s.db.Dialect))
	if err != nil {
		return Health{}, err
	}
	if !v.CanSeeHealth() {
		return Health{}, errs.NotFoundf("There is no such page.")
	}
	h := Health{C: v, Days: ValidDays(days), Figures: map[string]Figure{}, Tasks: slices.Clone(StageTasks[v.Stage]), shown: shown}
	return h, s.readNow(ctx, &h, head.addTo(&h))
}

// ReadCounted adds to h (from HealthNow) what only the job changes. When
// the job ran since h was read, h takes the new run's number and time:
// what it adds is that run's.
func (s *Service) ReadCounted(ctx context.Context, h *Health) error {
	if !h.C.CanSeeHealth() {
		return errs.NotFoundf("There is no such page.")
	}
	if h.CountedAt.IsZero() {
		return nil
	}
	err := s.db.QueryRowContext(ctx, `SELECT counted_at, run FROM health_runs WHERE community_id = $1`, h.C.ID).Scan(&h.CountedAt, &h.Run)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return errs.Wrap(err, "read health")
	}
	for _, read := range []func(context.Context, *Health) error{s.readFigures, s.readWeeks, s.readFlow, s.readCohorts,
		s.readRhythm, s.readExchange, s.readExchangeMonths} {
		if err := read(ctx, h); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) readFigures(ctx context.Context, h *Health) error {
	rows, err := s.db.QueryContext(ctx, `SELECT figure, current_value, previous_value FROM health_figures
		WHERE community_id = $1 AND days IN ($2, 0)`, h.C.ID, h.Days)
	if err != nil {
		return errs.Wrap(err, "read figures")
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var f Figure
		if err := rows.Scan(&name, &f.Current, &f.Previous); err != nil {
			return errs.Wrap(err, "read figures")
		}
		f.Better = better(name)
		h.Figures[name] = f
	}
	return errs.Wrap(rows.Err(), "read figures")
}

func (s *Service) readWeeks(ctx context.Context, h *Health) error {
	from := WeekStart(h.CountedAt.AddDate(0, 0, -h.Days))
	rows, err := s.db.QueryContext(ctx, `SELECT week_start, questions, answered, within_48h, median_hours, p90_hours FROM health_weeks
		WHERE community_id = $1 AND week_start >= $2 ORDER BY week_start`, h.C.ID, from)
	if err != nil {
		return errs.Wrap(err, "read weeks")
	}
	defer rows.Close()
	for rows.Next() {
		var w Week
		if err := rows.Scan(&w.Start, &w.Questions, &w.Answered, &w.InTime, &w.Median, &w.P90); err != nil {
			return errs.Wrap(err, "read weeks")
		}
		w.Start = w.Start.UTC()
		h.Weeks = append(h.Weeks, w)
	}
	return errs.Wrap(rows.Err(), "read weeks")
}

func (s *Service) readFlow(ctx context.Context, h *Health) error {
	rows, err := s.db.QueryContext(ctx, `SELECT month_start, core, active, occasional, peripheral, inward, held, outward, joined FROM health_flow
		WHERE community_id = $1 ORDER BY month_start`, h.C.ID)
	if err != nil {
		return errs.Wrap(err, "read flow")
	}
	defer rows.Close()
	for rows.Next() {
		f := Flow{Rings: Rings{}}
		var core, active, occasional, peripheral int
		if err := rows.Scan(&f.Month, &core, &active, &occasional, &peripheral, &f.Inward, &f.Held, &f.Outward, &f.Joined); err != nil {
			return errs.Wrap(err, "read flow")
		}
		f.Month = f.Month.UTC()
		f.Rings[people.Core], f.Rings[people.Active], f.Rings[people.Occasional], f.Rings[people.Peripheral] = core, active, occasional, peripheral
		h.Flow = append(h.Flow, f)
	}
	return errs.Wrap(rows.Err(), "read flow")
}

// Verdict says how the figure moved against the window before: "better",
// "worse", "unchanged" (also for figures with no good direction: "higher",
// "lower"), or "" when either is missing.
func (f Figure) Verdict() string {
	if !f.Current.Valid || !f.Previous.Valid {
		return ""
	}
	c, p := f.Current.Float64, f.Previous.Float64
	switch {
	case c == p:
		return "unchanged"
	case f.Better == Neither && c > p:
		return "higher"
	case f.Better == Neither:
		return "lower"
	case (c > p) == (f.Better == Up):
		return "better"
	}
	return "worse"
}

// Hint says which direction is good, in words.
func (f Figure) Hint() string {
	switch f.Better {
	case Up:
		return "higher is better"
	case Down:
		return "lower is better"
	}
	return ""
}

// readCohorts reads the funnel and the retention grid in one query.
func (s *Service) readCohorts(ctx context.Context, h *Health) error {
	rows, err := s.db.QueryContext(ctx, `SELECT c.cohort_month, c.members, c.first_30, c.second_90, c.active, c.contributed, c.welcomed, r.months_since, r.present
		FROM health_cohorts c JOIN health_retention r ON r.community_id = c.community_id AND r.cohort_month = c.cohort_month
		WHERE c.community_id = $1 ORDER BY c.cohort_month, r.months_since`, h.C.ID)
	if err != nil {
		return errs.Wrap(err, "read cohorts")
	}
	defer rows.Close()
	for rows.Next() {
		var c Cohort
		var k, present int
		if err := rows.Scan(&c.Month, &c.Members, &c.First30, &c.Second90, &c.Active, &c.Contributed, &c.Welcomed, &k, &present); err != nil {
			return errs.Wrap(err, "read cohorts")
		}
		c.Month = c.Month.UTC()
		if n := len(h.Cohorts); n == 0 || !h.Cohorts[n-1].Month.Equal(c.Month) {
			h.Cohorts = append(h.Cohorts, c)
		}
		last := &h.Cohorts[len(h.Cohorts)-1]
		last.Present = append(last.Present, present)
	}
	return errs.Wrap(rows.Err(), "read cohorts")
}
