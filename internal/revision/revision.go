// Package revision keeps the history of any edited text (practice entries,
// gathering notes, replies): every save is a numbered revision of a subject,
// and any two revisions can be compared with a readable word-level diff.
//
// It is a shared mechanism: it checks no permissions (the capability that
// calls it does), and it runs inside the caller's transaction, so a revision
// is recorded exactly when the edit it describes is.
package revision

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Subject names the thing whose history is kept, such as {"entry", 42}.
type Subject struct {
	Type string
	ID   int64
}

// Snapshot is a subject as one revision saved it: its text, and every other
// field a person edits, so that a diff shows a change of any of them and a
// revert restores them all.
type Snapshot struct {
	Title, Summary, Body string
	// Fields holds the other edited fields by name (an entry's kind, tags,
	// link, ...), as the capability spells them. It is nil in revisions saved
	// before fields were kept: those have only their text to show and restore.
	Fields map[string]string
}

// Revision is one saved version of a subject. AuthorName and AuthorHandle
// come from people and are empty once the author's account is gone (AuthorID
// is then 0); RevertedFrom is the number of the revision this one restored,
// or 0 when it is an ordinary edit.
type Revision struct {
	Number int
	Snapshot
	Note         string
	AuthorID     int64
	AuthorName   string
	AuthorHandle string
	RevertedFrom int
	CreatedAt    time.Time
}

// IsRevert reports whether the revision restored an earlier one.
func (r Revision) IsRevert() bool { return r.RevertedFrom > 0 }

// Record saves snap as the subject's next revision and returns its number
// (1 for the first). Run it in the transaction that saves the edit: the
// number is the previous highest plus one, and when a concurrent save took
// that number first, the UNIQUE constraint refuses the insert and Record
// returns a Conflict error (the caller's transaction must then roll back).
// authorID 0 records no author; revertedFrom 0 marks an ordinary edit.
func Record(ctx context.Context, q db.Q, s Subject, snap Snapshot, authorID int64, note string, revertedFrom int, at time.Time) (int, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	var last int
	if err := q.QueryRowContext(ctx,
		`SELECT COALESCE(MAX(number), 0) FROM revisions WHERE subject_type = $1 AND subject_id = $2`,
		s.Type, s.ID).Scan(&last); err != nil {
		return 0, errs.Wrap(err, "read last revision number")
	}
	number := last + 1
	if revertedFrom < 0 || revertedFrom >= number {
		return 0, errs.New(errs.Invalid, "There is no revision %d to restore.", revertedFrom)
	}
	fields, err := encodeFields(snap.Fields)
	if err != nil {
		return 0, errs.Wrap(err, "record revision")
	}
	_, err = q.ExecContext(ctx, `INSERT INTO revisions
		(subject_type, subject_id, number, title, summary, body, fields, note, author_id, reverted_from, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		s.Type, s.ID, number, snap.Title, snap.Summary, snap.Body, fields, note,
		nullID(authorID), nullNumber(revertedFrom), at.UTC().Truncate(time.Microsecond))
	if err != nil {
		if db.IsUniqueViolation(err) {
			return 0, &errs.Error{Kind: errs.Conflict,
				Message: "Someone else saved a new version at the same moment. Please review their change and try again.",
				Cause:   err}
		}
		return 0, errs.Wrap(err, "record revision")
	}
	return number, nil
}

// from is the shared tail of every read: a subject's revisions with their
// authors, who may be gone.
const from = ` FROM revisions r LEFT JOIN people p ON p.id = r.author_id
	WHERE r.subject_type = $1 AND r.subject_id = $2`

const (
	fullSelect = `SELECT r.number, r.title, r.summary, r.body, r.fields, r.note, r.author_id,
	COALESCE(p.name, ''), COALESCE(p.handle, ''), r.reverted_from, r.created_at` + from
	// listSelect leaves out summary, body and fields, which lists never show.
	listSelect = `SELECT r.number, r.title, '', '', NULL, r.note, r.author_id,
	COALESCE(p.name, ''), COALESCE(p.handle, ''), r.reverted_from, r.created_at` + from
)

// Latest returns the subject's newest revision, or NotFound when it has none.
func Latest(ctx context.Context, q db.Q, s Subject) (Revision, error) {
	return one(ctx, q, fullSelect+` ORDER BY r.number DESC LIMIT 1`, s.Type, s.ID)
}

// Get returns revision number of the subject, or NotFound.
func Get(ctx context.Context, q db.Q, s Subject, number int) (Revision, error) {
	return one(ctx, q, fullSelect+` AND r.number = $3`, s.Type, s.ID, number)
}

// ListFull returns the subject's newest revisions (limit at most), newest
// first, with their texts: for short texts whose history shows each version
// (a reply's).
func ListFull(ctx context.Context, q db.Q, s Subject, limit int) ([]Revision, error) {
	return many(ctx, q, fullSelect+` ORDER BY r.number DESC LIMIT $3`, s.Type, s.ID, limit)
}

// List returns a page of the subject's revisions, newest first, without
// their summaries and bodies (which can be large): number, title, note,
// author, revert mark and time. limit <= 0 lists them all.
func List(ctx context.Context, q db.Q, s Subject, limit, offset int) ([]Revision, error) {
	query := listSelect + ` ORDER BY r.number DESC`
	args := []any{s.Type, s.ID}
	if limit > 0 {
		query += ` LIMIT $3 OFFSET $4`
		args = append(args, limit, max(offset, 0))
	} else if offset > 0 {
		// SQLite accepts OFFSET only after a LIMIT; a huge limit is the
		// portable spelling of "no limit".
		query += ` LIMIT $3 OFFSET $4`
		args = append(args, int64(1)<<62, offset)
	}
	return many(ctx, q, query, args...)
}

// many reads the revisions query selects.
func many(ctx context.Context, q db.Q, query string, args ...any) ([]Revision, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "list revisions")
	}
	defer rows.Close()
	var list []Revision
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, "list revisions")
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "list revisions")
	}
	return list, nil
}

// Count returns how many revisions the subject has (0 when none).
func Count(ctx context.Context, q db.Q, s Subject) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM revisions WHERE subject_type = $1 AND subject_id = $2`,
		s.Type, s.ID).Scan(&n); err != nil {
		return 0, errs.Wrap(err, "count revisions")
	}
	return n, nil
}

