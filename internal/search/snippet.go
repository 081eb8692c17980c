package search

import (
	"html/template"
	"strings"
)

// The engines mark matches in snippets with these private-use characters,
// which cannot carry markup; snippetHTML escapes the text and only then turns
// them into <mark> elements. Indexed text has them removed (see clean).
const (
	markStart = "\uE000"
	markEnd   = "\uE001"
	// markGuard follows every < and & in PostgreSQL's copy of the text, so
	// that its parser reads "<script>" as words rather than an HTML tag to
	// drop (and "&amp;" as words rather than an entity); snippetHTML removes it.
	markGuard = "\uE002"
)

var cleaner = strings.NewReplacer(markStart, "", markEnd, "", markGuard, "")

// clean removes the marker characters from text about to be indexed, so that
// nobody can write a highlight into their own text.
func clean(s string) string {
	if !strings.ContainsAny(s, markStart+markEnd+markGuard) {
		return s
	}
	return cleaner.Replace(s)
}

// snippetHTML turns an engine's snippet, marked with markStart and markEnd,
// into safe HTML: the text escaped, the marks balanced <mark> elements.
func snippetHTML(s string) template.HTML {
	if strings.Contains(s, markGuard) {
		s = strings.ReplaceAll(s, markGuard, "")
	}
	var b strings.Builder
	open := false
	for s != "" {
		i := strings.IndexAny(s, markStart+markEnd)
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		switch {
		case strings.HasPrefix(s[i:], markStart) && !open:
			b.WriteString("<mark>")
			open = true
		case strings.HasPrefix(s[i:], markEnd) && open:
			b.WriteString("</mark>")
			open = false
		}
		s = s[i+len(markStart):] // both markers are three bytes in UTF-8
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// marked reports whether an engine's snippet highlights anything.
func marked(s string) bool { return strings.Contains(s, markStart) }
