package revision

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchTexts returns a text of n words, in paragraphs, and a copy with about
// one word in twenty replaced, deleted or followed by a new one.
func benchTexts(n int) (string, string) {
	rng := rand.New(rand.NewPCG(7, 11))
	vocabulary := strings.Fields(`the a community of practice members share what they learn
		lesson story method resource we tried again when it failed and asked why newcomers
		steward gathering notes reply question answer because before after during each`)
	var old, new strings.Builder
	for i := range n {
		w := vocabulary[rng.IntN(len(vocabulary))]
		sep := " "
		switch {
		case i%60 == 59:
			sep = ".\n\n"
		case i%12 == 11:
			sep = ", "
		}
		old.WriteString(w + sep)
		if rng.IntN(20) != 0 { // 5% of words change
			new.WriteString(w + sep)
			continue
		}
		switch rng.IntN(3) {
		case 0:
			new.WriteString("revised" + sep)
		case 1:
			new.WriteString(sep)
		default:
			new.WriteString(w + " added" + sep)
		}
	}
	return old.String(), new.String()
}

func BenchmarkDiff5000Words(b *testing.B) {
	old, new := benchTexts(5000)
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	for b.Loop() {
		Diff(old, new)
	}
}

func BenchmarkHTML5000Words(b *testing.B) {
	chunks := Diff(benchTexts(5000))
	b.ReportAllocs()
	for b.Loop() {
		HTML(chunks)
	}
}
