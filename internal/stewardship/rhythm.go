package stewardship

import (
	"time"
)

// RhythmCell is what happened in one hour of one weekday of the
// community's zone over a window: contributions, and gatherings starting.
type RhythmCell struct {
	Weekday                   time.Weekday
	Hour                      int
	Contributions, Gatherings int
}

// rhythm counts the contributions and gathering starts of (from, to] by
// weekday and hour in zone; only the cells with either.
func rhythm(h history, from, to time.Time) []RhythmCell {
	type key struct {
		day  time.Weekday
		hour int
	}
	cells := map[key]*RhythmCell{}
	at := func(t time.Time) *RhythmCell {
		local := t.In(h.zone)
		k := key{local.Weekday(), local.Hour()}
		if cells[k] == nil {
			cells[k] = &RhythmCell{Weekday: k.day, Hour: k.hour}
		}
		return cells[k]
	}
	for _, d := range h.deeds {
		if d.at.After(from) && !d.at.After(to) {
			at(d.at).Contributions++
		}
	}
	for _, o := range h.occurrences {
		if o.After(from) && !o.After(to) {
			at(o).Gatherings++
		}
	}
	out := make([]RhythmCell, 0, len(cells))
	for _, c := range cells {
		out = append(out, *c)
	}
	return out
}
