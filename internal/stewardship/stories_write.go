package stewardship

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/links"
)

// TellForm checks that a may tell a story in community slug, for the empty
// form.
func (s *Service) TellForm(ctx context.Context, a auth.Actor, slug string) (community.View, error) {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return v, err
	}
	if !a.SignedIn() {
		return v, errs.New(errs.Unauthenticated, "Sign in to tell a value-creation story.")
	}
	if !mayTell(v) {
		return v, errs.Forbiddenf("Only the community's members may tell a value-creation story here.")
	}
	return v, nil
}

// TellStory records a member's story in community slug and returns its id.
func (s *Service) TellStory(ctx context.Context, a auth.Actor, slug string, in StoryInput) (int64, error) {
	v, err := s.TellForm(ctx, a, slug)
	if err != nil {
		return 0, err
	}
	now := s.now()
	d, err := in.check(v, now)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		things, err := resolveLinks(ctx, tx, v.ID, d.links)
		if err != nil {
			return err
		}
		if id, err = db.InsertID(ctx, tx, `INSERT INTO value_stories (community_id, author_id, title, audience, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)`, v.ID, a.PersonID, d.title, d.audience, now); err != nil {
			return errs.Wrap(err, "record a story")
		}
		if err := saveSteps(ctx, tx, id, d.steps, now); err != nil {
			return err
		}
		return saveLinks(ctx, tx, id, things, a.PersonID, now)
	})
	return id, err
}

// EditForm reads story id for its author's edit form.
func (s *Service) EditForm(ctx context.Context, a auth.Actor, slug string, id int64) (Story, community.View, error) {
	st, v, err := s.Story(ctx, a, slug, id)
	if err != nil {
		return st, v, err
	}
	if !st.CanEdit {
		return st, v, errs.Forbiddenf("Only its author may edit a story.")
	}
	return st, v, nil
}

// EditStory replaces story id's title, audience, steps and links: by its
// author.
func (s *Service) EditStory(ctx context.Context, a auth.Actor, slug string, id int64, in StoryInput) error {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return err
	}
	now := s.now()
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		h, err := s.writable(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !mayEdit(v, h.authorID) {
			return errs.Forbiddenf("Only its author may edit a story.")
		}
		d, err := in.check(v, now)
		if err != nil {
			return err
		}
		things, err := resolveLinks(ctx, tx, v.ID, d.links)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE value_stories SET title = $1, audience = $2, updated_at = $3 WHERE id = $4`,
			d.title, d.audience, now, id); err != nil {
			return errs.Wrap(err, "edit a story")
		}
		if err := saveSteps(ctx, tx, id, d.steps, now); err != nil {
			return err
		}
		return saveLinks(ctx, tx, id, things, a.PersonID, now)
	})
}

// DeleteStory deletes story id with its steps and links: by its author.
func (s *Service) DeleteStory(ctx context.Context, a auth.Actor, slug string, id int64) error {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		h, err := s.writable(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !isAuthor(v, h.authorID) {
			return errs.Forbiddenf("Only its author may delete a story.")
		}
		if err := links.RemoveFrom(ctx, tx, links.Thing{Kind: StoryKind, ID: id}, links.Tells); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM value_stories WHERE id = $1`, id)
		return errs.Wrap(err, "delete a story")
	})
}

// HideStory hides story id from everyone but its author and the stewards,
// or shows it again: by a steward or an administrator.
func (s *Service) HideStory(ctx context.Context, a auth.Actor, slug string, id int64, hide bool) error {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := s.writable(ctx, tx, v, id); err != nil {
			return err
		}
		if !mayHide(v) {
			return errs.Forbiddenf("Only the community's stewards may hide a story.")
		}
		var err error
		if hide {
			_, err = tx.ExecContext(ctx, `UPDATE value_stories SET hidden_at = $1, hidden_by = $2 WHERE id = $3 AND hidden_at IS NULL`, s.now(), a.PersonID, id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE value_stories SET hidden_at = NULL, hidden_by = NULL WHERE id = $1`, id)
		}
		return errs.Wrap(err, "hide a story")
	})
}

// writable locks story id of v for a change; NotFound to those who may not
// read it.
func (s *Service) writable(ctx context.Context, tx *db.Tx, v community.View, id int64) (storyHead, error) {
	h, err := s.readHead(ctx, tx, v.ID, id, true)
	if err != nil {
		return h, err
	}
	if !mayRead(v, h.authorID, h.audience, h.hidden) {
		return h, errs.NotFoundf("There is no such story.")
	}
	return h, nil
}
