package conversation

import (
	"context"

	"hearth/internal/markup"
	"hearth/internal/posts"
)

// Since returns the thread's replies and answers written after post id
// after (in the posts' order: time, then id), oldest first, a page at most:
// what a thread's open page has not shown yet. It reads the database, so it
// sees posts written through any instance.
func (s *Service) Since(ctx context.Context, t ThreadView, after int64) ([]Post, error) {
	p, err := posts.Read(ctx, s.db, subject(t.ID), At{After: after}, viewer(t))
	if err != nil {
		return nil, err
	}
	for i, c := range p.Posts {
		if c.Body != "" && c.RenderVersion < markup.Version {
			p.Posts[i].HTML = s.md.Render(c.Body) // stored by an older version
		}
	}
	return p.Posts, nil
}
