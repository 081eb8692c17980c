package search

import (
	"html/template"
	"strings"
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
		}
	}
	return m
}

func (m matcher) matches(word string) bool {
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

// mark is the whole text with matching words marked.
func (m matcher) mark(text string) template.HTML {
	h, _ := m.passage(text, 0, -1)
	return h
}

// passage marks the words of text from word index from, n words (-1: to
// the end), with an ellipsis where it cuts; it also says how many it marked.
func (m matcher) passage(text string, from, n int) (template.HTML, int) {
	toks := tokens(text)
	start, end := 0, len(text)
	if from > 0 && from < len(toks) {
		start = toks[from].start
	}
	last := len(toks)
	if n >= 0 && from+n < len(toks) {
		last = from + n
		end = toks[last].start
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	at, marked := start, 0
	for i := max(from, 0); i < last && i < len(toks); i++ {
		t := toks[i]
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

// snippet is a passage of snippetWords words around the first match, or
// the start of text when nothing matches; and whether anything matched.
func (m matcher) snippet(text string) (template.HTML, bool) {
	toks := tokens(text)
	first := -1
	for i, t := range toks {
		if m.matches(t.word) {
			first = i
			break
		}
	}
	from := 0
	if first > snippetWords/4 {
		from = first - snippetWords/4
	}
	h, n := m.passage(text, from, snippetWords)
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
