package demo

import (
	"context"
	"io"
	"time"

	"hearth/internal/db"
)

// LoadAt is Load with the demo's dates around now instead of the clock's.
func LoadAt(ctx context.Context, d *db.DB, out io.Writer, now time.Time) error {
	return loadAt(ctx, d, out, nil, now)
}
