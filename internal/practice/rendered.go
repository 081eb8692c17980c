package practice

import (
	"context"
	"html/template"
	"unicode/utf8"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/search"
)

// Markdown is rendered when it is saved, before the write transaction opens
// (rendering is the slow part of a save), and stored beside it: pages and
// the feed show the stored HTML, and the search index reads the stored text.

// htmlColumns are an entry's stored HTML and the markup.Version that made
// it, read after entryColumns where a page shows the body (see scanHTML).
const htmlColumns = `, e.body_html, e.render_version`

// storedHTML is a body's rendering as read from its row.
type storedHTML struct {
	HTML    string
	Version int
}

// scanned returns the values Scan fills from htmlColumns.
func (h *storedHTML) scanned() []any { return []any{&h.HTML, &h.Version} }

// html is the HTML of body: as stored, unless an earlier markup.Version (or
// an older Hearth, during an upgrade) wrote the row; then it is rendered now,
// once, until RenderMissing catches up at the next start.
func (s *Service) html(body string, h storedHTML) template.HTML {
	if h.Version < markup.Version {
		return s.md.Render(body)
	}
	return template.HTML(h.HTML) // sanitised when it was rendered
}

// Preview renders Markdown the way a save would, refusing (as a save does)
// a body longer than MaxBody: a preview is no way around the limit.
func (s *Service) Preview(body string) (template.HTML, error) {
	in := Input{Body: body}.normalize()
	if err := checkBody(in.Body); err != nil {
		return "", err
	}
	return s.md.Render(in.Body), nil
}

// bodyTooLong is the body field's error past MaxBody.
const bodyTooLong = "The text is too long: keep it under 100,000 characters, or split it into several entries."

// checkBody refuses a body longer than MaxBody.
func checkBody(body string) error {
	if utf8.RuneCountInString(body) > MaxBody {
		return errs.Field("body", bodyTooLong)
	}
	return nil
}

// renderBatch is how many rows RenderMissing reads, renders and writes at a
// time: a short transaction each, taken after the rendering.
const renderBatch = 100

// RenderMissing renders the Markdown of every entry and comment stored
// without HTML or with HTML of an earlier markup.Version (rows written
// before migration 0006, or by SQL around the services, as the demo and the
// benchmarks do), stores it and re-indexes the row for search. It reads and
// renders a batch at a time outside any transaction, then writes the batch
// in a short one; a row changed meanwhile is left to the save that changed
// it. Run at start-up, after the migrations; it is idempotent, and cheap
// when nothing is missing. It returns how many rows it rendered.
func RenderMissing(ctx context.Context, d *db.DB, md *markup.Renderer) (int, error) {
	return RenderMissingProgress(ctx, d, md, nil)
}

// RenderMissingProgress is RenderMissing telling progress (when not nil):
// the rows rendered so far, after each batch that rendered any.
func RenderMissingProgress(ctx context.Context, d *db.DB, md *markup.Renderer, progress func(rendered int)) (int, error) {
	total := 0
	for _, t := range []struct {
		table string
		index func(context.Context, db.Q, db.Dialect, int64) error
	}{{"entries", search.IndexEntry}, {"posts", search.IndexComment}} {
		for version := range markup.Version {
			for after := int64(0); ; {
				n, last, err := renderMissingBatch(ctx, d, md, t.table, t.index, version, after)
				if err != nil {
					return total, err
				}
				total += n
				if progress != nil && n > 0 {
					progress(total)
				}
				if last == 0 {
					break
				}
				after = last
			}
		}
	}
	return total, nil
}

// renderMissingBatch renders the rows of table rendered by version after id
// after; it returns how many it stored and the last id it read (0 when
// there were none).
func renderMissingBatch(ctx context.Context, d *db.DB, md *markup.Renderer, table string,
	index func(context.Context, db.Q, db.Dialect, int64) error, version int, after int64) (int, int64, error) {
	type row struct {
		id   int64
		body string
		out  markup.Rendered
	}
	rs, err := d.QueryContext(ctx, `SELECT id, body FROM `+table+` WHERE render_version = $1 AND id > $2 ORDER BY id LIMIT $3`,
		version, after, renderBatch)
	if err != nil {
		return 0, 0, errs.Wrap(err, "find "+table+" to render")
	}
	var batch []row
	for rs.Next() {
		var r row
		if err := rs.Scan(&r.id, &r.body); err != nil {
			rs.Close()
			return 0, 0, errs.Wrap(err, "find "+table+" to render")
		}
		batch = append(batch, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil || len(batch) == 0 {
		return 0, 0, errs.Wrap(err, "find "+table+" to render")
	}
	for i := range batch {
		batch[i].out = md.RenderBoth(batch[i].body)
	}
	stored := 0
	err = d.WithTx(ctx, func(tx *db.Tx) error {
		for _, r := range batch {
			res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET body_html = $1, body_text = $2, render_version = $3
				WHERE id = $4 AND render_version = $5 AND body = $6`, string(r.out.HTML), r.out.Text, markup.Version, r.id, version, r.body)
			if err != nil {
				return errs.Wrap(err, "store rendered "+table)
			}
			if n, err := res.RowsAffected(); err != nil {
				return errs.Wrap(err, "store rendered "+table)
			} else if n == 0 {
				continue // saved meanwhile, with its own rendering
			}
			if err := index(ctx, tx, tx.Dialect(), r.id); err != nil {
				return err
			}
			stored++
		}
		return nil
	})
	return stored, batch[len(batch)-1].id, err
}
