package conversation

import (
	"context"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/search"
)

// MaxSimilar bounds the suggestions shown before a question is asked.
const MaxSimilar = 5

// Similar is what may already answer a question about to be asked: the
// community's questions and practice entries whose words match its title,
// best first. It goes through search, so a reader is shown only what they
// may read; a title with no usable words finds nothing.
// It returns the community as ForStarting does: members only.
func (s *Service) Similar(ctx context.Context, a auth.Actor, communitySlug, title string) (community.View, []search.Hit, error) {
	v, err := s.ForStarting(ctx, a, communitySlug)
	if err != nil {
		return v, nil, err
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return v, nil, nil
	}
	res, err := search.Search(ctx, s.db, a, search.Query{Text: title, Community: v.Slug})
	if err != nil {
		return v, nil, err
	}
	var out []search.Hit
	for _, h := range res.Hits {
		if (h.Kind == search.KindThread && h.ThreadKind == Question) || h.Kind == search.KindEntry {
			out = append(out, h)
			if len(out) == MaxSimilar {
				break
			}
		}
	}
	return v, out, nil
}
