package stewardship

import (
	"math"
	"slices"
)

// Median is the middle of values (the mean of the two middle ones when
// their number is even); ok is false when there are none.
func Median(values []float64) (float64, bool) {
	n := len(values)
	if n == 0 {
		return 0, false
	}
	s := slices.Sorted(slices.Values(values))
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// Percentile is the nearest-rank percentile p (0 < p ≤ 100) of values: the
// smallest value with at least p% of the values at or below it.
func Percentile(values []float64, p float64) (float64, bool) {
	n := len(values)
	if n == 0 {
		return 0, false
	}
	s := slices.Sorted(slices.Values(values))
	rank := int(math.Ceil(p / 100 * float64(n)))
	return s[max(rank, 1)-1], true
}

// AbsenceFactor is the fewest people who together made at least half of
// the contributions, given each person's count; 0 when there are none.
func AbsenceFactor(counts []int) int {
	total := 0
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(counts))
	slices.Reverse(s)
	sum := 0
	for i, c := range s {
		sum += c
		if 2*sum >= total {
			return i + 1
		}
	}
	return len(s)
}

// sortWeeks orders weeks oldest first.
func sortWeeks(w []Week) {
	slices.SortFunc(w, func(a, b Week) int { return a.Start.Compare(b.Start) })
}
