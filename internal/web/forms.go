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
	case errs.Invalid, errs.Conflict, errs.Forbidden, errs.TooManyRequests:
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

// safeNext returns a local path to go to after sign-in, never another site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
