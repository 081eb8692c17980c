package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTokenizerAgreesWithDecoding: the tokenizer's table of ASCII word
// characters splits any text, ASCII or not, valid UTF-8 or not, exactly as
// decoding every character and asking isWordRune does.
func TestTokenizerAgreesWithDecoding(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", ",", "_", "-", "'", "\n", "é", "ß", "ı", "ǅ", "٣", "²", "\u0301", "\u00a0", "—", "中", "😀", "\xff", "\xe2\x82", "Crème brûlée", "don't", "x²"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := tokens(text), decodedTokens(text); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
	}
}

// decodedTokens is the tokenizer's definition, one decoded character at a time.
func decodedTokens(text string) []token {
	var out []token
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, token{word: text[start:i], start: start, end: i})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, token{word: text[start:], start: start, end: len(text)})
	}
	return out
}

func BenchmarkTokens(b *testing.B) {
	text := strings.Repeat("We ran a cooking class for new starters, twice a year; the café's crème brûlée was a hit. ", 12)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tokens(text)
	}
}
