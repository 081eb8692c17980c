package community

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/lru"
)

// A reader's communities (Mine) are the people pages' community filter on
// every request, and change rarely. They are kept per reader under the
// directory version, which triggers move on every change to what Mine
// lists or CanSee decides by (migrations 0008 and 0076: every column of a
// community but the time of its last save, its tags, any membership's
// status or role, a member's department). The version is read as a column of the page's own query
// (DirectoryVersionColumn), so a kept list costs no round trip, and a
// change makes a new version, so a kept list is never stale.

// DirectoryVersionColumn is the directory version as a column, for a page's
// own query to read and pass to MineAt.
const DirectoryVersionColumn = `(SELECT version FROM directory_version WHERE id = 1)`

// mineKey names a reader's communities: the whole actor (CanSee decides
// by its flags, and the listings carry it) at a directory version.
type mineKey struct {
	actor   auth.Actor
	version int64
}

// mineBudget bounds the lists kept: some thousands of readers'.
const mineBudget = 4 << 20

func newKeptMine() *lru.Cache[mineKey, []Listing] {
	return lru.New[mineKey, []Listing](mineBudget)
}

// MineAt is Mine as of version, a directory version read (with
// DirectoryVersionColumn) in the same request: kept, or read and kept. The
// list is shared with other requests: not to be changed.
func (s *Service) MineAt(ctx context.Context, a auth.Actor, version int64) ([]Listing, error) {
	if !a.SignedIn() {
		return nil, nil
	}
	k := mineKey{actor: a, version: version}
	if list, ok := s.mine.Get(k); ok {
		return list, nil
	}
	// Read after the version: the list holds every change up to it, and
	// perhaps later ones, whose own versions will miss and read again.
	list, err := s.Mine(ctx, a)
	if err == nil {
		s.mine.Put(k, list, mineSize(list))
	}
	return list, err
}

// mineSize is what list holds, roughly, in bytes.
func mineSize(list []Listing) int {
	n := 128
	for _, l := range list {
		n += 640 + len(l.Slug) + len(l.Name) + len(l.Purpose) + len(l.Scope) + len(l.KeyQuestions) + len(l.WhoShouldJoin)
		for _, t := range l.Tags {
			n += 16 + len(t)
		}
	}
	return n
}
