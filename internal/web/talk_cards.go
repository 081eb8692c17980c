package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
	"strings"

	"hearth/internal/conversation"
)

// threadCard is what the thread-card partial of the talk list shows: the
// same for every reader of the list (what a reader may see is decided by the
// list's query), so each card is rendered once and reused from the fragment
// cache while nothing it shows changes.
type threadCard struct {
	Slug string // the community's
	T    conversation.Thread
}

// threadCardKey hashes everything the thread-card partial shows of t in
// the community slug, to the words of its relative times.
func (c *fragmentCache) threadCardKey(slug string, t conversation.Thread) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("thread-card\x00")
	for _, s := range []string{slug, strconv.FormatInt(t.ID, 10), t.Title, t.Kind, t.AuthorName,
		strconv.FormatInt(t.CreatedAt.UnixNano(), 10), ago(t.CreatedAt), strconv.FormatInt(t.LastActivityAt.UnixNano(), 10), ago(t.LastActivityAt),
		strconv.Itoa(t.Replies), strconv.Itoa(t.Answers), strconv.Itoa(t.Votes), strconv.FormatBool(t.AcceptedPostID != 0),
		strconv.FormatBool(t.Locked), strconv.FormatBool(t.Pinned), strconv.FormatBool(t.Closed)} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, tag := range t.Tags {
		h.WriteString(tag)
		h.WriteByte(1)
	}
	return h.Sum64()
}

// threadCards renders the talk list's cards (with t, the list's templates),
// reusing each card's cached rendering while it has not changed.
func (s *Server) threadCards(t *template.Template, slug string, list []conversation.Thread) (template.HTML, error) {
	var out strings.Builder
	var buf bytes.Buffer
	for _, th := range list {
		h, err := s.fragments.fragment(s.fragments.threadCardKey(slug, th), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "thread-card", threadCard{Slug: slug, T: th})
		})
		if err != nil {
			return "", err
		}
		out.WriteString(string(h))
	}
	return template.HTML(out.String()), nil //nolint:gosec // fragments rendered by html/template
}
