package search

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestImpactsOf reads each term's weight from a forward index in one pass:
// a word's, a phrase's (the sum of its words', only when it holds them all),
// a prefix's (its best word's), -1 for a term the document does not hold,
// and a term that is a number is not mistaken for an impact.
func TestImpactsOf(t *testing.T) {
	forward := "bake 1200 bread 800 breadcrumb 2500 2024 300 300 40"
	terms := []qterm{
		{stems: []string{"bread"}},
		{stems: []string{"bake", "bread"}},             // a phrase
		{stems: []string{"bread"}, prefix: true},       // bread*
		{stems: []string{"rye"}},                       // absent
		{stems: []string{"bake", "rye"}},               // a phrase with an absent word
		{stems: []string{"300"}},                       // a number, also an impact above
		{stems: []string{"2024"}},                      // a number
		{stems: []string{"breadcrumbs"}, prefix: true}, // longer than any word
	}
	got := impactsOf(forward, terms, make([]float64, len(terms)))
	want := []float64{0.8, 2.0, 2.5, -1, -1, 0.04, 0.3, -1}
	if !slices.Equal(got, want) {
		t.Errorf("impactsOf = %v, want %v", got, want)
	}
	if got := impactsOf("", terms[:1], make([]float64, 1)); got[0] != -1 {
		t.Errorf("an empty index gives %v", got)
	}
}

// TestImpactInAgreesWithTokens: looking a word up with strings.Index finds
// what reading the index token by token finds, on random indexes whose
// words share prefixes, hold digits, or are numbers that equal impacts.
func TestImpactInAgreesWithTokens(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 2026))
	pieces := []string{"a", "b", "ab", "ba", "1", "12", "é", "bread", "2"}
	word := func() string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 5000 {
		seen := map[string]bool{}
		var words []string
		for range r.IntN(12) {
			if w := word(); !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		slices.Sort(words)
		var b strings.Builder
		for i, w := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w + " " + strconv.Itoa(r.IntN(3000)))
		}
		forward := b.String()
		for range 4 {
			w, prefix := word(), r.IntN(2) == 0
			if got, want := impactIn(forward, w, prefix), impactByToken(forward, w, prefix); got != want {
				t.Fatalf("impactIn(%q, %q, prefix %v) = %d, token by token %d", forward, w, prefix, got, want)
			}
		}
	}
}
