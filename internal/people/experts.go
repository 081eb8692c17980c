package people

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// ExpertsPageSize is how many people a page of /experts lists.
const ExpertsPageSize = 20

// ExpertQuery is what /experts asks: a topic, optional filters, and the
// page (keyset: after the person with that score and id).
type ExpertQuery struct {
	Topic      string
	Department string // a department's slug; "" for all
	Community  string // a community's slug; "" for all
	AfterScore int
	AfterID    int64 // 0: the first page
}

// Ranked is a person on /experts with the parts of their score.
type Ranked struct {
	Person
	Level        Level // "" when they declare none
	Endorsements int
	Answers      int
	Entries      int
	Hosted       int
	Helped       int
	Score        int
}

// Why says what a ranking rests on, in words: "expert (self-rated) · 3
// endorsements · 5 accepted answers".
func (r Ranked) Why() string {
	var parts []string
	if r.Level != "" {
		parts = append(parts, string(r.Level)+" (self-rated)")
	}
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{r.Endorsements, "endorsement", "endorsements"},
		{r.Answers, "accepted answer", "accepted answers"},
		{r.Entries, "reviewed or endorsed entry", "reviewed or endorsed entries"},
		{r.Hosted, "gathering hosted", "gatherings hosted"},
		{r.Helped, "“this helped me” mark", "“this helped me” marks"},
	} {
		switch {
		case c.n == 1:
			parts = append(parts, "1 "+c.one)
		case c.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.many))
		}
	}
	return strings.Join(parts, " · ")
}

// RankedPage is a page of the ranking of experts, with every department
// for its filters.
type RankedPage struct {
	Ranked      []Ranked // shared with other readers: not to be changed
	More        bool
	Departments []Department
	Along       Along // read with the page for its layout and filters
}

// Experts ranks the people who know q.Topic: ExpertsPage's ranking.
func (s *Service) Experts(ctx context.Context, a auth.Actor, q ExpertQuery) ([]Ranked, bool, error) {
	p, err := s.ExpertsPage(ctx, a, q)
	return p.Ranked, p.More, err
}

// ExpertsPage ranks the people who know q.Topic: by score (see the
// weights), highest first, then by who joined first; a page at a time, one
// query walking the index of scores by topic, kept (see kept.go) unless
// filtered by a community. Disabled people are left out. The community
// filter must name a community whose members the actor may see. The
// departments come with a page refused for its filters too.
func (s *Service) ExpertsPage(ctx context.Context, a auth.Actor, q ExpertQuery) (RankedPage, error) {
	if !a.SignedIn() {
		return RankedPage{}, errs.New(errs.Unauthenticated, "Please sign in to find who knows what.")
	}
	q.Topic = strings.Join(strings.Fields(strings.ToLower(q.Topic)), " ")
	topic := q.Topic
	if len(topic) > 100 {
		topic = ""
	}
	v, err := s.listVersionsOf(ctx, topic, 0, a.PersonID)
	if err != nil {
		return RankedPage{}, err
	}
	page := RankedPage{Along: v.along}
	if page.Departments, err = s.departmentNamesAt(ctx, v.people); err != nil {
		return RankedPage{}, err
	}
	if q.Topic == "" {
		return page, nil
	}
	if len(q.Topic) > 100 {
		return page, errs.Field("topic", "Name a topic of up to 32 characters.")
	}
	communityID, err := s.communityFilter(ctx, a, q.Community)
	if err != nil {
		return page, err
	}
	read := func() (keptPage, error) { return s.readRanked(ctx, q, communityID) }
	var kept keptPage
	if communityID != 0 {
		kept, err = read()
	} else {
		k := keptKey{people: v.people, topic: v.scores, experts: true, tag: q.Topic, department: q.Department, at: At{After: q.AfterID}, afterScore: q.AfterScore}
		kept, err = s.kept.page(k, read)
	}
	page.Ranked, page.More = kept.ranked, kept.more
	return page, err
}

// readRanked reads the page of the ranking q asks for.
func (s *Service) readRanked(ctx context.Context, q ExpertQuery, communityID int64) (keptPage, error) {
	query, args := expertsQuery(q, communityID)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return keptPage{}, errs.Wrap(err, "rank experts")
	}
	defer rows.Close()
	var out []Ranked
	for rows.Next() {
		var r Ranked
		var level int
		err := scanListed(rows, &r.Person, &level, &r.Endorsements, &r.Answers, &r.Entries, &r.Hosted, &r.Helped, &r.Score)
		if err != nil {
			return keptPage{}, errs.Wrap(err, "rank experts")
		}
		if level >= 1 && level <= len(Levels) {
			r.Level = Levels[level-1]
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return keptPage{}, errs.Wrap(err, "rank experts")
	}
	more := len(out) > ExpertsPageSize
	if more {
		out = out[:ExpertsPageSize]
	}
	return keptPage{ranked: out, more: more}, nil
}

// expertsQuery is Experts' SQL and arguments: only the filters set become
// conditions, so that each engine plans the query it runs (down the index
// of scores by topic, highest first).
func expertsQuery(q ExpertQuery, communityID int64) (string, []any) {
	args := []any{q.Topic}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	where := []string{"s.tag = $1", "p.disabled_at IS NULL"}
	if q.Department != "" {
		// The score row's copy of the department (migration 0055): the
		// topic's people in one department, down their own index.
		where = append(where, "s.department_id = (SELECT k.id FROM departments k WHERE k.slug = "+arg(q.Department)+")")
	}
	if communityID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = "+arg(communityID)+" AND m.person_id = p.id AND m.status = 'active')")
	}
	if q.AfterID != 0 {
		score, id := arg(q.AfterScore), arg(q.AfterID)
		where = append(where, "(s.score < "+score+" OR (s.score = "+score+" AND s.person_id > "+id+"))")
	}
	limit := arg(ExpertsPageSize + 1)
	return `SELECT ` + listColumns + `, s.level, s.endorsements, s.answers, s.entries, s.hosted, s.helped, s.score
		FROM expertise_scores s JOIN people p ON p.id = s.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY s.score DESC, s.person_id LIMIT ` + limit, args
}