// DeleteAll removes the subject's whole history; the capability that deletes
// a subject calls it in the same transaction (no foreign key can, since one
// table serves subjects of every type).
func DeleteAll(ctx context.Context, q db.Q, s Subject) error {
	if _, err := q.ExecContext(ctx,
		`DELETE FROM revisions WHERE subject_type = $1 AND subject_id = $2`, s.Type, s.ID); err != nil {
		return errs.Wrap(err, "delete revisions")
	}
	return nil
}

func one(ctx context.Context, q db.Q, query string, args ...any) (Revision, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return Revision{}, errs.Wrap(err, "read revision")
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Revision{}, errs.Wrap(err, "read revision")
		}
		return Revision{}, errs.NotFoundf("That version does not exist.")
	}
	r, err := scan(rows)
	if err != nil {
		return Revision{}, errs.Wrap(err, "read revision")
	}
	return r, rows.Close()
}

func scan(rows *sql.Rows) (Revision, error) {
	var r Revision
	var author, reverted sql.NullInt64
	var fields sql.NullString
	if err := rows.Scan(&r.Number, &r.Title, &r.Summary, &r.Body, &fields, &r.Note, &author,
		&r.AuthorName, &r.AuthorHandle, &reverted, &r.CreatedAt); err != nil {
		return Revision{}, err
	}
	if fields.Valid {
		if err := json.Unmarshal([]byte(fields.String), &r.Fields); err != nil {
			return Revision{}, fmt.Errorf("revision %d's fields: %w", r.Number, err)
		}
		if r.Fields == nil {
			r.Fields = map[string]string{} // kept, and empty
		}
	}
	r.AuthorID = author.Int64
	r.RevertedFrom = int(reverted.Int64)
	r.CreatedAt = r.CreatedAt.UTC()
	return r, nil
}

func (s Subject) check() error {
	if s.Type == "" || s.ID <= 0 {
		return errs.Wrap(errors.New("revision subject "+s.String()+" is incomplete"), "record revision")
	}
	return nil
}

// String returns the subject as "type/id", for logs.
func (s Subject) String() string { return s.Type + "/" + strconv.FormatInt(s.ID, 10) }

// encodeFields spells fields as the JSON object the fields column keeps, or
// NULL when the capability keeps none.
func encodeFields(fields map[string]string) (any, error) {
	if fields == nil {
		return nil, nil
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func nullID(id int64) any {
	if id <= 0 {
		return nil
	}
	return id
}

func nullNumber(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}
