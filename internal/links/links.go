// Package links keeps provenance between things: an entry that came from a
// comment (later from a thread, an answer, a gathering's notes). A link is
// (from, to, kind), stored once and shown on both ends: the entry says where
// it came from, the comment says what it became. The capabilities that own
// the two ends say who may see them; links only keeps the pairs.
package links

import (
	"context"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Thing is one end of a link.
type Thing struct {
	Kind string // "entry", "post", "thread", "gathering", "story"
	ID   int64
}

// Link kinds.
const (
	// Became: the from thing was turned into the to thing (a comment
	// promoted into a practice entry).
	Became = "became"
	// Duplicate: the from thread was closed as a duplicate of the to thread.
	Duplicate = "duplicate"
	// Tells: the from value-creation story tells of the to thing (an
	// entry, a thread or a gathering that played a part in it).
	Tells = "tells"
)

// Link is a link as read from one end.
type Link struct {
	From, To  Thing
	Kind      string
	CreatedBy int64
	CreatedAt time.Time
}

// Add records a link through q (the transaction that makes the to thing).
// Adding it again changes nothing.
func Add(ctx context.Context, q db.Q, from, to Thing, kind string, by int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO links (from_kind, from_id, to_kind, to_id, kind, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (from_kind, from_id, to_kind, to_id, kind) DO NOTHING`,
		from.Kind, from.ID, to.Kind, to.ID, kind, nullID(by), at)
	return errs.Wrap(err, "add link")
}

// RemoveFrom removes the links of kind out of a thing (a thread reopened is
// no longer a duplicate).
func RemoveFrom(ctx context.Context, q db.Q, from Thing, kind string) error {
	_, err := q.ExecContext(ctx, `DELETE FROM links WHERE from_kind = $1 AND from_id = $2 AND kind = $3`, from.Kind, from.ID, kind)
	return errs.Wrap(err, "remove link")
}

// From lists the links out of the things of one kind with these ids (a page
// of comments: which of them became something), in one query.
func From(ctx context.Context, q db.Q, kind string, ids []int64) ([]Link, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{kind}
	for _, id := range ids {
		args = append(args, id)
	}
	return list(ctx, q, `WHERE from_kind = $1 AND from_id IN (`+db.Placeholders(2, len(ids))+`)`, args...)
}

// To lists the links into a thing (where an entry came from).
func To(ctx context.Context, q db.Q, t Thing) ([]Link, error) {
	return list(ctx, q, `WHERE to_kind = $1 AND to_id = $2`, t.Kind, t.ID)
}

func list(ctx context.Context, q db.Q, where string, args ...any) ([]Link, error) {
	rows, err := q.QueryContext(ctx, `SELECT from_kind, from_id, to_kind, to_id, kind, COALESCE(created_by, 0), created_at FROM links `+
		where+` ORDER BY created_at, from_id, to_id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read links")
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		if err := rows.Scan(&l.From.Kind, &l.From.ID, &l.To.Kind, &l.To.ID, &l.Kind, &l.CreatedBy, &l.CreatedAt); err != nil {
			return nil, errs.Wrap(err, "read links")
		}
		out = append(out, l)
	}
	return out, errs.Wrap(rows.Err(), "read links")
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
