package people

import (
	"context"
	"fmt"
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

// Experts ranks the people who know q.Topic: by score (see the weights),
// highest first, then by who joined first; a page at a time, one query
// walking the index of scores by topic. Disabled people are left out. The
// community filter must name a community whose members the actor may see.
func (s *Service) Experts(ctx context.Context, a auth.Actor, q ExpertQuery) ([]Ranked, bool, error) {
	if !a.SignedIn() {
		return nil, false, errs.New(errs.Unauthenticated, "Please sign in to find who knows what.")
	}
	q.Topic = strings.Join(strings.Fields(strings.ToLower(q.Topic)), " ")
	if q.Topic == "" {
		return nil, false, nil
	}
	if len(q.Topic) > 100 {
		return nil, false, errs.Field("topic", "Name a topic of up to 32 characters.")
	}
	communityID, err := s.communityFilter(ctx, a, q.Community)
	if err != nil {
		return nil, false, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+personColumns+`, s.level, s.endorsements, s.answers, s.entries, s.hosted, s.helped, s.score
		FROM expertise_scores s JOIN people p ON p.id = s.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE s.tag = $1 AND p.disabled_at IS NULL
		AND ($2 = '' OR d.slug = $2)
		AND ($3 = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = $3 AND m.person_id = p.id AND m.status = 'active'))
		AND ($5 = 0 OR s.score < $4 OR (s.score = $4 AND s.person_id > $5))
		ORDER BY s.score DESC, s.person_id LIMIT $6`,
		q.Topic, q.Department, communityID, q.AfterScore, q.AfterID, ExpertsPageSize+1)
	if err != nil {
		return nil, false, errs.Wrap(err, "rank experts")
	}
	defer rows.Close()
	var out []Ranked
	for rows.Next() {
		var r Ranked
		var level int
		err := rows.Scan(&r.ID, &r.Handle, &r.Name, &r.Title, &r.Pronouns, &r.Languages, &r.Bio, &r.Department, &r.DepartmentID,
			&r.DepartmentSlug, &r.Admin, &r.Disabled, &r.Joined, &level, &r.Endorsements, &r.Answers, &r.Entries, &r.Hosted, &r.Helped, &r.Score)
		if err != nil {
			return nil, false, errs.Wrap(err, "rank experts")
		}
		if level >= 1 && level <= len(Levels) {
			r.Level = Levels[level-1]
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, errs.Wrap(err, "rank experts")
	}
	more := len(out) > ExpertsPageSize
	if more {
		out = out[:ExpertsPageSize]
	}
	return out, more, nil
}
