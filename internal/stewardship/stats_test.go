package stewardship_test

import (
	"math"
	"testing"
	"time"

	"hearth/internal/stewardship"
)

func TestMedianPercentileAndAbsenceByHand(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in          []float64
		median, p90 float64
	}{
		{[]float64{5}, 5, 5},
		{[]float64{60, 5, 30, 10}, 20, 60},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5.5, 9},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 6, 10},
	} {
		m, _ := stewardship.Median(c.in)
		p, _ := stewardship.Percentile(c.in, 90)
		if m != c.median || p != c.p90 {
			t.Errorf("%v: median %v p90 %v, want %v %v", c.in, m, p, c.median, c.p90)
		}
	}
	if _, ok := stewardship.Median(nil); ok {
		t.Error("a median of nothing")
	}
	for _, c := range []struct {
		in   []int
		want int
	}{{nil, 0}, {[]int{0, 0}, 0}, {[]int{10}, 1}, {[]int{4, 3, 1, 2, 2}, 2}, {[]int{1, 1, 1, 1}, 2}, {[]int{1, 1, 1, 1, 1}, 3}, {[]int{5, 5}, 1}} {
		if got := stewardship.AbsenceFactor(c.in); got != c.want {
			t.Errorf("absence of %v = %d, want %d", c.in, got, c.want)
		}
	}
	mon := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, d := range []time.Time{mon, mon.Add(36 * time.Hour), time.Date(2026, 12, 6, 23, 59, 0, 0, time.UTC)} {
		if got := stewardship.WeekStart(d); !got.Equal(mon) {
			t.Errorf("week of %v = %v", d, got)
		}
	}
}

// A bar chart scales every bar to the largest value, leaves out missing
// values and says each bar's value in its title.
func TestBarChartGeometry(t *testing.T) {
	t.Parallel()
	c := stewardship.BarChart("x", "T", "D", []string{"a", "b"}, " h",
		stewardship.Series{Name: "one", Class: "s1", Values: []float64{2, 4}},
		stewardship.Series{Name: "two", Class: "s2", Values: []float64{math.NaN(), 1}})
	if len(c.Bars) != 3 || c.Empty {
		t.Fatalf("bars: %+v", c.Bars)
	}
	tallest, half := c.Bars[1], c.Bars[0]
	if tallest.Y+tallest.H != c.Base || half.H*2 != tallest.H || tallest.Title != "b, one: 4 h" || c.Bars[2].H*4 != tallest.H {
		t.Errorf("geometry: %+v (base %v)", c.Bars, c.Base)
	}
	if empty := stewardship.BarChart("y", "T", "D", []string{"a"}, "", stewardship.Series{Values: []float64{0}}); !empty.Empty {
		t.Error("a chart of zeros is not empty")
	}
}
