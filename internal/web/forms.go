package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/errs"
)

// Form is what a person typed into a form and what was wrong with it, so a
// page can show each error next to its field and keep every value.
type Form struct {
	Values  url.Values
	Errors  map[string]string
	Message string // a problem with the form as a whole
}

// maxFormBytes bounds every form body.
const maxFormBytes = 256 << 10

// parseForm reads a POSTed form, bounded in size.
func parseForm(w http.ResponseWriter, r *http.Request) Form {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	_ = r.ParseForm() // a malformed or oversized body leaves fields empty: validation then says what is missing
	return Form{Values: r.PostForm}
}

// Get returns the value typed into field.
func (f Form) Get(field string) string { return f.Values.Get(field) }

// Error returns the message for field, or "".
func (f Form) Error(field string) string { return f.Errors[field] }

// Is reports whether field holds value (for radios, selects and checkboxes).
func (f Form) Is(field, value string) bool { return f.Values.Get(field) == value }

// Int64 returns field as a number, or 0.
func (f Form) Int64(field string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(f.Values.Get(field)), 10, 64)
	return n
}

// Failed records err on the form: its field messages, or its message for the
// form as a whole. It reports whether err can be shown on the form at all (a
// person's mistake) rather than needing the error page.
func (f *Form) Failed(err error) bool {
	switch errs.KindOf(err) {
	case errs.Invalid, errs.Conflict, errs.Forbidden, errs.TooManyRequests, errs.Unavailable:
	default:
		return false
	}
	f.Errors = errs.FieldsOf(err)
	if len(f.Errors) == 0 {
		f.Message = errs.MessageOf(err)
	} else if len(f.Errors) > 1 {
		f.Message = errs.MessageOf(err)
	}
	return true
}

// pageNumber reads ?page=, defaulting to 1.
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 10000 {
		return 1
	}
	return n
}

// maxNext bounds the length of a page to return to after sign-in.
const maxNext = 2048

// safeNext returns next when it is a path on this site to go to after
// sign-in, and "/" otherwise. It removes nothing (browsers strip tabs,
// newlines and other characters from URLs, so "/<TAB>/evil.example" is
// "//evil.example" to them): next must be printable ASCII without spaces or
// "\" (browsers read it as "/", and http.Redirect cleans "/./\x" to "/\x"),
// start with one "/" not followed by "/" (nor by an encoded "/" or "\"), and
// parse to a path with no scheme or host.
func safeNext(next string) string {
	if next == "" || len(next) > maxNext || next[0] != '/' {
		return "/"
	}
	for i := 0; i < len(next); i++ {
		if c := next[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return "/"
		}
	}
	if len(next) > 1 && next[1] == '/' {
		return "/"
	}
	if rest := strings.ToLower(next[1:]); strings.HasPrefix(rest, "%2f") || strings.HasPrefix(rest, "%5c") {
		return "/" // a slash once decoded, by whatever decodes it again
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}
