package community

import (
	"context"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// MembersPageSize is how many members a page lists.
const MembersPageSize = 50

func itoa(n int) string { return strconv.Itoa(n) }

// Members lists a community's active members, stewards first, a page at a
// time, and (for its stewards) the pending requests and open invitations.
func (s *Service) Members(ctx context.Context, a auth.Actor, slug string, page int) (View, []Member, bool, error) {
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return View{}, nil, false, err
	}
	if !v.CanSeeMembers() {
		return View{}, nil, false, errNotFound
	}
	if page < 1 {
		page = 1
	}
	statuses := "'active'"
	if v.CanManageMembers() {
		statuses = "'active', 'pending', 'invited'"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.handle, p.name, p.title, COALESCE(d.name, ''), m.role, m.status, m.message, m.created_at
		FROM memberships m JOIN people p ON p.id = m.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE m.community_id = $1 AND m.status IN (`+statuses+`) AND p.disabled_at IS NULL
		ORDER BY CASE m.status WHEN 'pending' THEN 0 WHEN 'invited' THEN 1 ELSE 2 END,
			CASE m.role WHEN 'steward' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, p.name
		LIMIT $2 OFFSET $3`, v.ID, MembersPageSize+1, (page-1)*MembersPageSize)
	if err != nil {
		return View{}, nil, false, errs.Wrap(err, "list members")
	}
	defer rows.Close()
	var list []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.PersonID, &m.Handle, &m.Name, &m.Title, &m.Department, &m.Role, &m.Status, &m.Message, &m.Since); err != nil {
			return View{}, nil, false, errs.Wrap(err, "list members")
		}
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return View{}, nil, false, errs.Wrap(err, "list members")
	}
	more := len(list) > MembersPageSize
	if more {
		list = list[:MembersPageSize]
	}
	return v, list, more, nil
}

// Stewards lists the active stewards of a community the actor may see.
func (s *Service) Stewards(ctx context.Context, v View) ([]Member, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.handle, p.name, p.title, COALESCE(d.name, ''), m.role, m.status, m.created_at
		FROM memberships m JOIN people p ON p.id = m.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE m.community_id = $1 AND m.status = 'active' AND m.role = 'steward' AND p.disabled_at IS NULL ORDER BY p.name LIMIT 20`, v.ID)
	if err != nil {
		return nil, errs.Wrap(err, "list stewards")
	}
	defer rows.Close()
	var list []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.PersonID, &m.Handle, &m.Name, &m.Title, &m.Department, &m.Role, &m.Status, &m.Since); err != nil {
			return nil, errs.Wrap(err, "list stewards")
		}
		list = append(list, m)
	}
	return list, errs.Wrap(rows.Err(), "list stewards")
}
