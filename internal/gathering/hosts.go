package gathering

import (
	"context"
	"sort"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// hostIDs resolves the hosts' handles to active members of the community;
// with none named, the person scheduling hosts it.
func (s *Service) hostIDs(ctx context.Context, q db.Q, communityID, self int64, handles []string) ([]int64, error) {
	if len(handles) == 0 {
		return []int64{self}, nil
	}
	args := []any{communityID}
	for _, h := range handles {
		args = append(args, h)
	}
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.handle FROM people p JOIN memberships m ON m.person_id = p.id AND m.community_id = $1
		AND m.status = 'active' WHERE p.disabled_at IS NULL AND p.handle IN (`+db.Placeholders(2, len(handles))+`)`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "find hosts")
	}
	defer rows.Close()
	found := map[string]int64{}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, errs.Wrap(err, "find hosts")
		}
		found[h] = id
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "find hosts")
	}
	var ids []int64
	for _, h := range handles {
		id, ok := found[h]
		if !ok {
			return nil, errs.Field("hosts", "@"+h+" is not a member of this community: hosts are members.")
		}
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, nil
}

// setHosts replaces the gathering's hosts.
func (s *Service) setHosts(ctx context.Context, q db.Q, id int64, hosts []int64) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM gathering_hosts WHERE gathering_id = $1`, id); err != nil {
		return errs.Wrap(err, "set hosts")
	}
	for _, h := range hosts {
		if _, err := q.ExecContext(ctx, `INSERT INTO gathering_hosts (gathering_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, id, h); err != nil {
			return errs.Wrap(err, "set hosts")
		}
	}
	return nil
}

// hostsOf lists the gathering's hosts by name.
func (s *Service) hostsOf(ctx context.Context, q db.Q, id int64) ([]Person, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.handle, p.name FROM gathering_hosts h JOIN people p ON p.id = h.person_id
		WHERE h.gathering_id = $1 ORDER BY p.name, p.id`, id)
	if err != nil {
		return nil, errs.Wrap(err, "read hosts")
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Handle, &p.Name); err != nil {
			return nil, errs.Wrap(err, "read hosts")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "read hosts")
}
