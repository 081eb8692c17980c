package stewardship

import (
	"context"
	"database/sql"
	"math"
	"slices"

	"hearth/internal/conversation"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// The health page reads, on every request, what can change without a
// recount: the run (its time is the version of everything the job stored),
// the stage's checklist, and the lists that name people, questions, entries
// and departments by their current names. All of it is one query: each part
// a branch of a UNION ALL, in the same columns, numbered by part and by
// the list's own order. The rest (the figures, the weeks, the months, the
// cohorts, the rhythm, the exchange) changes only when the job runs, and is
// read by ReadCounted when the page has not been drawn for this run yet.

// Parts of the query, in the order they are returned.
const (
	partRun = iota
	partTask
	partQueue
	partFading
	partStale
	partDepartment
	partConnector
	partFigure
)

// nowSQL is the query; its arguments: the community, the window, the stage,
// how many fading regulars and connectors to list, MinCell, and the two
// figures the lists' "and N more" count from (the privacy rule, MinCell,
// is applied to the departments here, once). Every branch returns: part,
// order, six numbers, three texts, a time and two figures. The first
// branch's time is a TIMESTAMP column, so that SQLite types the column.
const nowSQL = `SELECT 0 AS part, 0 AS ord, 0 AS n1, 0 AS n2, 0 AS n3, 0 AS n4, 0 AS n5, 0 AS n6,
		r.time_zone AS t1, '' AS t2, '' AS t3, r.counted_at AS at,
		CAST(NULL AS DOUBLE PRECISION) AS f1, CAST(NULL AS DOUBLE PRECISION) AS f2
		FROM health_runs r WHERE r.community_id = $1
	UNION ALL SELECT 1, 0, 0, 0, 0, 0, 0, 0, k.task, '', '', k.done_at, NULL, NULL
		FROM stage_tasks k WHERE k.community_id = $1 AND k.stage = $3
	UNION ALL SELECT 2, ROW_NUMBER() OVER (ORDER BY q.asked_at, q.thread_id), q.thread_id, 0, 0, 0, 0, 0, t.title, '', '', q.asked_at, NULL, NULL
		FROM health_unanswered q JOIN threads t ON t.id = q.thread_id WHERE q.community_id = $1 AND t.community_id = $1
	UNION ALL SELECT 3, ROW_NUMBER() OVER (ORDER BY f.last_seen_at IS NOT NULL, f.last_seen_at, f.person_id), 0, 0, 0, 0, 0, 0,
		p.handle, p.name, f.level, f.last_seen_at, NULL, NULL
		FROM (SELECT person_id, level, last_seen_at FROM health_fading WHERE community_id = $1
			ORDER BY last_seen_at IS NOT NULL, last_seen_at, person_id LIMIT $4) f JOIN people p ON p.id = f.person_id
	UNION ALL SELECT 4, ROW_NUMBER() OVER (ORDER BY x.views DESC, x.entry_id), x.views, 0, 0, 0, 0, 0, e.slug, e.title, '', x.review_by, NULL, NULL
		FROM health_stale x JOIN entries e ON e.id = x.entry_id WHERE x.community_id = $1
	UNION ALL SELECT 5, ROW_NUMBER() OVER (ORDER BY d.name, d.id), d.id, x.contributors, x.contributions, x.prev_contributors, x.prev_contributions, x.exchangers,
		d.name, '', '', NULL, NULL, NULL
		FROM health_departments x JOIN departments d ON d.id = x.department_id
		WHERE x.community_id = $1 AND x.days = $2 AND (x.contributors >= $5 OR x.prev_contributors >= $5 OR x.exchangers >= $5)
	UNION ALL SELECT 6, ROW_NUMBER() OVER (ORDER BY c.departments DESC, c.person_id), c.departments, 0, 0, 0, 0, 0,
		p.handle, p.name, COALESCE(d.name, ''), NULL, NULL, NULL
		FROM (SELECT person_id, departments FROM health_connectors WHERE community_id = $1 AND days = $2
			ORDER BY departments DESC, person_id LIMIT $4) c JOIN people p ON p.id = c.person_id LEFT JOIN departments d ON d.id = p.department_id
	UNION ALL SELECT 7, 0, 0, 0, 0, 0, 0, 0, g.figure, '', '', NULL, g.current_value, g.previous_value
		FROM health_figures g WHERE g.community_id = $1 AND g.days IN ($2, 0) AND g.figure IN ($6, $7)
	ORDER BY 1, 2`

// nowRow is one row of nowSQL.
type nowRow struct {
	part, ord  int
	n          [6]int64
	t1, t2, t3 string
	at         sql.NullTime
	f1, f2     sql.NullFloat64
}

// readNow reads the run, the checklist and the lists of h (nowSQL), then
// the experts who might answer the waiting questions: two queries.
func (s *Service) readNow(ctx context.Context, h *Health) error {
	limit := int64(math.MaxInt32)
	if h.shown > 0 {
		limit = int64(h.shown)
	}
	rows, err := s.db.QueryContext(ctx, nowSQL, h.C.ID, h.Days, h.C.Stage, limit, MinCell, FigFading, FigConnectors)
	if err != nil {
		return errs.Wrap(err, "read health")
	}
	defer rows.Close()
	for rows.Next() {
		var r nowRow
		if err := rows.Scan(&r.part, &r.ord, &r.n[0], &r.n[1], &r.n[2], &r.n[3], &r.n[4], &r.n[5], &r.t1, &r.t2, &r.t3, &r.at, &r.f1, &r.f2); err != nil {
			return errs.Wrap(err, "read health")
		}
		h.addNow(r)
	}
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "read health")
	}
	rows.Close()
	if len(h.Queue) == 0 {
		return nil
	}
	ids := make([]int64, len(h.Queue))
	for i, q := range h.Queue {
		ids[i] = q.ThreadID
	}
	experts, err := s.people.ExpertsForQuestions(ctx, h.C.Community, ids, ExpertsShown)
	if err != nil {
		return err
	}
	for i := range h.Queue {
		h.Queue[i].Experts = experts[h.Queue[i].ThreadID]
	}
	return nil
}

