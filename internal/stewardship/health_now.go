package stewardship

import (
	"context"
	"database/sql"
	"maps"
	"math"
	"slices"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// The health page reads, on every request, what can change without a
// recount: the run (its time versions everything the job stored), the
// version of the names (name_changes, migration 0059) and the stage's
// checklist, in the community's own query (head.go: one round trip). The lists that name people, questions,
// entries and departments (listsSQL, one query: each list a branch of a
// UNION ALL in the same columns, numbered by part and by the list's own
// order) are kept in memory under the run and the names' version, and read
// again when either moves. The experts who might answer the waiting
// questions are kept too, under the run, the names' version and
// expert_changes.version (migration 0067), which triggers move with
// everything else they depend on: scores, pauses, memberships. The rest (the figures, the weeks, the months, the
// cohorts, the rhythm, the exchange) changes only when the job runs, and is
// read by ReadCounted when the page has not been drawn for this run yet.

// Parts of listsSQL, in the order they are returned.
const (
	partQueue = iota + 2
	partFading
	partStale
	partDepartment
	partConnector
	partFigure
)

// listsSQL reads the lists; its arguments: the community, the window, how
// many fading regulars and connectors to list, MinCell, and the two
// figures the lists' "and N more" count from (the privacy rule, MinCell,
// is applied to the departments here, once). Every branch returns: part,
// order, six numbers, three texts, a time and two figures.
const listsSQL = `SELECT 2 AS part, ROW_NUMBER() OVER (ORDER BY q.asked_at, q.thread_id) AS ord, q.thread_id AS n1, 0 AS n2, 0 AS n3, 0 AS n4, 0 AS n5, 0 AS n6,
		t.title AS t1, '' AS t2, '' AS t3, q.asked_at AS at, CAST(NULL AS DOUBLE PRECISION) AS f1, CAST(NULL AS DOUBLE PRECISION) AS f2
		FROM health_unanswered q JOIN threads t ON t.id = q.thread_id WHERE q.community_id = $1 AND t.community_id = $1
	UNION ALL SELECT 3, ROW_NUMBER() OVER (ORDER BY f.last_seen_at IS NOT NULL, f.last_seen_at, f.person_id), 0, 0, 0, 0, 0, 0,
		p.handle, p.name, f.level, f.last_seen_at, NULL, NULL
		FROM (SELECT person_id, level, last_seen_at FROM health_fading WHERE community_id = $1
			ORDER BY last_seen_at IS NOT NULL, last_seen_at, person_id LIMIT $3) f JOIN people p ON p.id = f.person_id
	UNION ALL SELECT 4, ROW_NUMBER() OVER (ORDER BY x.views DESC, x.entry_id), x.views, 0, 0, 0, 0, 0, e.slug, e.title, '', x.review_by, NULL, NULL
		FROM health_stale x JOIN entries e ON e.id = x.entry_id WHERE x.community_id = $1
	UNION ALL SELECT 5, ROW_NUMBER() OVER (ORDER BY d.name, d.id), d.id, x.contributors, x.contributions, x.prev_contributors, x.prev_contributions, x.exchangers,
		d.name, '', '', NULL, NULL, NULL
		FROM health_departments x JOIN departments d ON d.id = x.department_id
		WHERE x.community_id = $1 AND x.days = $2 AND (x.contributors >= $4 OR x.prev_contributors >= $4 OR x.exchangers >= $4)
	UNION ALL SELECT 6, ROW_NUMBER() OVER (ORDER BY c.departments DESC, c.person_id), c.departments, 0, 0, 0, 0, 0,
		p.handle, p.name, COALESCE(d.name, ''), NULL, NULL, NULL
		FROM (SELECT person_id, departments FROM health_connectors WHERE community_id = $1 AND days = $2
			ORDER BY departments DESC, person_id LIMIT $3) c JOIN people p ON p.id = c.person_id LEFT JOIN departments d ON d.id = p.department_id
	UNION ALL SELECT 7, 0, 0, 0, 0, 0, 0, 0, g.figure, '', '', NULL, g.current_value, g.previous_value
		FROM health_figures g WHERE g.community_id = $1 AND g.days IN ($2, 0) AND g.figure IN ($5, $6)
	ORDER BY 1, 2`

// nowRow is one row of listsSQL.
type nowRow struct {
	part, ord  int
	n          [6]int64
	t1, t2, t3 string
	at         sql.NullTime
	f1, f2     sql.NullFloat64
}

// listsKey is what a community's lists are kept under: they change with
// the run, the names' version, the window, how many are listed and the
// community's address (the questions' links).
type listsKey struct {
	community   int64
	slug        string
	days, shown int
	run, names  int64
}

// healthLists are the lists of a Health, as kept.
type healthLists struct {
	queue       []Waiting // without their experts
	fading      []Faded
	stale       []StaleEntry
	departments []DepartmentShare
	connectors  []Connector
	figures     map[string]Figure
}

// listsBudget bounds the lists kept: a community's window is a few KB.
const listsBudget = 8 << 20

// expertsKey is what the experts for a community's waiting questions are
// kept under: the run (which questions wait), the names' version (a thread
// moved or removed, a name) and the experts' (migration 0067); whether the
// community is private decides who may be suggested.
type expertsKey struct {
	community           int64
	private             bool
	run, names, experts int64
}

// expertsBudget bounds the experts kept: 100 questions of 3 at most a community.
const expertsBudget = 4 << 20

// readNow reads the lists of h (kept, or listsSQL), then the experts who
// might answer the waiting questions (kept, or one query): none to two
// queries once the community and its head are read (v: the versions).
func (s *Service) readNow(ctx context.Context, h *Health, v nowVersions) error {
	if h.CountedAt.IsZero() {
		return nil
	}
	names := v.names
	key := listsKey{community: h.C.ID, slug: h.C.Slug, days: h.Days, shown: h.shown, run: h.Run, names: names}
	if l, ok := s.lists.Get(key); ok && h.shown > 0 {
		h.Queue, h.Fading, h.Stale, h.Departments, h.Connectors = slices.Clone(l.queue), l.fading, l.stale, l.departments, l.connectors
		for name, f := range l.figures {
			h.Figures[name] = f
		}
	} else {
		limit := int64(math.MaxInt32)
		if h.shown > 0 {
			limit = int64(h.shown)
		}
		if err := s.scanNow(ctx, h, listsSQL, h.C.ID, h.Days, limit, MinCell, FigFading, FigConnectors); err != nil {
			return err
		}
		if h.shown > 0 { // the downloads' full lists are not kept
			l := healthLists{queue: slices.Clone(h.Queue), fading: h.Fading, stale: h.Stale, departments: h.Departments, connectors: h.Connectors,
				figures: maps.Clone(h.Figures)}
			s.lists.Put(key, l, l.size())
		}
	}
	return s.readExperts(ctx, h, expertsKey{community: h.C.ID, private: h.C.Visibility == community.Private, run: h.Run, names: names, experts: v.experts})
}

// size is about the bytes l holds.
func (l healthLists) size() int {
	n := 256 * (len(l.queue) + len(l.fading) + len(l.stale) + len(l.departments) + len(l.connectors) + len(l.figures))
	for _, q := range l.queue {
		n += len(q.Title) + len(q.URL)
	}
	return n
}

// scanNow runs query (listsSQL) and adds its rows to h.
func (s *Service) scanNow(ctx context.Context, h *Health, query string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
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
	return errs.Wrap(rows.Err(), "read health")
}

// readExperts adds to each waiting question of h who might answer it, kept
// under key or read (and kept).
func (s *Service) readExperts(ctx context.Context, h *Health, key expertsKey) error {
	if len(h.Queue) == 0 {
		return nil
	}
	experts, ok := s.experts.Get(key)
	if !ok {
		ids := make([]int64, len(h.Queue))
		for i, q := range h.Queue {
			ids[i] = q.ThreadID
		}
		var err error
		if experts, err = s.people.ExpertsForQuestions(ctx, h.C.Community, ids, ExpertsShown); err != nil {
			return err
		}
		size := 64
		for _, list := range experts {
			for _, e := range list {
				size += 96 + len(e.Handle) + len(e.Name) + len(e.Department)
			}
		}
		s.experts.Put(key, experts, size)
	}
	for i := range h.Queue {
		h.Queue[i].Experts = experts[h.Queue[i].ThreadID]
	}
	return nil
}

// addNow adds row r to its part of h.
func (h *Health) addNow(r nowRow) {
	switch r.part {
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
