package community

import (
	"context"
	"slices"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// MembersPageSize is how many members a page lists.
const MembersPageSize = 50

func itoa(n int) string { return strconv.Itoa(n) }

// At is a members page's place: the members after (or before) the one with
// this person id in the list's order; neither, the first page.
type At struct{ After, Before int64 }

// Members lists a community's members, a page at a time from at: for its
// stewards the pending requests and open invitations first, then the active
// members, stewards first. more tells whether another page follows in the
// direction read.
func (s *Service) Members(ctx context.Context, a auth.Actor, slug string, at At) (View, []Member, bool, error) {
	v, err := s.Get(ctx, a, slug)
	if err != nil {
		return View{}, nil, false, err
	}
	if !v.CanSeeMembers() {
		return View{}, nil, false, errNotFound
	}
	rows, err := s.db.QueryContext(ctx, MembersQuery(v, at), v.ID, MembersPageSize+1, at.After+at.Before)
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
	if at.Before != 0 { // read upwards from the cursor
		slices.Reverse(list)
	}
	return v, list, more, nil
}

// MembersQuery is the SQL of a members page ($1 the community, $2 the limit,
// $3 the cursor's person id or 0): a walk of the index memberships_list
// (community, list_rank, person) from the cursor. list_rank is computed by
// the database from status and role (migration 0021); ranks 6 to 8 are the
// active members, below them requests and invitations.
func MembersQuery(v View, at At) string {
	lowest := "6"
	if v.CanManageMembers() {
		lowest = "0"
	}
	order, cursor := "ASC", " AND $3 = 0"
	key := "(SELECT k.list_rank, k.person_id FROM memberships k WHERE k.community_id = $1 AND k.person_id = $3)"
	switch {
	case at.After != 0:
		cursor = " AND (m.list_rank, m.person_id) > " + key
	case at.Before != 0:
		order, cursor = "DESC", " AND (m.list_rank, m.person_id) < "+key
	}
	return `SELECT p.id, p.handle, p.name, p.title, COALESCE(d.name, ''), m.role, m.status, m.message, m.created_at
		FROM memberships m JOIN people p ON p.id = m.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE m.community_id = $1 AND m.list_rank BETWEEN ` + lowest + ` AND 8 AND p.disabled_at IS NULL` + cursor + `
		ORDER BY m.list_rank ` + order + `, m.person_id ` + order + ` LIMIT $2`
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
