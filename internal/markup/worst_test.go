package markup_test

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"hearth/internal/markup"
)

// maxGrowth bounds how many bytes of HTML a byte of the corpus becomes: the
// HTML of a page grows with its text, never with its square.
const maxGrowth = 20

// TestWorstRender renders every input of the corpus and logs how long each
// took, slowest first, and the worst: run it with -v to quote the figure.
// Times vary with the machine and are not asserted (a test must not fail on
// a slow machine); what is asserted is that the HTML stays proportionate.
func TestWorstRender(t *testing.T) {
	r := markup.New()
	type timing struct {
		name string
		took time.Duration
		out  int
	}
	var times []timing
	for name, src := range corpus(t) {
		var runs []time.Duration
		var out int
		for range 3 {
			start := time.Now()
			out = len(r.Render(src))
			runs = append(runs, time.Since(start))
		}
		slices.Sort(runs)
		times = append(times, timing{name, runs[1], out}) // the median of three
		if out > maxGrowth*len(src) {
			t.Errorf("%s: %d bytes of Markdown became %d bytes of HTML, more than %d times as many", name, len(src), out, maxGrowth)
		}
	}
	slices.SortFunc(times, func(a, b timing) int { return cmp.Compare(b.took, a.took) })
	for _, tm := range times {
		t.Logf("%-28s %8.1f ms  %8d bytes of HTML", tm.name, ms(tm.took), tm.out)
	}
	t.Logf("worst render time over %d inputs of %d KB: %.1f ms (%s)", len(times), corpusSize/1000, ms(times[0].took), times[0].name)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkPathological renders the whole corpus per iteration and reports
// the slowest single render seen as worst-ms.
func BenchmarkPathological(b *testing.B) {
	r := markup.New()
	inputs := corpus(b)
	var worst time.Duration
	var size int64
	for _, src := range inputs {
		size += int64(len(src))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, src := range inputs {
			start := time.Now()
			_ = r.Render(src)
			worst = max(worst, time.Since(start))
		}
	}
	b.ReportMetric(ms(worst), "worst-ms")
}
