package conversation

import (
	"context"
	"html/template"
	"strings"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/errs"
	"hearth/internal/posts"
	"hearth/internal/revision"
)

// maxQuoted bounds the text a quote takes from a reply, in characters.
const maxQuoted = 2_000

// Quote returns the start of a reply quoting post id of thread t (or a
// passage of it, when passage is part of its text): an attribution that
// mentions its author and links to it, then the passage as a Markdown
// blockquote. A reply the reader may not see is NotFound.
func (s *Service) Quote(ctx context.Context, t ThreadView, id int64, passage string) (string, error) {
	p, err := posts.Find(ctx, s.db, subject(t.ID), id)
	if err != nil {
		return "", err
	}
	var handle string
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(a.handle, '') FROM posts p LEFT JOIN people a ON a.id = p.author_id WHERE p.id = $1`,
		p.ID).Scan(&handle); err != nil {
		return "", errs.Wrap(err, "read author")
	}
	mine := t.Community.Actor.SignedIn() && p.AuthorID == t.Community.Actor.PersonID
	if p.Hidden && !mine && !t.CanModerate() {
		return "", errs.NotFoundf("There is no such reply.")
	}
	text := cleanBody(p.Body)
	if passage = cleanBody(passage); passage != "" && strings.Contains(text, passage) {
		text = passage
	}
	return QuoteMarkdown(handle, PostURL(t.Community.Slug, t.ID, p.ID), text), nil
}

// QuoteMarkdown is text quoted as Markdown: "@handle [wrote](url):" (or
// "[Someone wrote]" for a former member), then text as a blockquote, cut
// to maxQuoted characters.
func QuoteMarkdown(handle, url, text string) string {
	if utf8.RuneCountInString(text) > maxQuoted {
		text = string([]rune(text)[:maxQuoted]) + "…"
	}
	var b strings.Builder
	if handle != "" {
		b.WriteString("@" + handle + " [wrote](" + url + "):\n")
	} else {
		b.WriteString("[Someone wrote](" + url + "):\n")
	}
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimRight("> "+line, " ") + "\n")
	}
	return b.String() + "\n"
}

// mentionsOutsideQuotes lists the people body mentions, leaving out those
// in its blockquotes: quoting a reply does not mention again whom it
// mentioned (the quote's attribution, outside, does tell its author).
func (s *Service) mentionsOutsideQuotes(body string) []string {
	var kept []string
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(strings.TrimLeft(line, " "), ">") {
			kept = append(kept, line)
		}
	}
	return s.md.Mentions(strings.Join(kept, "\n"))
}

// Version is one revision of a reply, rendered, with what changed from
// the version before it (word by word).
type Version struct {
	revision.Revision
	HTML    template.HTML
	Changes template.HTML // empty for the first
}

// PostHistory returns a reply of a thread and the revisions of its text,
// newest first (none when it was never edited), for whoever may read it.
func (s *Service) PostHistory(ctx context.Context, a auth.Actor, communitySlug string, threadID, id int64) (ThreadView, Post, []Version, error) {
	t, err := s.Get(ctx, a, communitySlug, threadID)
	if err != nil {
		return t, Post{}, nil, err
	}
	p, err := posts.Find(ctx, s.db, subject(t.ID), id)
	if err != nil {
		return t, p, nil, err
	}
	p.Mine = a.SignedIn() && p.AuthorID == a.PersonID
	if p.Hidden && !p.Mine && !t.CanModerate() {
		return t, Post{}, nil, errs.NotFoundf("There is no such reply.")
	}
	revs, err := posts.Versions(ctx, s.db, p.ID)
	if err != nil {
		return t, p, nil, err
	}
	out := make([]Version, len(revs))
	for i, r := range revs {
		out[i] = Version{Revision: r, HTML: s.md.Render(r.Body)}
		if i+1 < len(revs) {
			out[i].Changes = revision.HTML(revision.Diff(revs[i+1].Body, r.Body))
		}
	}
	return t, p, out, nil
}
