package markup

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Ellipsis ends text that Plain had to shorten.
const Ellipsis = "…"

// Plain returns the text of the Markdown src, without markup and with runs of
// whitespace collapsed to one space, for summaries, snippets and feeds. When
// the text is longer than max runes it is cut at a word boundary and ends
// with Ellipsis, the whole being at most max runes; max <= 0 means no limit.
// The result is text, not HTML: templates must still escape it.
func (r *Renderer) Plain(src string, max int) string {
	return shorten(r.text(r.render(src)), max)
}

// text is the text of rendered HTML h, whitespace collapsed.
func (r *Renderer) text(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(r.strict.Sanitize(h))), " ")
}

// shorten cuts s to at most max runes, ending with Ellipsis, preferring the
// last space before the limit.
func shorten(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return Ellipsis
	}
	// Byte offset of the rune after the first max-1 runes.
	end, n := 0, 0
	for i := range s {
		if n == max-1 {
			end = i
			break
		}
		n++
	}
	cut := s[:end]
	if s[end] != ' ' { // the limit falls inside a word: drop that word
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	if trimmed := strings.TrimRight(cut, " ,;:.-–—"); trimmed != "" {
		cut = trimmed
	}
	return cut + Ellipsis
}
