package community

import (
	"context"
	"database/sql"
	"errors"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// GetByID is Get for a community known by id (background work, such as
// deciding whom to tell of an activity, knows ids rather than slugs).
func (s *Service) GetByID(ctx context.Context, a auth.Actor, id int64) (View, error) {
	var slug string
	if err := s.db.QueryRowContext(ctx, `SELECT slug FROM communities WHERE id = $1`, id).Scan(&slug); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return View{}, errs.New(errs.NotFound, "There is no such community.")
		}
		return View{}, errs.Wrap(err, "read community")
	}
	return s.Get(ctx, a, slug)
}

// ReadableAmong returns those of the communities ids whose content a may
// read (View.CanRead), in one query whatever their number: pages that list
// things from many communities (a profile's "Wrote") ask once, not once per
// community.
func (s *Service) ReadableAmong(ctx context.Context, a auth.Actor, ids []int64) (map[int64]bool, error) {
	readable := map[int64]bool{}
	if len(ids) == 0 {
		return readable, nil
	}
	args := []any{a.PersonID}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+communityColumns+`, COALESCE(m.role, ''), COALESCE(m.status, '')
		FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.person_id = $1
		WHERE c.id IN (`+db.Placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read communities")
	}
	defer rows.Close()
	for rows.Next() {
		v := View{Actor: a}
		var role, status string
		if err := scanCommunity(rows, &v.Community, &role, &status); err != nil {
			return nil, errs.Wrap(err, "read communities")
		}
		v.Mine = Membership{Role: Role(role), Status: MemberStatus(status)}
		if v.CanRead() {
			readable[v.ID] = true
		}
	}
	return readable, errs.Wrap(rows.Err(), "read communities")
}
