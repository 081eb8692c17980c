package conversation

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/errs"
	"hearth/internal/posts"
)

// ReplyByID is Reply (a reply, never an answer) to a thread known by its id
// alone, as a reply by e-mail knows it: the same checks, the same activity.
func (s *Service) ReplyByID(ctx context.Context, a auth.Actor, threadID int64, body string) (int64, error) {
	slug, err := s.communitySlugOf(ctx, threadID)
	if err != nil {
		return 0, err
	}
	return s.Reply(ctx, a, slug, threadID, posts.Reply, body)
}

// communitySlugOf is the slug of thread id's community; NotFound when there
// is no such thread.
func (s *Service) communitySlugOf(ctx context.Context, threadID int64) (string, error) {
	var slug string
	err := s.db.QueryRowContext(ctx, `SELECT c.slug FROM threads t JOIN communities c ON c.id = t.community_id WHERE t.id = $1`, threadID).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errThreadNotFound
	}
	return slug, errs.Wrap(err, "read thread")
}
