package web

import (
	"strings"

	"hearth/internal/practice"
)

// followKind gives an untouched body the chosen kind's template: someone who
// opened the form as a lesson and chose "Story" with scripts off (nothing
// changed the text in the browser) gets the story's sections, not the
// lesson's. A body anyone wrote in stays as it is.
func followKind(f Form) {
	info, ok := practice.InfoOf(practice.Kind(f.Get("kind")))
	if !ok {
		return
	}
	body := untouched(f.Get("body"))
	for _, k := range practice.Kinds {
		if k.Kind != info.Kind && k.Template != "" && body == untouched(k.Template) {
			f.Values.Set("body", info.Template)
			return
		}
	}
}

// untouched is text as compared with a template: browsers send CRLF.
func untouched(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
