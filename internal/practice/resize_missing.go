package practice

import (
	"context"
	"strconv"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/imaging"
)

// ResizeMissingProgress makes the resized copy (DisplayWidth wide) of every
// stored image wider than that which has none: those attached before copies
// were made. It runs at start, as RenderMissingProgress does, a few images
// at a time (each decode bounded by imaging.Decode), calling progress with
// the count made so far. An image that cannot be decoded keeps no copy, as
// before, and is tried again at the next start; it reports how many it made.
func ResizeMissingProgress(ctx context.Context, d *db.DB, progress func(done int)) (int, error) {
	done := 0
	for after := int64(0); ; {
		type image struct {
			id          int64
			contentType string
			data        []byte
		}
		rows, err := d.QueryContext(ctx, resizeMissingSQL, after, resizeBatch)
		if err != nil {
			return done, errs.Wrap(err, "find images to resize")
		}
		var batch []image
		for rows.Next() {
			var im image
			if err := rows.Scan(&im.id, &im.contentType, &im.data); err != nil {
				rows.Close()
				return done, errs.Wrap(err, "find images to resize")
			}
			batch = append(batch, im)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return done, errs.Wrap(err, "find images to resize")
		}
		if len(batch) == 0 {
			return done, nil
		}
		for _, im := range batch {
			after = im.id
			format, ok := imaging.Types[im.contentType]
			if !ok {
				continue
			}
			img, _, err := imaging.Decode(ctx, im.data, format, DisplayWidth)
			if err != nil {
				continue // kept without a copy, as it was
			}
			small, err := makeResized(img, format)
			if err != nil || small.data == nil {
				continue
			}
			if _, err := d.ExecContext(ctx, `UPDATE attachments SET resized = $1, resized_type = $2, resized_width = $3, resized_height = $4
				WHERE id = $5 AND resized IS NULL`, small.stored(), small.contentType, small.width, small.height, im.id); err != nil {
				return done, errs.Wrap(err, "store a resized image")
			}
			done++
			if progress != nil {
				progress(done)
			}
		}
	}
}

// resizeBatch is how many stored images are read at once: each may be
// megabytes.
const resizeBatch = 8

// resizeMissingSQL reads the next images without their copy, on the index
// attachments_unresized (migration 0082), whose condition it repeats word for
// word, DisplayWidth written in: a parameter would not let the planners use
// a partial index.
var resizeMissingSQL = `SELECT id, content_type, data FROM attachments
	WHERE resized IS NULL AND width > ` + strconv.Itoa(DisplayWidth) + ` AND id > $1 ORDER BY id LIMIT $2`
