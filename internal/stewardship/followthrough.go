package stewardship

import (
	"database/sql"
	"slices"
	"time"
)

// FollowWithin is how soon after a gathering an attendee's contribution
// counts as following it through.
const FollowWithin = 7 * 24 * time.Hour

// followThrough is the gatherings of a period and who came.
type followThrough struct {
	held, attendees, firstTimers, repeat int
	judged, followed                     int // attendees of a gathering at least FollowWithin old; of whom contributed within it
}

// share is the followed among the judged, none when nobody is judged.
func (f followThrough) share() sql.NullFloat64 {
	if f.judged == 0 {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: float64(f.followed) / float64(f.judged), Valid: true}
}

// follow counts the gatherings of (from, to] and their attendees: a
// first-timer attended none before; a repeat attendee attended two or
// more in the period; an attendee of a gathering that started at least
// FollowWithin before to followed it through with a contribution in the
// FollowWithin after its start.
func follow(h history, from, to time.Time) followThrough {
	var f followThrough
	for _, o := range h.occurrences {
		if o.After(from) && !o.After(to) {
			f.held++
		}
	}
	first := map[int64]time.Time{}
	times := map[int64][]time.Time{} // in the period
	for _, a := range h.attendances {
		if _, ok := first[a.person]; !ok {
			first[a.person] = a.at
		}
		if a.at.After(from) && !a.at.After(to) {
			times[a.person] = append(times[a.person], a.at)
		}
	}
	deeds := map[int64][]time.Time{}
	for _, d := range h.deeds {
		deeds[d.person] = append(deeds[d.person], d.at)
	}
	for p, ts := range times {
		f.attendees++
		if first[p].After(from) {
			f.firstTimers++
		}
		if len(ts) > 1 {
			f.repeat++
		}
		judged, followed := false, false
		for _, t := range ts {
			if t.Add(FollowWithin).After(to) {
				continue
			}
			judged = true
			followed = followed || contributedIn(deeds[p], t, t.Add(FollowWithin))
		}
		if judged {
			f.judged++
		}
		if followed {
			f.followed++
		}
	}
	return f
}

// contributedIn reports whether sorted times has one in (from, to].
func contributedIn(times []time.Time, from, to time.Time) bool {
	i, _ := slices.BinarySearchFunc(times, from, func(t, x time.Time) int {
		if t.After(x) {
			return 1
		}
		return -1
	})
	return i < len(times) && !times[i].After(to)
}
