package practice

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/errs"
	"hearth/internal/posts"
)

// CommentToDelete returns the actor's own comment that DeleteComment would
// remove, for the page that asks to confirm it; the same checks, nothing
// written and no view counted.
func (s *Service) CommentToDelete(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64) (EntryView, Comment, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return EntryView{}, Comment{}, err
	}
	e, err := s.loadEntry(ctx, s.db, v, entrySlug)
	if err != nil {
		return EntryView{}, Comment{}, err
	}
	c, err := posts.Find(ctx, s.db, entrySubject(e.ID), id)
	if err != nil {
		return EntryView{}, Comment{}, err
	}
	if c.AuthorID != a.PersonID || !a.SignedIn() || v.Archived() {
		return EntryView{}, Comment{}, errs.Forbiddenf("Only its author can delete a comment.")
	}
	c.Mine = true
	return EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}, c, nil
}
