package demo

import (
	"context"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// department is one of Northfield's units.
type department struct {
	Slug string
	Name string
}

// departments are the units people belong to; communities cut across them.
var departments = []department{
	{"nursing", "Nursing"},
	{"engineering", "Engineering"},
	{"culinary-arts", "Culinary Arts"},
	{"library", "Library & Learning Services"},
	{"business", "Business Administration"},
	{"information-technology", "Information Technology"},
}

// loadDepartments creates the departments, as old as the instance itself.
func loadDepartments(ctx context.Context, tx *db.Tx, l *loaded) error {
	at := l.ago(740)
	for _, dep := range departments {
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO departments (name, slug, created_at)
			VALUES ($1, $2, $3) RETURNING id`, dep.Name, dep.Slug, at).Scan(&id); err != nil {
			return errs.Wrap(err, "insert department "+dep.Slug)
		}
		l.departments[dep.Slug] = row{ID: id, At: at}
	}
	return nil
}