// addNow adds row r to its part of h.
func (h *Health) addNow(r nowRow) {
	switch r.part {
	case partRun:
		h.CountedAt, h.Zone = r.at.Time, r.t1
	case partTask:
		if i := slices.IndexFunc(h.Tasks, func(t StageTask) bool { return t.Key == r.t1 }); i >= 0 {
			h.Tasks[i].Done, h.Tasks[i].DoneAt = true, r.at.Time
		}
	case partQueue:
		h.Queue = append(h.Queue, Waiting{ThreadID: r.n[0], Title: r.t1, URL: conversation.ThreadURL(h.C.Slug, r.n[0]), Asked: r.at.Time})
	case partFading:
		h.Fading = append(h.Fading, Faded{Handle: r.t1, Name: r.t2, Level: people.Ring(r.t3), LastSeen: r.at})
	case partStale:
		h.Stale = append(h.Stale, StaleEntry{Slug: r.t1, Title: r.t2, Views: int(r.n[0]), ReviewBy: r.at})
	case partDepartment:
		n := r.n
		h.Departments = append(h.Departments, DepartmentShare{ID: n[0], Name: r.t1, Contributions: shown(int(n[2]), int(n[1])),
			Previous: shown(int(n[4]), int(n[3])), Exchanged: n[5] >= MinCell})
	case partConnector:
		h.Connectors = append(h.Connectors, Connector{Handle: r.t1, Name: r.t2, Department: r.t3, Departments: int(r.n[0])})
	case partFigure:
		h.Figures[r.t1] = Figure{Current: r.f1, Previous: r.f2, Better: better(r.t1)}
	}
}
