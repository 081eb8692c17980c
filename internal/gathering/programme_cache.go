package gathering

import "hearth/internal/lru"

// A programme page's sessions, with their speakers packed in a correlated
// subquery each, were most of what the page cost. A page is read once and
// kept under the gathering's programme version, which every change to what
// the sessions show changes (migration 0064): nothing kept goes stale, on
// this instance or another, as a change makes a new key and the old page
// ages out. What changes at every answer (the counts of places taken and
// waiting, and the reader's own place) is read afresh for each page, packed
// in a column of the statement that reads the gathering (live_column.go).

// programmeKey names a page of a gathering's programme (the sessions after
// session after) at one version.
type programmeKey struct {
	gathering, version, after int64
}

type keptProgramme struct {
	sessions []Session
	next     int64
}

// programmeCacheBudget bounds what the kept pages hold: a page of 25
// sessions with short descriptions is about 20 KB.
const programmeCacheBudget = 8 << 20

type programmeCache struct {
	kept *lru.Cache[programmeKey, keptProgramme]
}

func newProgrammeCache(budget int) *programmeCache {
	return &programmeCache{kept: lru.New[programmeKey, keptProgramme](budget)}
}

// get returns the page kept under k; its sessions are shared, never to be
// changed.
func (c *programmeCache) get(k programmeKey) (keptProgramme, bool) { return c.kept.Get(k) }

// put keeps a copy of sessions (without the reader's places) under k.
func (c *programmeCache) put(k programmeKey, sessions []Session, next int64) {
	kept := make([]Session, len(sessions))
	size := 256
	for i, x := range sessions {
		x.Mine = ""
		kept[i] = x
		size += 256 + len(x.Title) + len(x.Room) + len(x.Track) + len(x.Description) + len(x.HTML)
		for _, sp := range x.Speakers {
			size += 64 + len(sp.Handle) + len(sp.Name) + len(sp.Guest)
		}
	}
	c.kept.Put(k, keptProgramme{sessions: kept, next: next}, size)
}

// withLiveCounts returns a copy of the kept sessions with the counts and
// the reader's places read now (live), and whether live holds the same
// sessions in the same order (false when the programme changed in between:
// the caller reads it in full).
func withLiveCounts(kept []Session, live []live) ([]Session, bool) {
	if len(live) != len(kept) {
		return nil, false
	}
	list := make([]Session, len(kept))
	for i, l := range live {
		if kept[i].ID != l.id {
			return nil, false
		}
		k := kept[i]
		k.Going, k.Waiting, k.Mine = l.going, l.waiting, l.mine
		list[i] = k
	}
	return list, true
}
