package web_test

import (
	"context"
	"html"
	"regexp"
	"slices"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/benchdata"
	"hearth/internal/db/dbtest"
)

var (
	nextLink  = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	prevLink  = regexp.MustCompile(`<a href="([^"]+)" rel="prev">`)
	entryLink = regexp.MustCompile(`href="/c/c1/practice/(e\d+)"`)
	entryList = regexp.MustCompile(`(?s)<ul class="entries">.*?<nav class="pager"`)
)

// TestLibraryPagesByKeyset: a library's pages follow each other by keyset
// links (before and after an entry) without overlap, and Previous from the
// second page is the first page again.
func TestLibraryPagesByKeyset(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	if err := benchdata.LoadRows(context.Background(), d, 1000, 0); err != nil {
		t.Fatal(err)
	}
	visitor := apptest.New(t, d).Visitor()
	entries := func(body string) []string { // the list's, not the Start here path's
		list := entryList.FindString(body)
		var out []string
		for _, m := range entryLink.FindAllStringSubmatch(list, -1) {
			if !slices.Contains(out, m[1]) {
				out = append(out, m[1])
			}
		}
		return out
	}
	first := visitor.Get("/c/c1/practice")
	next := nextLink.FindStringSubmatch(first.Body)
	if first.Status != 200 || next == nil || prevLink.MatchString(first.Body) {
		t.Fatalf("first page: status %d, next %v, a previous link %v", first.Status, next, prevLink.MatchString(first.Body))
	}
	second := visitor.Get(html.UnescapeString(next[1]))
	prev := prevLink.FindStringSubmatch(second.Body)
	if second.Status != 200 || prev == nil {
		t.Fatalf("second page (%s): status %d, no previous link", next[1], second.Status)
	}
	a, b := entries(first.Body), entries(second.Body)
	for _, e := range b {
		if slices.Contains(a, e) {
			t.Errorf("%s is on both pages", e)
		}
	}
	if len(a) != 20 || len(b) == 0 {
		t.Errorf("the pages list %d and %d entries", len(a), len(b))
	}
	back := visitor.Get(html.UnescapeString(prev[1]))
	if got := entries(back.Body); back.Status != 200 || !slices.Equal(got, a) {
		t.Errorf("previous from the second page (%s) lists %v, the first page %v", prev[1], got, a)
	}
}
