package revision

import (
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what a chunk of a diff does to the old text.
type Op int8

// The three kinds of chunk.
const (
	Equal  Op = iota // in both texts
	Insert           // only in the new text
	Delete           // only in the old text
)

func (o Op) String() string {
	switch o {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "equal"
}

// Chunk is a run of text that a diff keeps, inserts or deletes.
type Chunk struct {
	Op   Op
	Text string
}

// diffTimeout bounds the time the diff algorithm searches for the smallest
// diff. When it runs out (only for long, very different texts) the result is
// still correct, just coarser: a larger block shown deleted and inserted.
const diffTimeout = time.Second

// Diff compares two texts word by word and returns the chunks that turn old
// into new: the Equal and Delete chunks spell old, the Equal and Insert
// chunks spell new (with line endings normalised to "\n"). Within a change,
// deletions come before insertions; adjacent chunks never share an Op; two
// replacements separated only by spaces read as one ("the cat" -> "a dog").
// Identical texts give one Equal chunk, or none when both are empty.
//
// How: both texts are cut into tokens (see tokenize); each distinct token is
// given a rune of its own, as diffmatchpatch's DiffLinesToChars does for lines,
// so that the library's character diff (Myers' algorithm with its speed-ups)
// runs on one rune per token; the runes are then mapped back to their tokens.
// The runes are the Unicode private-use planes first and then every other
// scalar value (never a surrogate, which would not survive the library's
// string conversions), about 1.1 million distinct tokens; past that (texts of
// many megabytes) the parts of the texts that differ are shown as one deletion
// and one insertion.
func Diff(old, new string) []Chunk {
	return diffTokens(tokenize(normalize(old)), tokenize(normalize(new)), runeCapacity)
}

// diffTokens diffs two token lists, giving at most capacity distinct tokens a
// rune each (tests lower it to reach the fallback).
func diffTokens(a, b []string, capacity int) []Chunk {
	var w chunkWriter
	// Tokens shared at both ends need no runes; trimming them first also
	// keeps the alphabet small for a small edit in a long text.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	w.equal(strings.Join(a[:pre], ""))
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(midA) == 0 || len(midB) == 0 {
		w.change(strings.Join(midA, ""), strings.Join(midB, ""))
	} else if ra, rb, tokens, ok := encode(midA, midB, capacity); ok {
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = diffTimeout
		for _, d := range dmp.DiffMainRunes(ra, rb, false) {
			text := decode(d.Text, tokens)
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				w.equal(text)
			case diffmatchpatch.DiffDelete:
				w.change(text, "")
			case diffmatchpatch.DiffInsert:
				w.change("", text)
			}
		}
	} else {
		w.change(strings.Join(midA, ""), strings.Join(midB, ""))
	}
	w.equal(strings.Join(a[len(a)-suf:], ""))
	return w.chunks()
}

// encode gives every distinct token of a and b a rune and spells both lists
// with them; ok is false when there are more than capacity distinct tokens.
func encode(a, b []string, capacity int) (ra, rb []rune, tokens []string, ok bool) {
	ids := make(map[string]rune, len(a))
	spell := func(list []string) []rune {
		out := make([]rune, len(list))
		for i, t := range list {
			r, seen := ids[t]
			if !seen {
				if len(tokens) >= capacity {
					return nil
				}
				r = runeFor(len(tokens))
				ids[t] = r
				tokens = append(tokens, t)
			}
			out[i] = r
		}
		return out
	}
	if ra = spell(a); ra == nil {
		return nil, nil, nil, false
	}
	if rb = spell(b); rb == nil {
		return nil, nil, nil, false
	}
	return ra, rb, tokens, true
}

// decode spells a run of token runes back as text.
func decode(s string, tokens []string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(tokens[indexOf(r)])
	}
	return b.String()
}

