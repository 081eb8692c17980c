package stewardship

import (
	"context"
	"time"

	"hearth/internal/db"
	"hearth/internal/people"
)

// Rings is how many members were on each ring, by the participation
// count's one definition (people.LevelsAt).
type Rings map[people.Ring]int

// RingOrder lists the rings from the centre outwards.
var RingOrder = []people.Ring{people.Core, people.Active, people.Occasional, people.Peripheral}

// depth is a ring's distance from the centre (0: core).
func depth(r people.Ring) int {
	for i, x := range RingOrder {
		if x == r {
			return i
		}
	}
	return len(RingOrder) - 1
}

// Flow is the rings at the start of a month and how the members moved
// since the month before.
type Flow struct {
	Month                         time.Time
	Rings                         Rings
	Inward, Held, Outward, Joined int
}

// flowBetween compares the levels at two dates.
func flowBetween(before, after map[int64]people.Ring) Flow {
	f := Flow{Rings: Rings{}}
	for id, r := range after {
		f.Rings[r]++
		was, ok := before[id]
		switch {
		case !ok:
			f.Joined++
		case depth(r) < depth(was):
			f.Inward++
		case depth(r) > depth(was):
			f.Outward++
		default:
			f.Held++
		}
	}
	return f
}

// countRings counts levels by ring.
func countRings(levels map[int64]people.Ring) Rings {
	out := Rings{}
	for _, r := range levels {
		out[r]++
	}
	return out
}

// MonthStart is the first instant (UTC) of t's month.
func MonthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// flows is the rings' flow at the start of each of the last FlowMonths
// months (the current month's start last).
func flows(ctx context.Context, q db.Q, communityID int64, now time.Time) ([]Flow, error) {
	first := MonthStart(now).AddDate(0, -FlowMonths+1, 0)
	before, err := people.LevelsAt(ctx, q, communityID, first.AddDate(0, -1, 0))
	if err != nil {
		return nil, err
	}
	var out []Flow
	for m := first; !m.After(now); m = m.AddDate(0, 1, 0) {
		after, err := people.LevelsAt(ctx, q, communityID, m)
		if err != nil {
			return nil, err
		}
		f := flowBetween(before, after)
		f.Month = m
		out = append(out, f)
		before = after
	}
	return out, nil
}
