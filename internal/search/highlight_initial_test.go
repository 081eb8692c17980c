package search_test

import (
	"testing"

	"hearth/internal/benchdata"
	"hearth/internal/search"
)

// TestStemKeepsFirstLetter checks what the matcher's initials rely on: the
// stem of a folded word starts with the word's first letter, for the
// stemmer's exceptions, every suffix it rewrites and the benchmark's
// vocabulary.
func TestStemKeepsFirstLetter(t *testing.T) {
	words := []string{"skies", "skis", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only",
		"singly", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "outing", "canning", "herring",
		"earring", "proceed", "exceed", "succeed", "generous", "generously", "yelling", "Yesterday", "yy", "y",
		"ying", "ies", "sses", "eedly", "Éclair", "Ökonomie", "ßtraße", "ﬁnance", "Ŀlama", "Ǆungla"}
	for _, root := range []string{"rel", "cond", "val", "hop", "y", "a", "e", "i", "o", "u", "ky", "by", "gener", "commun"} {
		for _, suffix := range []string{"ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli",
			"ousli", "ization", "ation", "ator", "alism", "aliti", "iviti", "biliti", "logi", "fulli", "lessli", "li",
			"ing", "ingly", "edly", "ed", "ies", "ied", "sses", "us", "ss", "s", "eed", "eedly", "ly", "y", "icate",
			"ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
			"ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "e", "l"} {
			words = append(words, root+suffix)
		}
	}
	words = append(words, benchdata.Vocabulary()...)
	for _, w := range words {
		f, s := search.Folded(w)
		if s != "" && f != "" && s[0] != f[0] {
			t.Errorf("stem(%q) = %q: its first letter is not the folded word's %q", w, s, f)
		}
	}
}
