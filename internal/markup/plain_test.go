package markup_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"hearth/internal/markup"
)

func TestPlain(t *testing.T) {
	r := markup.New()
	for _, tc := range []struct {
		src  string
		max  int
		want string
	}{
		{"# Title\n\nSome **bold** and _em_ text.", 0, "Title Some bold and em text."},
		{"Fish & chips < 5 € \"quoted\"", 0, `Fish & chips < 5 € "quoted"`},
		{"a <b>tag</b> typed as text", 0, "a <b>tag</b> typed as text"},
		{"[link text](https://example.com) and ![alt](/x.png)", 0, "link text and"},
		{"- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |", 0, "one two a b 1 2"},
		{"```\ncode   block\n```", 0, "code block"},
		{"line one\nline two\n\n\n   para", 0, "line one line two para"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"the quick brown fox jumps", 10, "the quick…"},
		{"the quick brown fox jumps", 25, "the quick brown fox jumps"},
		{"the quick brown fox jumps", 24, "the quick brown fox…"},
		{"first, second", 9, "first…"},
		{"supercalifragilistic", 8, "superca…"},
		{"héllo wörld ünïcode", 12, "héllo wörld…"},
		{"anything", 1, "…"},
		{"", 10, ""},
	} {
		got := r.Plain(tc.src, tc.max)
		if got != tc.want {
			t.Errorf("Plain(%q, %d) = %q, want %q", tc.src, tc.max, got, tc.want)
		}
		if tc.max > 0 && utf8.RuneCountInString(got) > tc.max {
			t.Errorf("Plain(%q, %d) = %q: longer than %d runes", tc.src, tc.max, got, tc.max)
		}
	}
}

func TestPlainLongInput(t *testing.T) {
	r := markup.New()
	src := strings.Repeat("word ", 100_000)
	got := r.Plain(src, 200)
	if n := utf8.RuneCountInString(got); n > 200 || n < 190 || !strings.HasSuffix(got, "word…") {
		t.Errorf("Plain of a long text = %q (%d runes)", got, n)
	}
}
