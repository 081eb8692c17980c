package search

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in, fts5, tsquery string
	}{
		{"", "", ""},
		{"   ", "", ""},
		{"sourdough", `"sourdough"`, `'sourdough'`},
		{"sourdough*", `"sourdough"*`, `'sourdough':*`},
		{"sour* dough", `"sour"* "dough"`, `'sour':* & 'dough'`},
		{"so* *", `"so"`, `'so'`},
		{"*bread", `"bread"`, `'bread'`},
		{"Bread AND butter", `"bread" "butter"`, `'bread' & 'butter'`},
		{"the bread", `"bread"`, `'bread'`},
		{"the", `"the"`, `'the'`},
		{"the*", `"the"*`, `'the':*`},
		{`"keep the timebox" now`, `"keep the timebox"`, `('keep' <-> 'the' <-> 'timebox')`},
		{`"unbalanced phrase`, `"unbalanced phrase"`, `('unbalanced' <-> 'phrase')`},
		{`"quoted*"`, `"quoted"`, `'quoted'`},
		{`bread" OR "jam`, `"bread" "jam"`, `'bread' & 'jam'`},
		{`""""`, "", ""},
		{"a:b*c -d (e|f) 'g' \\h", `"b" "c" "d" "e" "f" "g" "h"`, `'b' & 'c' & 'd' & 'e' & 'f' & 'g' & 'h'`},
		{"NEAR(bread jam, 3)", `"near" "bread" "jam" "3"`, `'near' & 'bread' & 'jam' & '3'`},
		{"Café crème brûlée", `"café" "crème" "brûlée"`, `'café' & 'crème' & 'brûlée'`},
		{"🍞🔥", "", ""},
		{"x\x00y\xffz", `"x" "y" "z"`, `'x' & 'y' & 'z'`},
	}
	for _, c := range cases {
		got := parse(c.in)
		if got.fts5() != c.fts5 || got.tsquery() != c.tsquery {
			t.Errorf("parse(%q) = %s / %s, want %s / %s", c.in, got.fts5(), got.tsquery(), c.fts5, c.tsquery)
		}
	}
}

func TestParseLimits(t *testing.T) {
	long := parse(strings.Repeat("word ", 100))
	if n := len(long.words()); n != MaxTerms {
		t.Errorf("%d terms, want %d", n, MaxTerms)
	}
	huge := parse(strings.Repeat("x", 5000))
	if w := huge.words(); len(w) != 1 || len(w[0]) != MaxQueryRunes {
		t.Errorf("a 5,000-letter word became %d words, the first of %d letters", len(w), len(w[0]))
	}
}

func TestSnippetHTML(t *testing.T) {
	cases := map[string]string{
		"plain & <b>": "plain &amp; &lt;b&gt;",
		"a " + markStart + "hit" + markEnd + " b":       "a <mark>hit</mark> b",
		markEnd + "stray" + markStart + "open":          "stray<mark>open</mark>",
		markStart + markStart + "x" + markEnd + markEnd: "<mark>x</mark>",
		"<" + markGuard + "script>":                     "&lt;script&gt;",
		`"quoted" 'single'`:                             "&#34;quoted&#34; &#39;single&#39;",
	}
	for in, want := range cases {
		if got := string(snippetHTML(in)); got != want {
			t.Errorf("snippetHTML(%q) = %q, want %q", in, got, want)
		}
	}
	if clean("a"+markStart+"b"+markEnd+"c"+markGuard) != "abc" {
		t.Error("clean kept a marker")
	}
}