// runeRanges are the runes that stand for tokens, in the order they are
// handed out: the private-use areas (which no text to compare is made of, so
// a rune string is easy to tell apart when debugging), then all the rest of
// Unicode's scalar values. Surrogates are left out: Go turns them into U+FFFD
// when converting to a string, and the library does that conversion.
var runeRanges = [...]struct{ lo, hi rune }{
	{0xE000, 0xF8FF},     // BMP private use
	{0xF0000, 0xFFFFD},   // plane 15 private use
	{0x100000, 0x10FFFD}, // plane 16 private use
	{0x0000, 0xD7FF},     // below the surrogates
	{0xF900, 0xEFFFF},    // the rest of the BMP and planes 1–14
}

// runeCapacity is how many distinct tokens runeRanges can stand for.
var runeCapacity = func() int {
	n := 0
	for _, r := range runeRanges {
		n += int(r.hi-r.lo) + 1
	}
	return n
}()

// runeFor returns the rune for the i-th distinct token (i < runeCapacity).
func runeFor(i int) rune {
	for _, r := range runeRanges {
		size := int(r.hi-r.lo) + 1
		if i < size {
			return r.lo + rune(i)
		}
		i -= size
	}
	panic("revision: token index out of range")
}

// indexOf is the inverse of runeFor.
func indexOf(c rune) int {
	base := 0
	for _, r := range runeRanges {
		if c >= r.lo && c <= r.hi {
			return base + int(c-r.lo)
		}
		base += int(r.hi-r.lo) + 1
	}
	panic("revision: rune outside the token ranges")
}

// normalize turns "\r\n" and lone "\r" into "\n", so that a text saved from a
// browser form (CRLF) and one from the API (LF) compare by their words.
func normalize(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// chunkWriter assembles a diff as a list of segments, each either kept text
// or a change (deleted and inserted text), and tidies it for reading.
type chunkWriter struct {
	segs []segment
}

type segment struct {
	change   bool
	eq       string // kept text, when !change
	del, ins string // when change
}

func (w *chunkWriter) equal(text string) {
	if text == "" {
		return
	}
	if n := len(w.segs); n > 0 && !w.segs[n-1].change {
		w.segs[n-1].eq += text
		return
	}
	w.segs = append(w.segs, segment{eq: text})
}

func (w *chunkWriter) change(del, ins string) {
	if del == "" && ins == "" {
		return
	}
	n := len(w.segs)
	if n > 0 && w.segs[n-1].change {
		w.segs[n-1].del += del
		w.segs[n-1].ins += ins
		return
	}
	w.segs = append(w.segs, segment{change: true, del: del, ins: ins})
}

// chunks returns the tidied diff.
func (w *chunkWriter) chunks() []Chunk {
	w.fold()
	var out []Chunk
	for _, s := range w.segs {
		if !s.change {
			out = append(out, Chunk{Equal, s.eq})
			continue
		}
		if s.del != "" {
			out = append(out, Chunk{Delete, s.del})
		}
		if s.ins != "" {
			out = append(out, Chunk{Insert, s.ins})
		}
	}
	return out
}

// fold makes "the cat" -> "a dog" read as one replacement rather than two
// separated by an unchanged space: when a run of spaces (never a line break)
// is all that separates two replacements, it joins both sides of them.
func (w *chunkWriter) fold() {
	var out []segment
	for _, s := range w.segs {
		n := len(out)
		if isReplacement(s) && n >= 2 && isReplacement(out[n-2]) && isBlank(out[n-1]) {
			space := out[n-1].eq
			out = out[:n-1]
			out[n-2].del += space + s.del
			out[n-2].ins += space + s.ins
			continue
		}
		out = append(out, s)
	}
	w.segs = out
}

func isReplacement(s segment) bool { return s.change && s.del != "" && s.ins != "" }

// isBlank reports whether s is kept text made only of spaces and tabs.
func isBlank(s segment) bool {
	return !s.change && s.eq != "" && strings.Trim(s.eq, " \t\u00a0\u3000") == ""
}
