package search

import (
	"slices"
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
