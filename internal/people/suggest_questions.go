package people

import (
	"context"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/errs"
)

// ExpertsForQuestions returns, for each of the questions (thread ids) of
// community c, up to per people who know their topics best, by the same
// ranking as the suggestions to an asker: their best score on any of the
// question's tags, leaving out the asker, disabled people, people who
// paused being asked and, in a private community, non-members. One query
// whatever the number of questions (at most 100).
func (s *Service) ExpertsForQuestions(ctx context.Context, c community.Community, threadIDs []int64, per int) (map[int64][]ExpertSuggestion, error) {
	out := map[int64][]ExpertSuggestion{}
	if len(threadIDs) == 0 || per <= 0 {
		return out, nil
	}
	threadIDs = threadIDs[:min(len(threadIDs), 100)]
	args := []any{c.ID}
	marks := ""
	for i, id := range threadIDs {
		args = append(args, id)
		if i > 0 {
			marks += ", "
		}
		marks += "$" + strconv.Itoa(len(args))
	}
	readers := ""
	if c.Visibility == community.Private {
		readers = ` AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = $1 AND m.person_id = p.id AND m.status = 'active')`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT thread_id, id, handle, name, department, score FROM (
		SELECT tt.thread_id, p.id, p.handle, p.name, COALESCE(d.name, '') AS department, MAX(x.score) AS score,
			ROW_NUMBER() OVER (PARTITION BY tt.thread_id ORDER BY MAX(x.score) DESC, p.id) AS pos
		FROM thread_tags tt JOIN threads t ON t.id = tt.thread_id
		JOIN expertise_scores x ON x.tag = tt.tag JOIN people p ON p.id = x.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE t.community_id = $1 AND tt.thread_id IN (`+marks+`) AND p.id <> COALESCE(t.author_id, 0)
			AND p.disabled_at IS NULL AND NOT p.asks_paused`+readers+`
		GROUP BY tt.thread_id, p.id, p.handle, p.name, d.name) ranked
		WHERE pos <= `+strconv.Itoa(per)+` ORDER BY thread_id, pos`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "suggest experts for questions")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g ExpertSuggestion
		if err := rows.Scan(&id, &g.ID, &g.Handle, &g.Name, &g.Department, &g.Score); err != nil {
			return nil, errs.Wrap(err, "suggest experts for questions")
		}
		out[id] = append(out[id], g)
	}
	return out, errs.Wrap(rows.Err(), "suggest experts for questions")
}
