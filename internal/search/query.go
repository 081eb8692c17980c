package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a query may ask: longer text is cut, further words dropped.
const (
	MaxQueryRunes = 200
	MaxTerms      = 12
	minPrefix     = 3 // "bre*" may ask for words that start with "bre"; "br*" is just "br"
)

// terms is a parsed query: groups that must all match. Words hold only
// letters, digits and marks, lower-cased, so they can be quoted safely in
// either engine's query language whatever the person typed.
type terms []term

// term is a word, a word to match as a prefix, or a phrase.
type term struct {
	words  []string // one word, or the words of a phrase in order
	prefix bool     // a single word typed with a * after it
}

// words lists every word of the query.
func (t terms) words() []string {
	var out []string
	for _, p := range t {
		out = append(out, p.words...)
	}
	return out
}

// empty reports whether the query has no word to search for.
func (t terms) empty() bool { return len(t.analyzed()) == 0 }

// parse reads what a person typed. Text in double quotes is a phrase (an
// unbalanced quote runs to the end); a word followed by * matches as a
// prefix. Everything else that is not a letter, digit or mark separates
// words, so operators (AND, OR, NOT, NEAR, -, :, parentheses) are just
// words or nothing. Common English words are dropped unless nothing else
// remains, so that both engines treat them alike (PostgreSQL's english
// configuration ignores them).
func parse(text string) terms {
	if utf8.RuneCountInString(text) > MaxQueryRunes {
		text = string([]rune(text)[:MaxQueryRunes])
	}
	text = strings.ToValidUTF8(text, " ")
	var all terms
	n := 0
	quoted := false
	var phrase []string
	var word strings.Builder
	endWord := func(prefix bool) {
		if word.Len() == 0 {
			return
		}
		w := strings.ToLower(word.String())
		word.Reset()
		if n >= MaxTerms {
			return
		}
		n++
		if quoted {
			phrase = append(phrase, w)
			return
		}
		all = append(all, term{words: []string{w}, prefix: prefix && utf8.RuneCountInString(w) >= minPrefix})
	}
	for _, r := range text {
		switch {
		case isWordRune(r):
			word.WriteRune(r)
		case r == '"' || r == '“' || r == '”':
			endWord(false)
			if quoted && len(phrase) > 0 {
				all = append(all, term{words: phrase})
			}
			phrase, quoted = nil, !quoted
		default:
			endWord(r == '*')
		}
	}
	endWord(false)
	if len(phrase) > 0 {
		all = append(all, term{words: phrase})
	}

	// Drop stop words, unless nothing else would remain.
	var kept terms
	for _, t := range all {
		if len(t.words) == 1 && stopWords[t.words[0]] {
			continue
		}
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		return all
	}
	return kept
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nl, unicode.No)
}

// qterm is a term of a query as the index holds it: one stemmed word, a
// phrase's stemmed words in order, or a folded prefix.
type qterm struct {
	stems  []string
	prefix bool
}

// key names the term, for maps.
func (q qterm) key() string {
	k := strings.Join(q.stems, " ")
	if q.prefix {
		k += "*"
	}
	return k
}

// analyzed runs the query's words through the analyzer: stop words (and
// words too long to index) are dropped, also inside phrases, as they are
// when indexing; a prefix is folded but not stemmed.
func (t terms) analyzed() []qterm {
	var out []qterm
	seen := map[string]bool{}
	for _, p := range t {
		var q qterm
		if p.prefix {
			if w := fold(p.words[0]); len(w) <= maxWordBytes {
				q = qterm{stems: []string{w}, prefix: true}
			}
		} else {
			for _, w := range p.words {
				if s := stem(fold(w)); s != "" {
					q.stems = append(q.stems, s)
				}
			}
		}
		if len(q.stems) == 0 || seen[q.key()] {
			continue
		}
		seen[q.key()] = true
		out = append(out, q)
	}
	return out
}

// stopWords are the common English words PostgreSQL's english configuration
// ignores (the Snowball list).
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
		she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are
		was were be been being have has had having do does did doing a an the and but if or because as until while of at by for
		with about against between into through during before after above below to from up down in out on off over under again
		further then once here there when where why how all any both each few more most other some such no nor not only own same
		so than too very s t can will just don should now`) {
		m[w] = true
	}
	return m
}()
