package search

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// One analyzer, in Go, turns text into the terms both engines index and
// every query asks for: words split on anything that is not a letter, digit
// or mark, lower-cased, accents folded (NFKD, marks dropped: "Café" is
// "cafe"), English stop words dropped, and each word stemmed by Porter2
// ("cooking" is "cook"). FTS5 (plain unicode61) and PostgreSQL ('simple')
// index its output as it is, so both engines match alike, and highlighting
// in Go marks exactly the words that matched.

// token is a word of a text with where it sits, in bytes.
type token struct {
	word       string // as written
	start, end int
}

// tokens splits text into words.
func tokens(text string) []token {
	var out []token
	for z := (tokenizer{text: text}); ; {
		t, ok := z.next()
		if !ok {
			return out
		}
		out = append(out, t)
	}
}

// tokenizer reads the words of text one at a time from byte offset at, so
// that highlighting reads a long body only as far as its passage.
type tokenizer struct {
	text string
	at   int
}

// next is the next word, or false at the end of the text. Every character
// of a shown hit passes here, most of them ASCII: those are classed by a
// table, and only other characters are decoded.
func (z *tokenizer) next() (token, bool) {
	text, i := z.text, z.at
	for i < len(text) { // separators
		if c := text[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	start := i
	for i < len(text) { // the word
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	z.at = i
	if start == i {
		return token{}, false
	}
	return token{word: text[start:i], start: start, end: i}, true
}

// asciiWord tells which ASCII characters are part of words (isWordRune).
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// fold lower-cases a word and removes its accents.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// maxWordBytes bounds an indexed word: longer runs of letters are not words
// anyone searches for.
const maxWordBytes = 64

// stem is the indexed term of one folded word, or "" for a stop word or a
// word too long to index.
func stem(folded string) string {
	if folded == "" || len(folded) > maxWordBytes || stopWords[folded] {
		return ""
	}
	if s, ok := stems.m.Load(folded); ok {
		return s.(string)
	}
	s := english.Stem(folded, false)
	if stems.n.Add(1) <= maxStems {
		stems.m.Store(folded, s)
	}
	return s
}

// stems remembers the stems of the first maxStems distinct words seen:
// stemming was a fifth of a search's CPU (highlighting stems every word of
// the shown passages), and a community's vocabulary is mostly the same
// words again. The bound keeps odd input from growing it without end.
var stems struct {
	m sync.Map // folded word → stem
	n atomic.Int64
}

const maxStems = 200_000

// analyze returns the terms of text, in order.
func analyze(text string) []string {
	var out []string
	for _, t := range tokens(text) {
		if s := stem(fold(t.word)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// termText is text as the space-separated terms an engine indexes.
func termText(text string) string { return strings.Join(analyze(text), " ") }
