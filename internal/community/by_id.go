package community

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

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

// ReadableIn runs query, whose one column is community ids (DISTINCT), and
// returns those a may read as decimal strings, ready to join into an SQL IN
// list: two queries however many communities ("Wrote", "Answered").
func (s *Service) ReadableIn(ctx context.Context, a auth.Actor, query string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "list communities")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "list communities")
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "list communities")
	}
	may, err := s.ReadableAmong(ctx, a, ids)
	if err != nil {
		return nil, err
	}
	var readable []string
	for _, id := range ids {
		if may[id] {
			readable = append(readable, strconv.FormatInt(id, 10))
		}
	}
	return readable, nil
}
