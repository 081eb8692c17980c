// Package errs defines the error values every Hearth service returns: an error
// carries a Kind (mapped to an HTTP status in one place by web and api), a
// message that is safe to show a person, optional per-field messages for forms,
// and the wrapped cause, which only the log sees.
package errs

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error for the person who meets it.
type Kind int

// The kinds of error. Internal is the zero value so that an unclassified error
// is never shown to a person as anything but "something went wrong".
const (
	Internal        Kind = iota
	NotFound             // it does not exist, or the actor may not know that it does
	Invalid              // the input is wrong; Fields says where
	Forbidden            // the actor may see it but may not do this
	Conflict             // it clashes with the current state (a taken slug, a stale edit)
	Unauthenticated      // the actor must sign in first
	TooManyRequests      // throttled; try again later
	Unavailable          // too busy right now; try again in a moment
)

func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Invalid:
		return "invalid"
	case Forbidden:
		return "forbidden"
	case Conflict:
		return "conflict"
	case Unauthenticated:
		return "unauthenticated"
	case TooManyRequests:
		return "too many requests"
	case Unavailable:
		return "unavailable"
	}
	return "internal"
}

// Error is Hearth's error value.
type Error struct {
	Kind    Kind
	Message string            // safe to show a person
	Fields  map[string]string // per-field messages for Invalid, keyed by form field name
	Cause   error             // for the log only

	RetryAfter time.Duration // for TooManyRequests and Unavailable: when trying again may work
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Kind.String()
	}
	if e.Cause != nil {
		return msg + ": " + e.Cause.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Cause }

// New returns an error of kind k with a message safe to show.
func New(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an Internal error that keeps cause for the log.
func Wrap(cause error, context string) error {
	if cause == nil {
		return nil
	}
	var e *Error
	if errors.As(cause, &e) {
		return cause
	}
	return &Error{Kind: Internal, Message: "something went wrong", Cause: fmt.Errorf("%s: %w", context, cause)}
}

// KindOf reports the kind of err; errors that are not *Error are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// MessageOf returns the message safe to show for err.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "Something went wrong. Please try again."
}

// RetryAfter returns an error of kind k (TooManyRequests or Unavailable)
// that tells the person when to try again.
func RetryAfter(k Kind, after time.Duration, msg string) error {
	return &Error{Kind: k, Message: msg, RetryAfter: after}
}

// RetryAfterOf returns when err says trying again may work, or 0.
func RetryAfterOf(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// FieldsOf returns the per-field messages of an Invalid error, or nil.
func FieldsOf(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// NotFoundf is shorthand for New(NotFound, ...).
func NotFoundf(format string, args ...any) error { return New(NotFound, format, args...) }

// Forbiddenf is shorthand for New(Forbidden, ...).
func Forbiddenf(format string, args ...any) error { return New(Forbidden, format, args...) }

// Conflictf is shorthand for New(Conflict, ...).
func Conflictf(format string, args ...any) error { return New(Conflict, format, args...) }

// Validation collects per-field problems with a form; its Err is nil while it
// holds none, so services can check every field and report them all at once.
type Validation struct {
	fields map[string]string
}

// Add records msg for field unless the field already has a message.
func (v *Validation) Add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Check records msg for field when ok is false.
func (v *Validation) Check(ok bool, field, msg string) {
	if !ok {
		v.Add(field, msg)
	}
}

// Has reports whether field already has a problem.
func (v *Validation) Has(field string) bool { _, ok := v.fields[field]; return ok }

// Err returns an Invalid error listing the problems, or nil when there are none.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: "Please correct the highlighted fields.", Fields: v.fields}
}

// Field returns an Invalid error for a single field.
func Field(field, msg string) error {
	return &Error{Kind: Invalid, Message: msg, Fields: map[string]string{field: msg}}
}
