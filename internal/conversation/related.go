package conversation

import (
	"context"
	"strconv"
	"strings"

	"hearth/internal/community"
	"hearth/internal/errs"
)

// RelatedLimit is how many threads on the same tags a page suggests.
const RelatedLimit = 5

// relatedTags bounds the tags compared, and relatedPerTag the threads read
// for each (the community's most recent on that tag), so that suggesting
// costs the same however much talk there is or popular the tag.
const (
	relatedTags   = 5
	relatedPerTag = 30
)

// OnTags returns the threads of community v that share tags with tags (an
// entry's, say), those sharing most first, then the most recently active:
// one query whatever the size of the community's talk. It returns none to a
// reader who may not read v.
func (s *Service) OnTags(ctx context.Context, v community.View, tags []string) ([]Thread, error) {
	tags = tags[:min(len(tags), relatedTags)]
	if !v.CanRead() || len(tags) == 0 {
		return nil, nil
	}
	// For each tag, the community's newest threads on it (the index
	// thread_tags_community_tag read backwards), counted by how many of the
	// tags they share.
	args := []any{v.ID}
	var walks []string
	for _, t := range tags {
		args = append(args, t)
		walks = append(walks, `SELECT * FROM (SELECT g.thread_id FROM thread_tags g
			WHERE g.community_id = $1 AND g.tag = $`+strconv.Itoa(len(args))+`
			ORDER BY g.thread_id DESC LIMIT `+strconv.Itoa(relatedPerTag)+`) w`+strconv.Itoa(len(args)))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+threadColumns+` FROM (
			SELECT m.thread_id, COUNT(*) AS shared FROM (`+strings.Join(walks, " UNION ALL ")+`) m GROUP BY m.thread_id
		) r JOIN threads t ON t.id = r.thread_id LEFT JOIN people p ON p.id = t.author_id
		ORDER BY r.shared DESC, t.last_activity_at DESC, t.id DESC LIMIT `+strconv.Itoa(RelatedLimit), args...)
	if err != nil {
		return nil, errs.Wrap(err, "read threads on the same tags")
	}
	defer rows.Close()
	var out []Thread
	for rows.Next() {
		var t Thread
		if err := scanThread(rows, &t); err != nil {
			return nil, errs.Wrap(err, "read threads on the same tags")
		}
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), "read threads on the same tags")
}
