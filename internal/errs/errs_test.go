package errs

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestKindsSurviveWrapping(t *testing.T) {
	base := NotFoundf("no such %s", "thing")
	wrapped := fmt.Errorf("loading: %w", base)
	if KindOf(wrapped) != NotFound || MessageOf(wrapped) != "no such thing" {
		t.Fatalf("kind %v, message %q", KindOf(wrapped), MessageOf(wrapped))
	}
	if KindOf(errors.New("plain")) != Internal {
		t.Fatal("a plain error must be Internal")
	}
	if MessageOf(errors.New("db password is hunter2")) == "db password is hunter2" {
		t.Fatal("an internal error's text must not be shown to people")
	}
}

func TestWrapKeepsTheCauseForTheLogOnly(t *testing.T) {
	cause := errors.New("disk full")
	err := Wrap(cause, "save entry")
	if !errors.Is(err, cause) || KindOf(err) != Internal || MessageOf(err) == cause.Error() {
		t.Fatalf("Wrap = %v (kind %v, message %q)", err, KindOf(err), MessageOf(err))
	}
	if Wrap(nil, "x") != nil {
		t.Fatal("Wrap(nil) must be nil")
	}
	if kept := Wrap(Conflictf("taken"), "x"); KindOf(kept) != Conflict {
		t.Fatal("Wrap must keep a classified error as it is")
	}
}

func TestValidationCollectsFirstMessagePerField(t *testing.T) {
	var v Validation
	if v.Err() != nil {
		t.Fatal("an empty validation is no error")
	}
	v.Check(false, "name", "first")
	v.Check(false, "name", "second")
	v.Check(true, "email", "never")
	v.Add("slug", "taken")
	err := v.Err()
	if !Is(err, Invalid) {
		t.Fatalf("kind = %v", KindOf(err))
	}
	f := FieldsOf(err)
	if len(f) != 2 || f["name"] != "first" || f["slug"] != "taken" || !v.Has("name") || v.Has("email") {
		t.Fatalf("fields = %v", f)
	}
}

func TestRetryAfterSurvivesWrapping(t *testing.T) {
	err := fmt.Errorf("sign in: %w", RetryAfter(TooManyRequests, 42*time.Second, "Slow down."))
	if KindOf(err) != TooManyRequests || RetryAfterOf(err) != 42*time.Second || MessageOf(err) != "Slow down." {
		t.Fatalf("kind %v, retry after %v, message %q", KindOf(err), RetryAfterOf(err), MessageOf(err))
	}
	if RetryAfterOf(NotFoundf("x")) != 0 || RetryAfterOf(errors.New("plain")) != 0 {
		t.Fatal("an error that is not throttled has no retry time")
	}
}
