package revision

import (
	"unicode"
	"unicode/utf8"
)

// tokenClass sorts runes into the kinds of token a text is cut into.
type tokenClass int8

const (
	classWord      tokenClass = iota // letters, digits and combining marks, in runs
	classIdeograph                   // Han, Hiragana, Katakana: one token per character
	classSpace                       // spaces and tabs, in runs
	classNewline                     // one token per "\n", so paragraph breaks stay visible
	classOther                       // punctuation and symbols, in runs
)

// asciiClass is classOf for ASCII, which most texts mostly are.
var asciiClass = func() (t [utf8.RuneSelf]tokenClass) {
	for r := range t {
		t[r] = classOfRune(rune(r))
	}
	return t
}()

func classOf(r rune) tokenClass {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	return classOfRune(r)
}

func classOfRune(r rune) tokenClass {
	switch {
	case r == '\n':
		return classNewline
	case unicode.IsSpace(r):
		return classSpace
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		// Scripts written without spaces: a "word" would be a whole sentence.
		return classIdeograph
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return classWord
	}
	return classOther
}

// tokenize cuts s into words, runs of spaces, line breaks, and runs of
// punctuation, so that a diff reads at word level: "don't stop." is
// ["don't", " ", "stop", "."]. An apostrophe between two letters belongs to
// its word. The tokens, joined, are s again, byte for byte.
func tokenize(s string) []string {
	if s == "" {
		return nil
	}
	tokens := make([]string, 0, len(s)/3)
	start := 0
	for start < len(s) {
		r, size := utf8.DecodeRuneInString(s[start:])
		class := classOf(r)
		end := start + size
		if class != classNewline && class != classIdeograph {
			for end < len(s) {
				next, n := utf8.DecodeRuneInString(s[end:])
				c := classOf(next)
				if c == class {
					end += n
					continue
				}
				if class == classWord && isApostrophe(next) {
					if after, m := utf8.DecodeRuneInString(s[end+n:]); end+n < len(s) && classOf(after) == classWord {
						end += n + m
						continue
					}
				}
				break
			}
		}
		tokens = append(tokens, s[start:end])
		start = end
	}
	return tokens
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// countWords counts the words in s as tokenize cuts them (each ideograph
// counts as one).
func countWords(s string) int {
	n := 0
	for _, t := range tokenize(s) {
		r, _ := utf8.DecodeRuneInString(t)
		if c := classOf(r); c == classWord || c == classIdeograph {
			n++
		}
	}
	return n
}
