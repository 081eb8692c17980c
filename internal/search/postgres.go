package search

import (
	"context"
	"strconv"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// postgres keeps everything in search_docs, with a tsvector of the
// analyzer's terms (read by the 'simple' configuration, which only splits
// and lower-cases) weighted title A, tags B, summary C, body D, under a GIN
// index.
type postgres struct{}

// pgGuard removes NUL characters, which PostgreSQL text cannot hold.
var pgGuard = strings.NewReplacer("\x00", "")

func (postgres) put(ctx context.Context, q db.Q, docs []indexed) error {
	if len(docs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO search_docs (doc_id, kind, subject_id, community_id, draft, title, tags, summary, body, terms, tsv) VALUES ")
	args := make([]any, 0, len(docs)*14)
	for i, doc := range docs {
		if i > 0 {
			b.WriteString(", ")
		}
		n := len(args)
		p := func(k int) string { return "$" + strconv.Itoa(n+k) }
		b.WriteString("(" + db.Placeholders(n+1, 10) + ", setweight(to_tsvector('simple', " + p(11) + "), 'A') || setweight(to_tsvector('simple', " +
			p(12) + "), 'B') || setweight(to_tsvector('simple', " + p(13) + "), 'C') || setweight(to_tsvector('simple', " + p(14) + "), 'D'))")
		args = append(args, doc.id, doc.kind.Name, doc.ID, nullID(doc.CommunityID), doc.Draft, pgGuard.Replace(doc.Title), pgGuard.Replace(doc.Tags),
			pgGuard.Replace(doc.Summary), pgGuard.Replace(doc.Body), doc.forward, doc.fields[0], doc.fields[1], doc.fields[2], doc.fields[3])
	}
	_, err := q.ExecContext(ctx, b.String(), args...)
	return err
}

func (postgres) remove(ctx context.Context, q db.Q, ids []int64) error {
	_, err := q.ExecContext(ctx, "DELETE FROM search_docs WHERE doc_id = ANY($1)", ids)
	return errs.Wrap(err, "unindex documents")
}

func (postgres) clear(ctx context.Context, q db.Q) error {
	_, err := q.ExecContext(ctx, "DELETE FROM search_docs")
	return errs.Wrap(err, "clear index")
}

// optimize merges GIN's pending list into the index (every search reads
// that list in full: after a rebuild it held 4 MB, 139 ms a query at
// 400,000 documents) and refreshes the planner's statistics.
func (postgres) optimize(ctx context.Context, q db.Q) error {
	if _, err := q.ExecContext(ctx, "SELECT gin_clean_pending_list('search_docs_tsv'::regclass)"); err != nil {
		return errs.Wrap(err, "optimize index")
	}
	_, err := q.ExecContext(ctx, "ANALYZE search_docs")
	return errs.Wrap(err, "optimize index")
}

// match is text for to_tsquery('simple', …): each term in single quotes
// (terms hold letters and digits only), a phrase's terms joined by <->, a
// prefix marked :*, all joined by &.
func (postgres) match(t []qterm) string {
	var b strings.Builder
	for i, p := range t {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for j, w := range p.stems {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + w + "'")
			if p.prefix {
				b.WriteString(":*")
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// candidates asks a bounded walk (w.scan set: a narrow scope) for no more
// than w.enough documents. GIN gives matches in no order, so for n of them
// PostgreSQL gathers every match of the word in the scope and sorts them
// (for a common word in one community of twenty, 1,900 rows read, 37 ms);
// for as few as the page needs, it walks the scope's index newest first
// and tests each document (a few milliseconds).
func (postgres) candidates(ctx context.Context, d *db.DB, where string, args []any, w walk, forward map[int64]string) ([]int64, bool, error) {
	n := w.n
	if w.scan > 0 {
		n = min(n, max(w.enough, 1))
	}
	// Planned with its values each time: its best plan depends on how common
	// the words are and how narrow the scope (db.QueryPlanned).
	rows, err := d.QueryPlanned(ctx, `SELECT s.doc_id, s.terms FROM search_docs s
		WHERE s.tsv @@ to_tsquery('simple', $1) AND `+where+` ORDER BY s.doc_id DESC LIMIT `+strconv.Itoa(n), args...)
	if err != nil {
		return nil, false, err
	}
	ids, err := scanForward(rows, forward)
	return ids, len(ids) < n, err
}

func (postgres) count(ctx context.Context, d *db.DB, match string, limit int) (int, error) {
	var n int
	err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM search_docs WHERE tsv @@ to_tsquery('simple', $1) LIMIT `+strconv.Itoa(limit)+`) m`, match).Scan(&n)
	return n, err
}
