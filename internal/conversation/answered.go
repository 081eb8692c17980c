package conversation

import (
	"context"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// AnsweredSize is how many answers a profile lists of those a person gave
// that were accepted.
const AnsweredSize = 20

// Answered is a question on its answerer's profile: one whose accepted answer
// they wrote, with where it lives.
type Answered struct {
	ThreadID      int64
	PostID        int64
	Title         string
	AcceptedAt    time.Time
	CommunitySlug string
	CommunityName string
}

// AnsweredBy lists the questions whose accepted answer person wrote, in the
// communities a may read, most recently accepted first: two queries however
// many (the policy is asked of all the communities answered in at once).
// Hidden and removed answers are left out.
func (s *Service) AnsweredBy(ctx context.Context, a auth.Actor, personID int64) ([]Answered, error) {
	readable, err := s.communities.ReadableIn(ctx, a, `SELECT DISTINCT p.community_id FROM posts p
		WHERE p.author_id = $1 AND p.subject_kind = 'thread' AND p.accepted_at IS NOT NULL AND p.community_id IS NOT NULL`, personID)
	if err != nil {
		return nil, err
	}
	if len(readable) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.id, p.id, t.title, p.accepted_at, c.slug, c.name
		FROM posts p JOIN threads t ON t.id = p.subject_id JOIN communities c ON c.id = t.community_id
		WHERE p.author_id = $1 AND p.subject_kind = 'thread' AND p.accepted_at IS NOT NULL
		AND p.hidden_at IS NULL AND p.deleted_at IS NULL AND t.community_id IN (`+strings.Join(readable, ", ")+`)
		ORDER BY p.accepted_at DESC, p.id DESC LIMIT $2`, personID, AnsweredSize)
	if err != nil {
		return nil, errs.Wrap(err, "list answers accepted")
	}
	defer rows.Close()
	var out []Answered
	for rows.Next() {
		var x Answered
		if err := rows.Scan(&x.ThreadID, &x.PostID, &x.Title, &x.AcceptedAt, &x.CommunitySlug, &x.CommunityName); err != nil {
			return nil, errs.Wrap(err, "list answers accepted")
		}
		out = append(out, x)
	}
	return out, errs.Wrap(rows.Err(), "list answers accepted")
}
