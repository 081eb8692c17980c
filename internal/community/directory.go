package community

import (
	"context"
	"database/sql"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// DirectoryPageSize is how many communities the directory lists per page.
const DirectoryPageSize = 24

// Filter narrows the directory.
type Filter struct {
	Tag        string
	Stage      Stage
	Department string // a department's slug: communities with a member from it
	Page       int    // from 1
}

// Listing is one community in a list, with what a reader needs to choose it.
type Listing struct {
	View
	Departments int  // how many departments its members come from
	Theirs      Role // on a profile: the role there of the person shown (View.Mine is the reader's)
}

// DirectoryPage is one page of the directory with the choices for its filters.
type DirectoryPage struct {
	Communities []Listing
	More        bool // another page follows
	Tags        []TagCount
}

// TagCount is a tag and how many visible communities carry it.
type TagCount struct {
	Tag   string
	Count int
}

// visibleTo is the SQL condition (on communities c) for what actor $1 (person
// id), $2 (signed in) and $3 (administrator) may see in a list. It mirrors
// View.CanSee, which stays the rule for a single community.
const visibleTo = `(c.status IN ('active', 'archived') AND (c.visibility = 'public'
	OR (c.visibility = 'institution' AND $2)
	OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.community_id = c.id AND vm.person_id = $1 AND vm.status IN ('active', 'invited'))
	OR $3))`

// listings runs a list query (condition and order over communities c, whose
// first argument is the actor's person id), tags included, so a list costs
// one query whatever its length.
func (s *Service) listings(ctx context.Context, a auth.Actor, whereOrder string, args []any) ([]Listing, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+communityColumns+`, COALESCE(m.role, ''), COALESCE(m.status, ''),
		`+memberCount+` AS member_count,
		(SELECT COUNT(DISTINCT dp.department_id) FROM memberships dm JOIN people dp ON dp.id = dm.person_id
			WHERE dm.community_id = c.id AND dm.status = 'active') AS departments, `+tagsColumn+`
		FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.person_id = $1
		WHERE `+whereOrder, args...)
	if err != nil {
		return nil, errs.Wrap(err, "list communities")
	}
	defer rows.Close()
	var list []Listing
	for rows.Next() {
		l := Listing{View: View{Actor: a}}
		var role, status string
		var tags sql.NullString
		if err := scanCommunity(rows, &l.Community, &role, &status, &l.MemberCount, &l.Departments, &tags); err != nil {
			return nil, errs.Wrap(err, "list communities")
		}
		l.Mine = Membership{Role: Role(role), Status: MemberStatus(status)}
		l.Tags = splitTags(tags)
		list = append(list, l)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "list communities")
	}
	return list, nil
}

// Mine lists the communities where a is a member, has asked to join or is
// invited, most recently joined first.
func (s *Service) Mine(ctx context.Context, a auth.Actor) ([]Listing, error) {
	if !a.SignedIn() {
		return nil, nil
	}
	list, err := s.listings(ctx, a, `m.person_id = $1 AND c.status IN ('active', 'archived', 'proposed')
		ORDER BY CASE m.status WHEN 'invited' THEN 0 WHEN 'active' THEN 1 ELSE 2 END, c.status, c.name LIMIT 200`,
		[]any{a.PersonID})
	if err != nil {
		return nil, err
	}
	// A request to a community that has since become private leads nowhere.
	visible := list[:0]
	for _, l := range list {
		if l.CanSee() {
			visible = append(visible, l)
		}
	}
	return visible, nil
}

// Public lists the public communities, for the landing page of visitors.
func (s *Service) Public(ctx context.Context, limit int) ([]Listing, error) {
	return s.listings(ctx, auth.Actor{}, visibleTo+" AND c.status = 'active' ORDER BY member_count DESC, c.name LIMIT $4",
		[]any{int64(0), false, false, limit})
}

// Proposals lists communities waiting for approval; administrators only.
func (s *Service) Proposals(ctx context.Context, a auth.Actor) ([]Listing, error) {
	if !a.Admin {
		return nil, errs.Forbiddenf("Only administrators review proposals.")
	}
	return s.listings(ctx, a, "c.status = 'proposed' ORDER BY c.created_at", []any{a.PersonID})
}

// Decide approves or declines a proposed community; administrators only.
func (s *Service) Decide(ctx context.Context, a auth.Actor, slug string, approve bool) error {
	if !a.Admin {
		return errs.Forbiddenf("Only administrators review proposals.")
	}
	status := Declined
	if approve {
		status = Active
	}
	res, err := s.db.ExecContext(ctx, "UPDATE communities SET status = $1, updated_at = $2 WHERE slug = $3 AND status = 'proposed'", status, s.now(), strings.ToLower(slug))
	if err != nil {
		return errs.Wrap(err, "decide proposal")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("There is no such proposal.")
	}
	return nil
}

// MembershipsOf lists the communities where person is an active member that
// the actor may see, for a profile page, each with the person's role there.
func (s *Service) MembershipsOf(ctx context.Context, a auth.Actor, personID int64) ([]Listing, error) {
	list, err := s.listings(ctx, a, visibleTo+` AND EXISTS (SELECT 1 FROM memberships pm WHERE pm.community_id = c.id AND pm.person_id = $4 AND pm.status = 'active')
		ORDER BY c.name LIMIT 100`, []any{a.PersonID, a.SignedIn(), a.Admin, personID})
	if err != nil || len(list) == 0 {
		return list, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT community_id, role FROM memberships WHERE person_id = $1 AND status = 'active'`, personID)
	if err != nil {
		return nil, errs.Wrap(err, "read roles")
	}
	defer rows.Close()
	roles := map[int64]Role{}
	for rows.Next() {
		var id int64
		var role Role
		if err := rows.Scan(&id, &role); err != nil {
			return nil, errs.Wrap(err, "read roles")
		}
		roles[id] = role
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read roles")
	}
	for i := range list {
		list[i].Theirs = roles[list[i].ID]
	}
	return list, nil
}
