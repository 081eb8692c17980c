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
		{"sourdough", `"sourdough"`, `('sourdough')`},
		{"sourdough*", `"sourdough"*`, `('sourdough':*)`},
		{"sour* dough", `"sour"* "dough"`, `('sour':*) & ('dough')`},
		{"so* *", "", ""}, // "so" is a stop word and too short for a prefix
		{"*bread", `"bread"`, `('bread')`},
		{"Bread AND butter", `"bread" "butter"`, `('bread') & ('butter')`},
		{"the bread", `"bread"`, `('bread')`},
		{"the", "", ""}, // stop words are not indexed
		{"Cooking classes", `"cook" "class"`, `('cook') & ('class')`},
		{`"keep the timebox" now`, `"keep timebox"`, `('keep' <-> 'timebox')`},
		{`"unbalanced phrase`, `"unbalanc phrase"`, `('unbalanc' <-> 'phrase')`},
		{`"quoted*"`, `"quot"`, `('quot')`},
		{`bread" OR "jam`, `"bread" "jam"`, `('bread') & ('jam')`},
		{`""""`, "", ""},
		{"a:b*c -d (e|f) 'g' \\h", `"b" "c" "d" "e" "f" "g" "h"`, `('b') & ('c') & ('d') & ('e') & ('f') & ('g') & ('h')`},
		{"NEAR(bread jam, 3)", `"near" "bread" "jam" "3"`, `('near') & ('bread') & ('jam') & ('3')`},
		{"Café crème brûlée", `"cafe" "creme" "brule"`, `('cafe') & ('creme') & ('brule')`},
		{"bread bread Bread", `"bread"`, `('bread')`},
		{"🍞🔥", "", ""},
		{"x\x00y\xffz", `"x" "y" "z"`, `('x') & ('y') & ('z')`},
	}
	for _, c := range cases {
		got := parse(c.in).analyzed()
		f, p := sqlite{}.match(got), postgres{}.match(got)
		if f != c.fts5 || p != c.tsquery {
			t.Errorf("parse(%q) = %s / %s, want %s / %s", c.in, f, p, c.fts5, c.tsquery)
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

func TestHighlight(t *testing.T) {
	m := newMatcher(parse(`cooking "keep timebox" facil*`).analyzed())
	cases := map[string]string{
		"plain & <b>":                      "plain &amp; &lt;b&gt;",
		"We cook; the Cooks kept cooking.": "We <mark>cook</mark>; the <mark>Cooks</mark> kept <mark>cooking</mark>.",
		"Keep the TIMEBOX, facilitators!":  "<mark>Keep</mark> the <mark>TIMEBOX</mark>, <mark>facilitators</mark>!",
		`<script>cook</script> "q" 'x'`:    "&lt;script&gt;<mark>cook</mark>&lt;/script&gt; &#34;q&#34; &#39;x&#39;",
		"Cuisine: cooking à la française":  "Cuisine: <mark>cooking</mark> à la française",
	}
	for in, want := range cases {
		if got := string(m.mark(in)); got != want {
			t.Errorf("mark(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("filler words here ", 30) + "then we cook " + strings.Repeat("more words ", 30)
	snip, ok := m.snippet(long)
	if !ok || !strings.HasPrefix(string(snip), "… ") || !strings.HasSuffix(string(snip), " …") || !strings.Contains(string(snip), "<mark>cook</mark>") {
		t.Errorf("snippet = %q, %v", snip, ok)
	}
	if clean("a"+markStart+"b"+markEnd+"c"+markGuard) != "abc" {
		t.Error("clean kept a marker")
	}
}

func TestAnalyze(t *testing.T) {
	for in, want := range map[string]string{
		"Cooking classes for the Café":  "cook class cafe",
		"Crème brûlée, ÉCOLE, naïve":    "creme brule ecol naiv",
		"Running retrospectives; 2024!": "run retrospect 2024",
	} {
		if got := termText(in); got != want {
			t.Errorf("termText(%q) = %q, want %q", in, got, want)
		}
	}
}
