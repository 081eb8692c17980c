package community

import (
	"context"
	"sort"
	"strings"
	"sync"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// The directory is the busiest page, and what it shows changes rarely. So
// each instance keeps a snapshot of the listed communities (with their member
// counts and tags) per filter, and reads it again only when the directory
// version, bumped by database triggers on every change it shows, has moved.
// Each request then costs one tiny read of the version and one of the
// reader's memberships; who may see what is decided per reader by the policy
// (View.CanSee), as everywhere else. The triggers (migration 0008) watch only
// what a directory card and filter show: a community's slug, name, purpose,
// visibility, join policy, stage and status, its tags, its active members,
// their departments and the departments' names. Show more, and widen them.

// snapshotKey is a directory filter without its page.
type snapshotKey struct {
	tag, stage, department string
}

type snapshot struct {
	version int64
	rows    []Listing // every active or archived community matching the filter, in directory order, no actor
}

type snapshots struct {
	mu sync.Mutex
	m  map[snapshotKey]snapshot
}

// maxSnapshots bounds the filters kept; the cache empties itself when full.
const maxSnapshots = 256

func (s *Service) directoryVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, "SELECT version FROM directory_version WHERE id = 1").Scan(&v)
	return v, errs.Wrap(err, "read directory version")
}

// snapshot returns the communities matching key as of version.
func (s *Service) snapshot(ctx context.Context, key snapshotKey, version int64) ([]Listing, error) {
	s.snaps.mu.Lock()
	snap, ok := s.snaps.m[key]
	s.snaps.mu.Unlock()
	if ok && snap.version == version {
		return snap.rows, nil
	}
	where := "c.status IN ('active', 'archived')"
	var args []any
	arg := func(x any) string {
		args = append(args, x)
		return "$" + itoa(len(args))
	}
	// listings joins the actor's membership on $1: person 0 is nobody.
	arg(int64(0))
	if key.tag != "" {
		where += " AND EXISTS (SELECT 1 FROM community_tags ft WHERE ft.community_id = c.id AND ft.tag = " + arg(key.tag) + ")"
	}
	if key.stage != "" {
		where += " AND c.stage = " + arg(key.stage)
	}
	if key.department != "" {
		where += ` AND EXISTS (SELECT 1 FROM memberships dm JOIN people dp ON dp.id = dm.person_id JOIN departments d ON d.id = dp.department_id
			WHERE dm.community_id = c.id AND dm.status = 'active' AND d.slug = ` + arg(key.department) + ")"
	}
	rows, err := s.listings(ctx, auth.Actor{}, where+" ORDER BY c.status, member_count DESC, c.name", args)
	if err != nil {
		return nil, err
	}
	s.snaps.mu.Lock()
	if len(s.snaps.m) >= maxSnapshots {
		s.snaps.m = map[snapshotKey]snapshot{}
	}
	s.snaps.m[key] = snapshot{version: version, rows: rows}
	s.snaps.mu.Unlock()
	return rows, nil
}

// membershipsOf returns the actor's memberships by community id.
func (s *Service) membershipsOf(ctx context.Context, a auth.Actor) (map[int64]Membership, error) {
	out := map[int64]Membership{}
	if !a.SignedIn() {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT community_id, role, status FROM memberships WHERE person_id = $1", a.PersonID)
	if err != nil {
		return nil, errs.Wrap(err, "read memberships")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m Membership
		if err := rows.Scan(&id, &m.Role, &m.Status); err != nil {
			return nil, errs.Wrap(err, "read memberships")
		}
		out[id] = m
	}
	return out, errs.Wrap(rows.Err(), "read memberships")
}

// visibleListings turns snapshot rows into what a may see, as a sees them.
func visibleListings(rows []Listing, a auth.Actor, mine map[int64]Membership) []Listing {
	out := make([]Listing, 0, len(rows))
	for _, r := range rows {
		l := r
		l.Actor, l.Mine = a, mine[r.ID]
		if l.CanSee() {
			out = append(out, l)
		}
	}
	return out
}

// tagCountsOf counts the tags of the listed communities, most used first.
func tagCountsOf(list []Listing) []TagCount {
	counts := map[string]int{}
	for _, l := range list {
		for _, t := range l.Tags {
			counts[t]++
		}
	}
	out := make([]TagCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, TagCount{Tag: t, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Tag < out[j].Tag
	})
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}

// Directory lists the communities a may see, filtered, busiest first.
func (s *Service) Directory(ctx context.Context, a auth.Actor, f Filter) (DirectoryPage, error) {
	if f.Page < 1 {
		f.Page = 1
	}
	version, err := s.directoryVersion(ctx)
	if err != nil {
		return DirectoryPage{}, err
	}
	mine, err := s.membershipsOf(ctx, a)
	if err != nil {
		return DirectoryPage{}, err
	}
	all, err := s.snapshot(ctx, snapshotKey{}, version)
	if err != nil {
		return DirectoryPage{}, err
	}
	visible := visibleListings(all, a, mine)
	page := DirectoryPage{Tags: tagCountsOf(visible)}
	key := snapshotKey{tag: strings.ToLower(strings.TrimSpace(f.Tag)), stage: string(f.Stage), department: f.Department}
	if key != (snapshotKey{}) {
		rows, err := s.snapshot(ctx, key, version)
		if err != nil {
			return DirectoryPage{}, err
		}
		visible = visibleListings(rows, a, mine)
	}
	start := (f.Page - 1) * DirectoryPageSize
	if start < len(visible) {
		end := min(start+DirectoryPageSize, len(visible))
		page.Communities, page.More = visible[start:end], end < len(visible)
	}
	return page, nil
}
