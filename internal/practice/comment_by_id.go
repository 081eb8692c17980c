package practice

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// CommentByID is AddComment on an entry known by its id alone, as a reply by
// e-mail knows it: the same checks, the same activity.
func (s *Service) CommentByID(ctx context.Context, a auth.Actor, entryID int64, body string) (int64, error) {
	var communitySlug, entrySlug string
	err := s.db.QueryRowContext(ctx, `SELECT c.slug, e.slug FROM entries e JOIN communities c ON c.id = e.community_id WHERE e.id = $1`,
		entryID).Scan(&communitySlug, &entrySlug)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errEntryNotFound
	}
	if err != nil {
		return 0, errs.Wrap(err, "read entry")
	}
	return s.AddComment(ctx, a, communitySlug, entrySlug, body)
}
