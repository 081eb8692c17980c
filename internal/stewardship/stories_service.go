package stewardship

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/links"
)

// StoriesPage is a community's value-creation stories as one reader sees
// them, and for its stewards the overview of where the stories stand.
type StoriesPage struct {
	C         community.View
	Stories   []Story // the most recent the reader may read, newest first
	CanTell   bool
	Audiences []string  // the audiences a story here may choose
	Overview  *Overview // to stewards and administrators only
}

// valueView is community slug as a reader of its stories sees it; NotFound
// to those who may not read its content.
func (s *Service) valueView(ctx context.Context, a auth.Actor, slug string) (community.View, error) {
	v, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return v, err
	}
	if !v.CanRead() {
		return v, errs.NotFoundf("There is no such page.")
	}
	return v, nil
}

// Stories reads community slug's stories that a may read, the most recent
// StoriesListed; stewards also get the overview (Overview).
func (s *Service) Stories(ctx context.Context, a auth.Actor, slug string) (StoriesPage, error) {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return StoriesPage{}, err
	}
	p := StoriesPage{C: v, CanTell: mayTell(v), Audiences: AllowedAudiences(v.Visibility)}
	where, args := `s.community_id = $1`, []any{v.ID}
	if !mayHide(v) {
		// Hidden stories and audiences the reader is not part of are out,
		// except the reader's own stories.
		auds := readableAudiences(v)
		in := "NULL"
		if len(auds) > 0 {
			in = db.Placeholders(3, len(auds))
		}
		where += ` AND (s.author_id = $2 OR (s.hidden_at IS NULL AND s.audience IN (` + in + `)))`
		args = append(args, a.PersonID)
		for _, aud := range auds {
			args = append(args, aud)
		}
	}
	p.Stories, err = s.readStories(ctx, v, where+` ORDER BY s.created_at DESC, s.id DESC LIMIT `+strconv.Itoa(StoriesListed), args...)
	if err != nil {
		return p, err
	}
	if mayHide(v) {
		o, err := s.overview(ctx, v)
		if err != nil {
			return p, err
		}
		p.Overview = &o
	}
	return p, nil
}

// readStories reads the stories matching where (on value_stories s), with
// their steps, in two queries.
func (s *Service) readStories(ctx context.Context, v community.View, where string, args ...any) ([]Story, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.community_id, s.author_id, p.handle, p.name, s.title, s.audience, s.hidden_at IS NOT NULL, s.created_at, s.updated_at
		FROM value_stories s JOIN people p ON p.id = s.author_id WHERE `+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read stories")
	}
	defer rows.Close()
	var out []Story
	var ids []int64
	for rows.Next() {
		var st Story
		if err := rows.Scan(&st.ID, &st.CommunityID, &st.AuthorID, &st.AuthorHandle, &st.Author, &st.Title, &st.Audience, &st.Hidden, &st.CreatedAt, &st.UpdatedAt); err != nil {
			return nil, errs.Wrap(err, "read stories")
		}
		st.CanEdit, st.CanHide = mayEdit(v, st.AuthorID), mayHide(v)
		out = append(out, st)
		ids = append(ids, st.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read stories")
	}
	if len(ids) == 0 {
		return out, nil
	}
	steps, err := readSteps(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Steps = steps[out[i].ID]
		out[i].Furthest = furthest(out[i].Steps)
	}
	return out, nil
}

// Story reads story id of community slug with its steps and links;
// NotFound to those who may not read it.
func (s *Service) Story(ctx context.Context, a auth.Actor, slug string, id int64) (Story, community.View, error) {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return Story{}, v, err
	}
	h, err := s.readHead(ctx, s.db, v.ID, id, false)
	if err != nil {
		return Story{}, v, err
	}
	if !mayRead(v, h.authorID, h.audience, h.hidden) {
		return Story{}, v, errs.NotFoundf("There is no such story.")
	}
	list, err := s.readStories(ctx, v, `s.id = $1`, id)
	if err != nil || len(list) == 0 {
		return Story{}, v, errs.Wrap(err, "read a story")
	}
	st := list[0]
	st.Links, err = readLinked(ctx, s.db, v.Slug, id)
	return st, v, err
}

// StoryVisible reports whether a may read story id now (notifications ask).
func (s *Service) StoryVisible(ctx context.Context, a auth.Actor, id int64) (bool, error) {
	var communityID int64
	err := s.db.QueryRowContext(ctx, `SELECT community_id FROM value_stories WHERE id = $1`, id).Scan(&communityID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, "read a story")
	}
	v, err := s.communities.GetByID(ctx, a, communityID)
	if errs.Is(err, errs.NotFound) || (err == nil && !v.CanRead()) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	h, err := s.readHead(ctx, s.db, communityID, id, false)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	return err == nil && mayRead(v, h.authorID, h.audience, h.hidden), err
}

// storiesAboutShown bounds the stories listed on a linked thing's page.
const storiesAboutShown = 10

// StoriesAbout lists the stories that link to the entry, thread or
// gathering (kind, id) of community v and that v's reader may read, the
// most recent first: the other end of a story's links. v is the view the
// page's own service checked.
func (s *Service) StoriesAbout(ctx context.Context, v community.View, kind string, id int64) ([]StoryLine, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title, p.name, s.author_id, s.audience, s.hidden_at IS NOT NULL
		FROM links l JOIN value_stories s ON s.id = l.from_id JOIN people p ON p.id = s.author_id
		WHERE l.to_kind = $1 AND l.to_id = $2 AND l.from_kind = $3 AND l.kind = $4 AND s.community_id = $5
		ORDER BY s.created_at DESC, s.id DESC`, kind, id, StoryKind, links.Tells, v.ID)
	if err != nil {
		return nil, errs.Wrap(err, "read the stories about it")
	}
	defer rows.Close()
	var out []StoryLine
	for rows.Next() {
		var l StoryLine
		var author int64
		var audience string
		var hidden bool
		if err := rows.Scan(&l.ID, &l.Title, &l.Author, &author, &audience, &hidden); err != nil {
			return nil, errs.Wrap(err, "read the stories about it")
		}
		if mayRead(v, author, audience, hidden) && len(out) < storiesAboutShown {
			out = append(out, l)
		}
	}
	return out, errs.Wrap(rows.Err(), "read the stories about it")
}
