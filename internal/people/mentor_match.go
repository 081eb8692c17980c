package people

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// The rules of matching a mentee with mentors, shown on /help/mentoring. A
// mentor fits when their offer in the community is not paused, has a free
// place (mentorships under way fewer than the people they take at once),
// and covers at least one of the topics asked; the mentee is not already
// in a mentorship (proposed or under way) with them. Those who fit are
// ordered by
//
//  1. how many of the topics asked they cover, most first;
//  2. being from another department than the mentee (when both have one);
//  3. the level they mentor at: expert before practising;
//  4. their expertise score in the topics they cover (see /experts);
//  5. free places, most first; then who offered first (person id).
const SuggestedMentors = 5

// MentorMatch is a mentor suggested for a request, with why.
type MentorMatch struct {
	ID              int64
	Handle          string
	Name            string
	Avatar          int // the picture's version; 0: initials
	Department      string
	Covers          []string // the topics asked that they mentor in
	OtherDepartment bool
	Level           Level
	Score           int // their best expertise score in Covers
	Capacity        int
	Active          int
	Note            string
}

// Free is how many more mentees the mentor takes now.
func (m MentorMatch) Free() int { return m.Capacity - m.Active }

// Why says, in words, what the suggestion rests on.
func (m MentorMatch) Why() string {
	parts := []string{"mentors in " + strings.Join(m.Covers, ", ")}
	if m.OtherDepartment {
		parts = append(parts, "from another department ("+m.Department+")")
	}
	parts = append(parts, string(m.Level)+" (self-rated)")
	if m.Score > 0 {
		parts = append(parts, fmt.Sprintf("expertise score %d", m.Score))
	}
	return strings.Join(parts, " · ")
}

// compareMatches orders matches by the rules above.
func compareMatches(x, y MentorMatch) int {
	if c := cmp.Compare(len(y.Covers), len(x.Covers)); c != 0 {
		return c
	}
	if x.OtherDepartment != y.OtherDepartment {
		if x.OtherDepartment {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(y.Level.Rank(), x.Level.Rank()); c != 0 {
		return c
	}
	if c := cmp.Compare(y.Score, x.Score); c != 0 {
		return c
	}
	if c := cmp.Compare(y.Free(), x.Free()); c != 0 {
		return c
	}
	return cmp.Compare(x.ID, y.ID)
}

// matches are the mentors who fit mentee (of department dept, 0 for none)
// in community communityID for tags, in order, at most limit: one query
// (a row per mentor and topic covered), ordered here.
func matches(ctx context.Context, q db.Q, communityID, menteeID, dept int64, tags []string, limit int) ([]MentorMatch, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	args := []any{communityID, menteeID}
	for _, t := range tags {
		args = append(args, t)
	}
	rows, err := q.QueryContext(ctx, `SELECT o.person_id, p.handle, p.name, p.avatar, COALESCE(d.name, ''), COALESCE(p.department_id, 0), o.level, o.capacity, o.note,
			(SELECT COUNT(*) FROM mentorships m WHERE m.community_id = o.community_id AND m.mentor_id = o.person_id AND m.status = 'active'),
			t.tag, COALESCE(s.score, 0)
		FROM mentor_offer_topics t JOIN mentor_offers o ON o.community_id = t.community_id AND o.person_id = t.person_id
		JOIN people p ON p.id = o.person_id LEFT JOIN departments d ON d.id = p.department_id
		JOIN memberships mb ON mb.community_id = o.community_id AND mb.person_id = o.person_id AND mb.status = 'active'
		LEFT JOIN expertise_scores s ON s.tag = t.tag AND s.person_id = o.person_id
		WHERE t.community_id = $1 AND t.tag IN (`+db.Placeholders(3, len(tags))+`) AND NOT o.paused AND o.person_id <> $2 AND p.disabled_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.community_id = $1 AND m.mentor_id = o.person_id AND m.mentee_id = $2
			AND m.status IN ('proposed', 'active'))
		ORDER BY o.person_id, t.tag`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "match mentors")
	}
	defer rows.Close()
	var out []MentorMatch
	for rows.Next() {
		var m MentorMatch
		var mentorDept int64
		var tag string
		var score int
		if err := rows.Scan(&m.ID, &m.Handle, &m.Name, &m.Avatar, &m.Department, &mentorDept, &m.Level, &m.Capacity, &m.Note, &m.Active, &tag, &score); err != nil {
			return nil, errs.Wrap(err, "match mentors")
		}
		if n := len(out); n > 0 && out[n-1].ID == m.ID {
			out[n-1].Covers = append(out[n-1].Covers, tag)
			out[n-1].Score = max(out[n-1].Score, score)
			continue
		}
		m.Covers, m.Score = []string{tag}, score
		m.OtherDepartment = dept != 0 && mentorDept != 0 && dept != mentorDept
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "match mentors")
	}
	out = slices.DeleteFunc(out, func(m MentorMatch) bool { return m.Free() <= 0 })
	slices.SortFunc(out, compareMatches)
	return out[:min(len(out), limit)], nil
}

// SuggestMentors returns request id and the mentors who fit it best, for
// its asker or a steward (NotFound to anyone else).
func (s *Service) SuggestMentors(ctx context.Context, a auth.Actor, slug string, id int64) (community.View, MentorRequest, []MentorMatch, error) {
	v, err := s.mentoringView(ctx, a, slug)
	if err != nil {
		return v, MentorRequest{}, nil, err
	}
	r, dept, err := s.request(ctx, s.db, a, v, id)
	if err != nil || r.Status != "open" {
		return v, r, nil, err
	}
	list, err := matches(ctx, s.db, v.ID, r.PersonID, dept, r.Topics, SuggestedMentors)
	return v, r, list, err
}
