package web

import (
	"reflect"
	"testing"
)

func TestLinesDropsListMarkersOnly(t *testing.T) {
	t.Parallel()
	got := lines("- How do we start?\n\n* Why?\n1. First\n2) Second\n3D printing in labs\n  plain  ")
	want := []string{"How do we start?", "Why?", "First", "Second", "3D printing in labs", "plain"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("lines = %q, want %q", got, want)
	}
}

func TestSafeNextStaysOnSite(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "/", "/c/x": "/c/x", "//evil.example": "/", "https://evil.example": "/", "/\\evil": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
