package search

import (
	"html/template"
	"strings"
	"unicode/utf8"
)

// Highlighting is done in Go from a hit's stored plain text: each word is
// analysed as when indexing and marked when its term is one the query asked
// for, so the marks agree with the match on both engines. The text is
// escaped and only <mark> is added.

// The private-use characters that earlier versions used as markers; clean
// removes them from indexed text so nobody can plant one.
const (
	markStart = "\uE000"
	markEnd   = "\uE001"
	markGuard = "\uE002"
)

var cleaner = strings.NewReplacer(markStart, "", markEnd, "", markGuard, "")

// clean removes marker characters from text about to be indexed.
func clean(s string) string {
	if !strings.ContainsAny(s, markStart+markEnd+markGuard) {
		return s
	}
	return cleaner.Replace(s)
}

// matcher knows the query's terms and prefixes.
type matcher struct {
	terms    map[string]bool
	prefixes []string
	// initials holds the first byte of every term and prefix. A stem starts
	// with its folded word's first letter (TestStemKeepsFirstLetter), so an
	// ASCII word whose lower-cased first letter is not among them matches
	// nothing, and is passed over without being folded or stemmed: most
	// words of a shown passage are.
	initials [utf8.RuneSelf]bool
}

func newMatcher(t []qterm) matcher {
	m := matcher{terms: map[string]bool{}}
	for _, q := range t {
		for _, s := range q.stems {
			if q.prefix {
				m.prefixes = append(m.prefixes, s)
			} else {
				m.terms[s] = true
			}
			if s != "" && s[0] < utf8.RuneSelf {
				m.initials[s[0]] = true
			}
		}
	}
	return m
}

func (m matcher) matches(word string) bool {
	if c := word[0]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !m.initials[c] {
			return false
		}
	}
	f := fold(word)
	s := stem(f)
	if s == "" {
		return false
	}
	if m.terms[s] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(s, p) || strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// snippetWords is how many words a snippet shows.
const snippetWords = 32

// lead is how many words a snippet shows before its first match.
const lead = snippetWords / 4

// mark is the whole text with matching words marked.
func (m matcher) mark(text string) template.HTML {
	h, _ := m.passage(text, 0, -1)
	return h
}

// passage marks the words of text from byte offset start (the start of a
// word, or 0), n words (-1: to the end), with an ellipsis where it cuts; it
// also says how many it marked. It reads the text only as far as it shows.
func (m matcher) passage(text string, start, n int) (template.HTML, int) {
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	at, end, marked := start, len(text), 0
	z := tokenizer{text: text, at: start}
	for i := 0; ; i++ {
		t, ok := z.next()
		if !ok {
			break
		}
		if i == n {
			end = t.start
			break
		}
		if !m.matches(t.word) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:t.start]))
		b.WriteString("<mark>" + template.HTMLEscapeString(t.word) + "</mark>")
		at, marked = t.end, marked+1
	}
	b.WriteString(template.HTMLEscapeString(strings.TrimRight(text[at:end], " \n\t")))
	if end < len(text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String()), marked
}

// snippet is a passage of snippetWords words starting lead words before
// the first match, or the start of text when nothing matches; and whether
// anything matched. The words before the match are remembered in a ring,
// so the text is read once, up to the passage's end.
func (m matcher) snippet(text string) (template.HTML, bool) {
	var before [lead]int // the starts of the last lead words read
	start := 0
	z := tokenizer{text: text}
	for i := 0; ; i++ {
		t, ok := z.next()
		if !ok {
			break
		}
		if m.matches(t.word) {
			if i > lead {
				start = before[i%lead] // the word lead words back
			}
			break
		}
		before[i%lead] = t.start
	}
	h, n := m.passage(text, start, snippetWords)
	return h, n > 0
}

// pick chooses what to show of a hit: the body's passage when it holds a
// match, else the summary's, else the summary (or the body) as it starts.
func (m matcher) pick(summary, body string) template.HTML {
	if h, ok := m.snippet(body); ok {
		return h
	}
	if h, ok := m.snippet(summary); ok || summary != "" {
		return h
	}
	h, _ := m.snippet(body)
	return h
}
