package search

import (
	"context"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// postgres keeps the index in a table, search_docs (migration 0004_search),
// with the plain text of each field and a generated tsvector that weights
// title A, tags B, summary C and body D, under a GIN index. It uses the
// 'english' configuration (stemming and English stop words) without unaccent,
// which would need an extension and a custom configuration: accented words
// are found as typed. Ranking is ts_rank_cd (weights D 0.1, C 0.2, B 0.4,
// A 1.0; length normalised), ts_headline marks matches for the page's hits
// only.
type postgres struct{}

// pgHeadline is ts_headline's options: our markers, a passage of a sentence
// or two, two fragments at most.
const pgHeadline = `'StartSel="` + markStart + `", StopSel="` + markEnd + `", MaxWords=32, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'`

// pgTitle marks every match in a title, which is shown whole.
const pgTitle = `'StartSel="` + markStart + `", StopSel="` + markEnd + `", HighlightAll=true'`

// pgHeadlineText bounds how much of a body ts_headline reads (it parses the
// whole text it is given; a match further in still ranks the hit).
const pgHeadlineText = "20000"

func (postgres) put(ctx context.Context, q db.Q, docs []document) error {
	if len(docs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO search_docs (doc_id, kind, entry_id, comment_id, title, tags, summary, body) VALUES ")
	args := make([]any, 0, len(docs)*8)
	for i, doc := range docs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + db.Placeholders(len(args)+1, 8) + ")")
		var comment *int64
		if doc.commentID != 0 {
			comment = &doc.commentID
		}
		args = append(args, doc.id, doc.kind, doc.entryID, comment, pgText(doc.title), pgText(doc.tags), pgText(doc.summary), pgText(doc.body))
	}
	b.WriteString(` ON CONFLICT (doc_id) DO UPDATE SET kind = excluded.kind, entry_id = excluded.entry_id, comment_id = excluded.comment_id,
		title = excluded.title, tags = excluded.tags, summary = excluded.summary, body = excluded.body`)
	_, err := q.ExecContext(ctx, b.String(), args...)
	return errs.Wrap(err, "index documents")
}

// pgGuard removes NUL characters, which PostgreSQL text cannot hold, and
// puts markGuard after every < and &, so that text which looks like HTML is
// indexed and shown as the words it is (PostgreSQL's parser skips tags and
// entities, and ts_headline drops them). It turns "_" into a space, as the
// parser does, because its time grows with the square of a run of
// underscore-joined words (100 KB of "a_a_a…" took 17 s inside the write).
var pgGuard = strings.NewReplacer("\x00", "", "<", "<"+markGuard, "&", "&"+markGuard, "_", " ")

func pgText(s string) string { return pgGuard.Replace(s) }

func (postgres) remove(ctx context.Context, q db.Q, ids []int64) error {
	_, err := q.ExecContext(ctx, "DELETE FROM search_docs WHERE doc_id = ANY($1)", ids)
	return errs.Wrap(err, "unindex documents")
}

func (postgres) clear(ctx context.Context, q db.Q) error {
	_, err := q.ExecContext(ctx, "DELETE FROM search_docs")
	return errs.Wrap(err, "clear index")
}

func (postgres) match(t terms) string { return t.tsquery() }

// search ranks and pages in an inner query, then highlights only the page.
func (postgres) search(ctx context.Context, d *db.DB, where, limit, offset string, args []any) ([]Hit, error) {
	rows, err := d.QueryContext(ctx, `WITH q AS (SELECT to_tsquery('english', $1) AS query),
		page AS (
			SELECT s.doc_id, ts_rank_cd(s.document, q.query, 1) AS rank
			FROM q, search_docs s
			JOIN entries e ON e.id = s.entry_id
			JOIN communities c ON c.id = e.community_id
			LEFT JOIN posts cm ON cm.id = s.comment_id
			WHERE s.document @@ q.query AND `+where+`
			ORDER BY rank DESC, s.doc_id LIMIT `+limit+` OFFSET `+offset+`)
		SELECT s.kind, COALESCE(s.comment_id, 0), c.slug, c.name, e.slug, e.title, e.kind, e.maturity,
			e.updated_at, cm.updated_at, COALESCE(p.name, ''),
			CASE WHEN s.kind = 'entry' THEN ts_headline('english', s.title, q.query, `+pgTitle+`) ELSE '' END,
			CASE WHEN s.kind = 'entry' THEN ts_headline('english', s.summary, q.query, `+pgHeadline+`) ELSE '' END,
			ts_headline('english', left(s.body, `+pgHeadlineText+`), q.query, `+pgHeadline+`)
		FROM page JOIN search_docs s ON s.doc_id = page.doc_id CROSS JOIN q
		JOIN entries e ON e.id = s.entry_id
		JOIN communities c ON c.id = e.community_id
		LEFT JOIN posts cm ON cm.id = s.comment_id
		LEFT JOIN people p ON p.id = cm.author_id
		ORDER BY page.rank DESC, page.doc_id`, args...)
	if err != nil {
		return nil, err
	}
	return scanHits(rows)
}
