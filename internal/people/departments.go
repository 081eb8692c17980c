// Package people holds profiles, departments and (later) expertise and
// mentoring: who is who in the institution, and who knows what.
package people

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/ratelimit"
)

// Service is the way in to people and departments.
type Service struct {
	db          *db.DB
	communities *community.Service    // the policy: which communities a person may see
	talk        *conversation.Service // the questions experts are asked about (SetTalk)
	log         *slog.Logger
	now         func() time.Time
	limits      *ratelimit.Limiter // uploads of avatars per person (SetLimits); nil: none
	kept        *keptLists         // pages of the directory and of the ranking, under their versions
}

// NewService returns the people service over d; communities answers which
// communities a person may see (the filters by community).
func NewService(d *db.DB, communities *community.Service, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{db: d, communities: communities, log: log, now: db.Now, kept: newKeptLists()}
}

// Department is one of the institution's units.
type Department struct {
	ID     int64
	Name   string
	Slug   string
	People int // how many people name it
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(s string) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(s) > 48 {
		s = strings.TrimRight(s[:48], "-")
	}
	return s
}

// Departments lists every department by name, with how many people name it.
func (s *Service) Departments(ctx context.Context) ([]Department, error) {
	return s.departments(ctx, `SELECT d.id, d.name, d.slug,
		(SELECT COUNT(*) FROM people p WHERE p.department_id = d.id AND p.disabled_at IS NULL)
		FROM departments d ORDER BY d.name`)
}

// departmentNamesAt lists every department by name, without counting its
// people (the filters' choices, on every page of the directory and the
// ranking), as of version v of the people lists: read again only when v
// moves.
func (s *Service) departmentNamesAt(ctx context.Context, v int64) ([]Department, error) {
	return s.kept.departmentNames(v, func() ([]Department, error) {
		return s.departments(ctx, `SELECT id, name, slug, 0 FROM departments ORDER BY name`)
	})
}

// departments runs query, of departments' id, name, slug and people.
func (s *Service) departments(ctx context.Context, query string) ([]Department, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, errs.Wrap(err, "list departments")
	}
	defer rows.Close()
	var out []Department
	for rows.Next() {
		var d Department
		if err := rows.Scan(&d.ID, &d.Name, &d.Slug, &d.People); err != nil {
			return nil, errs.Wrap(err, "list departments")
		}
		out = append(out, d)
	}
	return out, errs.Wrap(rows.Err(), "list departments")
}

func checkDepartmentName(name string) (string, string, error) {
	name = strings.Join(strings.Fields(name), " ")
	slug := slugify(name)
	switch {
	case name == "" || slug == "":
		return "", "", errs.Field("name", "Name the department (letters or digits).")
	case utf8.RuneCountInString(name) > 100:
		return "", "", errs.Field("name", "Keep the name to 100 characters.")
	}
	return name, slug, nil
}

func requireAdmin(a auth.Actor) error {
	if !a.Admin {
		return errs.Forbiddenf("Only administrators manage departments.")
	}
	return nil
}

// CreateDepartment adds a department; administrators only.
func (s *Service) CreateDepartment(ctx context.Context, a auth.Actor, name string) (Department, error) {
	if err := requireAdmin(a); err != nil {
		return Department{}, err
	}
	name, slug, err := checkDepartmentName(name)
	if err != nil {
		return Department{}, err
	}
	d := Department{Name: name, Slug: slug}
	d.ID, err = db.InsertID(ctx, s.db.Writer(), "INSERT INTO departments (name, slug, created_at) VALUES ($1, $2, $3)", name, slug, s.now())
	if db.IsUniqueViolation(err) {
		return Department{}, errs.Field("name", "There is a department with this name already.")
	}
	return d, errs.Wrap(err, "create department")
}

// RenameDepartment renames a department; administrators only.
func (s *Service) RenameDepartment(ctx context.Context, a auth.Actor, id int64, name string) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	name, slug, err := checkDepartmentName(name)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, "UPDATE departments SET name = $1, slug = $2 WHERE id = $3", name, slug, id)
	if db.IsUniqueViolation(err) {
		return errs.Field("name", "There is a department with this name already.")
	}
	if err != nil {
		return errs.Wrap(err, "rename department")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("There is no such department.")
	}
	return nil
}

// DeleteDepartment removes a department; its people keep their profiles
// without one. Administrators only.
func (s *Service) DeleteDepartment(ctx context.Context, a auth.Actor, id int64) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, "DELETE FROM departments WHERE id = $1", id)
	if err != nil {
		return errs.Wrap(err, "delete department")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("There is no such department.")
	}
	return nil
}

// SetLimits makes the service apply the rate limits of l (uploads of
// avatars, per person). Without it (as in most tests) there are none; app
// sets the configured ones.
func (s *Service) SetLimits(l *ratelimit.Limiter) { s.limits = l }
