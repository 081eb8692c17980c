package markup_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the pathological corpus to testdata/pathological")

// corpusSize is the size of every input of the corpus, in bytes (and
// characters: they are ASCII), the longest body an entry may have.
const corpusSize = 100_000

// corpusDir holds the corpus as files; TestWorstRender and
// BenchmarkPathological read every file there, so that an input found later
// can be added by hand.
const corpusDir = "testdata/pathological"

// pathological are inputs whose render time grew with the square of their
// size (or whose HTML grew far faster than they did) before the limits of
// limits.go, each made exactly n bytes long.
var pathological = []struct {
	name string
	make func(n int) string
}{
	{"quotes", func(n int) string { return fill(">", n) }},
	{"quotes-spaced", func(n int) string { return fill("> ", n) }},
	{"quotes-indented", func(n int) string { return fill(" >", n) }},
	{"quotes-lines", func(n int) string { // line i opens i%300 quotes
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.Repeat(">", i%300) + "a\n")
		}
		return b.String()[:n]
	}},
	{"lists-ordered", func(n int) string { return fill("1. ", n) }},
	{"lists-indented", func(n int) string { // each item one level deeper
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat(" ", 2*i) + "- x\n")
		}
		return b.String()[:n]
	}},
	{"lists-in-quotes", func(n int) string { return fill("> - ", n) }},
	{"quotes-in-lists", func(n int) string { return fill("1. >", n) }},
	{"quotes-after-list", func(n int) string { return fill(">- ", n/2) + "\n" + fill(">", n-n/2-1) }},
	{"emphasis-star-underscore", func(n int) string { return fill("_a", n/2) + fill("a*", n-n/2) }},
	{"emphasis-spaced", func(n int) string { return fill("*a ", n/2) + fill(" a_", n-n/2) }},
	{"emphasis-runs", func(n int) string { return fill("*a **", n) }},
	{"emphasis-strong", func(n int) string { return fill("**a", n/2) + fill("a*", n-n/2) }},
	{"emphasis-paragraphs", func(n int) string { // paragraphs each at the limit of delimiter runs
		p := fill("_a", 1000) + fill("a*", 1000) + "\n\n"
		return fill(p, n)
	}},
	{"strikethrough-run", func(n int) string { return "@" + fill("~", n-1) }},
	{"strikethrough-double-run", func(n int) string { return "`" + fill("~~", n-1) }},
	{"strikethrough-tilde-star", func(n int) string { return fill("~a", n/2) + fill("a*", n-n/2) }},
	{"brackets-open", func(n int) string { return fill("[", n) }},
	{"brackets-labels", func(n int) string { return fill("[a", n/2) + fill("]", n-n/2) }},
	{"brackets-empty-links", func(n int) string { return fill("[](", n-1) + ")" }},
	{"brackets-link-openings", func(n int) string { return fill("[a](", n) }},
	{"brackets-image-openings", func(n int) string { return fill("![a](", n) }},
	{"brackets-angle-destinations", func(n int) string { return fill("[](<", n) }},
	{"brackets-titles", func(n int) string { return fill("[a](b \"\n", n) }},
	{"brackets-title-parens", func(n int) string { return fill("[a](b (\n", n) }},
	{"brackets-emphasis", func(n int) string { return fill("[*", n/2) + fill("*]", n-n/2) }},
	{"brackets-references", func(n int) string { return fill("[a][\n", n) }},
	{"brackets-paragraphs", func(n int) string { // paragraphs each at the limit of failed links
		p := fill("[](", 3*100) + fill("a", 2000) + ")\n\n"
		return fill(p, n)
	}},
	{"lt-run", func(n int) string { return fill("<", n) }},
	{"lt-tags", func(n int) string { return fill("<a ", n) }},
	{"lt-tags-lines", func(n int) string { return fill("<a b='\n", n) }},
	{"lt-closing-lines", func(n int) string { return fill("</a\n", n) }},
	{"lt-autolinks", func(n int) string { return fill("<a@b", n) }},
	{"backticks-escaped", func(n int) string { return fill("\\```", n) }},
	{"backticks-unclosed", func(n int) string { return fill("`a", n/2) + fill("``", n-n/2) }},
	{"autolinks-www", func(n int) string { return fill("www._", n) }},
	{"autolinks-http", func(n int) string { return fill("http://_", n) }},
	{"table-wide", func(n int) string { return fill("|a", n/2-1) + "\n" + fill("|-", n-n/2) }},
	{"table-padded", func(n int) string { return tablePadded(2000, n) }},
	{"table-padded-narrow", func(n int) string { return tablePadded(100, n) }},
	{"table-then-quotes", func(n int) string { h := "|a|b|\n|-|-|\n"; return h + fill(">", n-len(h)) }},
	{"headings", func(n int) string { return fill("#\n", n) }},
	{"headings-emphasis", func(n int) string { return fill("# *a\n", n) }},
	{"setext-headings", func(n int) string { return fill("a\n-\n", n) }},
	{"reference-definitions", func(n int) string { return fill("[a]:\n", n) }},
	{"long-line", func(n int) string { return fill("a", n) }},
	{"long-line-words", func(n int) string { return fill("ab ", n) }},
	{"long-line-punctuation", func(n int) string { return fill("a*b_c[d]e<f>g`h~i(j)k", n) }},
	{"mixed", func(n int) string { // a slice of several of the above, one after another
		parts := []string{">", "1. ", "_a", "a*", "[](", "<a ", "\\```", "www._", "~"}
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(fill(p, n/len(parts)-2) + "\n\n")
		}
		return b.String() + fill("a", n-b.Len())
	}},
}

// fill repeats s to exactly n bytes.
func fill(s string, n int) string {
	return strings.Repeat(s, n/len(s)+1)[:n]
}

// tablePadded is a table of cols columns whose rows hold one cell each, so
// that every row is padded to the header's width.
func tablePadded(cols, n int) string {
	head := fill("|a", 2*cols) + "\n" + fill("|-", 2*cols) + "\n"
	return head + fill("a\n", n-len(head))
}

// TestPathologicalCorpusIsCommitted checks that testdata/pathological holds
// what the generators above make (run with -update to write it).
func TestPathologicalCorpusIsCommitted(t *testing.T) {
	for _, p := range pathological {
		want := p.make(corpusSize)
		if len(want) != corpusSize {
			t.Fatalf("%s: %d bytes, want %d", p.name, len(want), corpusSize)
		}
		path := filepath.Join(corpusDir, p.name+".md")
		if *update {
			if err := os.MkdirAll(corpusDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/markup -run TestPathologicalCorpusIsCommitted -update)", err)
		}
		if string(got) != want {
			t.Errorf("%s differs from its generator (run with -update)", path)
		}
	}
}

// corpus reads every input in testdata/pathological.
func corpus(tb testing.TB) map[string]string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus in %s: %v", corpusDir, err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".md")] = string(b)
	}
	return out
}
