package stewardship

import (
	"context"
	"database/sql"
	"time"

	"hearth/internal/activity"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// InstitutionDays is the window of the institution's figures.
const InstitutionDays = DefaultDays

// Figures stored in institution_figures (institution.go reads them).
const (
	InstCommunities     = "communities"
	InstPresent         = "reach.present"            // people present in the window
	InstDepartments     = "reach.departments"        // all departments
	InstDepartmentsCore = "reach.departments_core"   // with a core or active member
	InstAnswered        = "bridging.answered"        // questions answered, asker and answerer with a department
	InstAnsweredAcross  = "bridging.answered_across" // of those, by someone of another department
	InstQuestions       = "response.questions"
	InstMedian          = "response.median" // hours, weighted by the communities' questions
	InstInTime          = "response.within48"
	InstCore            = "resilience.core"      // distinct people on a core ring
	InstAbsence         = "resilience.absence"   // fewest people making half the contributions
	InstNewHosts        = "resilience.new_hosts" // first gathering hosted in the window
	InstNewcomers       = "conversion.newcomers" // members who joined in the last 12 months
	InstConverted       = "conversion.active"    // of those, active or core now
	InstEntriesLinked   = "value.entries_linked" // entries linked to in the window
)

// activeCommunities is the condition on a community id column c that its
// community is active (archived ones are not on the institution's page).
func activeCommunities(column string) string {
	return column + ` IN (SELECT id FROM communities WHERE status = 'active')`
}

// institution is everything the institution's count stores.
type institution struct {
	figures     map[string]sql.NullFloat64
	communities []mapRow
	quarters    []ExchangeMonth
}

// mapRow is one community on the institution's map.
type mapRow struct {
	id                int64
	slug, name, stage string
	rings             Rings
	departments       int
}

// countInstitution computes the institution's figures as of now, from the
// communities' summary rows and a few counts across communities.
func countInstitution(ctx context.Context, q db.Q, now time.Time) (institution, error) {
	out := institution{figures: map[string]sql.NullFloat64{}}
	from := now.AddDate(0, 0, -InstitutionDays)
	for _, step := range []func(context.Context, db.Q, time.Time, time.Time, *institution) error{
		countMap, countReach, countBridging, countResponse, countResilience, countConversion, countQuarters} {
		if err := step(ctx, q, from, now, &out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// scalar runs a query of one number into figure name.
func (in *institution) scalar(ctx context.Context, q db.Q, name, query string, args ...any) error {
	var v sql.NullFloat64
	if err := q.QueryRowContext(ctx, query, args...).Scan(&v); err != nil {
		return errs.Wrap(err, "count "+name)
	}
	if !v.Valid {
		v = num(0)
	}
	in.figures[name] = v
	return nil
}

// countMap reads each active community's rings (as its health count left
// them) and the departments of its members.
func countMap(ctx context.Context, q db.Q, _, _ time.Time, in *institution) error {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.slug, c.name, c.stage, f.figure, f.current_value FROM communities c
		LEFT JOIN health_figures f ON f.community_id = c.id AND f.days = $1 AND f.figure LIKE 'ring.%'
		WHERE c.status = 'active' ORDER BY c.id`, DefaultDays)
	if err != nil {
		return errs.Wrap(err, "count the map")
	}
	byID := map[int64]int{} // index in in.communities
	for rows.Next() {
		var id int64
		var slug, title, stage string
		var name sql.NullString
		var v sql.NullFloat64
		if err := rows.Scan(&id, &slug, &title, &stage, &name, &v); err != nil {
			rows.Close()
			return errs.Wrap(err, "count the map")
		}
		i, ok := byID[id]
		if !ok {
			i = len(in.communities)
			in.communities = append(in.communities, mapRow{id: id, slug: slug, name: title, stage: stage, rings: Rings{}})
			byID[id] = i
		}
		if name.Valid && v.Valid {
			in.communities[i].rings[people.Ring(name.String[len(FigRing):])] = int(v.Float64)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "count the map")
	}
	rows, err = q.QueryContext(ctx, `SELECT m.community_id, COUNT(DISTINCT p.department_id) FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.status = 'active' AND p.department_id IS NOT NULL GROUP BY m.community_id`)
	if err != nil {
		return errs.Wrap(err, "count departments reached")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return errs.Wrap(err, "count departments reached")
		}
		if i, ok := byID[id]; ok {
			in.communities[i].departments = n
		}
	}
	in.figures[InstCommunities] = num(len(in.communities))
	return errs.Wrap(rows.Err(), "count departments reached")
}

// countReach counts the people present (any activity but joining, asking
// to or being invited, or a gathering attended) in the window, and the
// departments with a core or active member somewhere.
func countReach(ctx context.Context, q db.Q, from, now time.Time, in *institution) error {
	if err := in.scalar(ctx, q, InstPresent, `SELECT COUNT(*) FROM (
		SELECT actor_id AS person_id FROM activities WHERE actor_id IS NOT NULL AND created_at > $1 AND created_at <= $2
			AND verb NOT IN (`+membershipVerbs()+`) AND `+activeCommunities("community_id")+`
		UNION SELECT r.person_id FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id JOIN gatherings g ON g.id = o.gathering_id
			WHERE r.attended AND o.starts_at > $1 AND o.starts_at <= $2 AND `+activeCommunities("g.community_id")+`) present`, from, now); err != nil {
		return err
	}
	if err := in.scalar(ctx, q, InstDepartments, `SELECT COUNT(*) FROM departments`); err != nil {
		return err
	}
	return in.scalar(ctx, q, InstDepartmentsCore, `SELECT COUNT(DISTINCT p.department_id) FROM participation x JOIN people p ON p.id = x.person_id
		WHERE x.level IN ('core', 'active') AND p.department_id IS NOT NULL AND `+activeCommunities("x.community_id"))
}

// countBridging counts the questions answered in the window by someone
// other than their asker, both with a department, and those answered by
// someone of another department.
func countBridging(ctx context.Context, q db.Q, from, now time.Time, in *institution) error {
	rows, err := q.QueryContext(ctx, `SELECT t.id, asker.department_id, answerer.department_id FROM activities a
		JOIN threads t ON t.id = a.subject_id JOIN people asker ON asker.id = t.author_id JOIN people answerer ON answerer.id = a.actor_id
		WHERE a.verb = $1 AND a.subject_kind = $2 AND a.created_at > $3 AND a.created_at <= $4 AND a.actor_id <> t.author_id
			AND asker.department_id IS NOT NULL AND answerer.department_id IS NOT NULL AND `+activeCommunities("a.community_id"),
		activity.AnswerAdded, conversation.SubjectKind, from, now)
	if err != nil {
		return errs.Wrap(err, "count answers across departments")
	}
	defer rows.Close()
	across := map[int64]bool{}
	for rows.Next() {
		var thread, asker, answerer int64
		if err := rows.Scan(&thread, &asker, &answerer); err != nil {
			return errs.Wrap(err, "count answers across departments")
		}
		across[thread] = across[thread] || asker != answerer
	}
	n := 0
	for _, a := range across {
		if a {
			n++
		}
	}
	in.figures[InstAnswered], in.figures[InstAnsweredAcross] = num(len(across)), num(n)
	return errs.Wrap(rows.Err(), "count answers across departments")
}

// countResponse combines the communities' times to a first response: the
// mean of their medians and shares weighted by their questions.
func countResponse(ctx context.Context, q db.Q, _, _ time.Time, in *institution) error {
	rows, err := q.QueryContext(ctx, `SELECT n.current_value, m.current_value, s.current_value FROM health_figures n
		LEFT JOIN health_figures m ON m.community_id = n.community_id AND m.days = n.days AND m.figure = $2
		LEFT JOIN health_figures s ON s.community_id = n.community_id AND s.days = n.days AND s.figure = $3
		WHERE n.days = $1 AND n.figure = $4 AND `+activeCommunities("n.community_id"), InstitutionDays, FigMedian, FigInTime, FigQuestions)
	if err != nil {
		return errs.Wrap(err, "combine response times")
	}
	defer rows.Close()
	var questions, medianWeight, median, shareWeight, share float64
	for rows.Next() {
		var n, m, s sql.NullFloat64
		if err := rows.Scan(&n, &m, &s); err != nil {
			return errs.Wrap(err, "combine response times")
		}
		questions += n.Float64
		if m.Valid {
			median, medianWeight = median+m.Float64*n.Float64, medianWeight+n.Float64
		}
		if s.Valid {
			share, shareWeight = share+s.Float64*n.Float64, shareWeight+n.Float64
		}
	}
	in.figures[InstQuestions] = sql.NullFloat64{Float64: questions, Valid: true}
	in.figures[InstMedian] = ratio(median, medianWeight)
	in.figures[InstInTime] = ratio(share, shareWeight)
	return errs.Wrap(rows.Err(), "combine response times")
}

// ratio is a/b, none when b is 0.
func ratio(a, b float64) sql.NullFloat64 {
	if b == 0 {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: a / b, Valid: true}
}

// countResilience counts the people on a core ring, the institution's
// absence factor over the window and the people who hosted a gathering
// (created in the window) for the first time.
func countResilience(ctx context.Context, q db.Q, from, now time.Time, in *institution) error {
	if err := in.scalar(ctx, q, InstCore, `SELECT COUNT(DISTINCT person_id) FROM participation WHERE level = 'core' AND `+activeCommunities("community_id")); err != nil {
		return err
	}
	if err := in.scalar(ctx, q, InstNewHosts, `SELECT COUNT(DISTINCT h.person_id) FROM gathering_hosts h JOIN gatherings g ON g.id = h.gathering_id
		WHERE g.created_at > $1 AND g.created_at <= $2 AND `+activeCommunities("g.community_id")+` AND NOT EXISTS (SELECT 1 FROM gathering_hosts e JOIN gatherings f ON f.id = e.gathering_id
			WHERE e.person_id = h.person_id AND f.created_at <= $1)`, from, now); err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT COUNT(*) FROM activities WHERE verb IN (`+writingVerbs()+`) AND created_at > $1 AND created_at <= $2
		AND actor_id IS NOT NULL AND `+activeCommunities("community_id")+` GROUP BY actor_id`, from, now)
	if err != nil {
		return errs.Wrap(err, "count contributions")
	}
	defer rows.Close()
	var counts []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return errs.Wrap(err, "count contributions")
		}
		counts = append(counts, n)
	}
	in.figures[InstAbsence] = num(AbsenceFactor(counts))
	return errs.Wrap(rows.Err(), "count contributions")
}

// countConversion sums the communities' newcomers of the last 12 months
// and those active or core now (health_cohorts), and counts the entries
// linked to in the window.
func countConversion(ctx context.Context, q db.Q, from, now time.Time, in *institution) error {
	if err := in.scalar(ctx, q, InstNewcomers, `SELECT SUM(members) FROM health_cohorts WHERE `+activeCommunities("community_id")); err != nil {
		return err
	}
	if err := in.scalar(ctx, q, InstConverted, `SELECT SUM(active) FROM health_cohorts WHERE `+activeCommunities("community_id")); err != nil {
		return err
	}
	return in.scalar(ctx, q, InstEntriesLinked, `SELECT COUNT(DISTINCT l.to_id) FROM links l JOIN entries e ON e.id = l.to_id
		WHERE l.to_kind = 'entry' AND l.created_at > $1 AND l.created_at <= $2 AND `+activeCommunities("e.community_id"), from, now)
}

// countQuarters sums the communities' exchange at each quarter's start
// (health_exchange_months: the 90 days before each month's start).
func countQuarters(ctx context.Context, q db.Q, _, _ time.Time, in *institution) error {
	rows, err := q.QueryContext(ctx, `SELECT month_start, SUM(internal), SUM(external) FROM health_exchange_months
		WHERE `+activeCommunities("community_id")+` GROUP BY month_start ORDER BY month_start`)
	if err != nil {
		return errs.Wrap(err, "sum the exchange by quarter")
	}
	defer rows.Close()
	for rows.Next() {
		var m ExchangeMonth
		if err := rows.Scan(&m.Month, &m.Internal, &m.External); err != nil {
			return errs.Wrap(err, "sum the exchange by quarter")
		}
		if m.Month = m.Month.UTC(); m.Month.Month()%3 == 1 {
			in.quarters = append(in.quarters, m)
		}
	}
	return errs.Wrap(rows.Err(), "sum the exchange by quarter")
}
