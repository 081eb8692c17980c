package markup_test

import (
	"fmt"
	"strings"
	"testing"

	"hearth/internal/markup"
)

// Each limit cuts goldmark's work short past a point no ordinary text
// reaches; these tests check where each cuts, and that the text past it is
// kept as text. (How long rendering takes is for TestWorstRender to log.)

func TestNestingIsLimited(t *testing.T) {
	r := markup.New()
	for _, tc := range []struct {
		name, src, tag string
	}{
		{"quotes", strings.Repeat(">", 100) + " deep", "<blockquote>"},
		{"ordered lists", strings.Repeat("1. ", 100) + "deep", "<ol>"},
		{"bullet lists", strings.Repeat("- 1. ", 50) + "deep", "<li>"},
	} {
		got := string(r.Render(tc.src))
		if n := strings.Count(got, tc.tag); n != markup.MaxNesting {
			t.Errorf("%s: %d %s, want %d (markup.MaxNesting)", tc.name, n, tc.tag, markup.MaxNesting)
		}
		if !strings.Contains(got, "deep") {
			t.Errorf("%s: the text past the limit is lost: %.200q", tc.name, got)
		}
	}
	// Below the limit, nothing changes.
	got := string(r.Render("> - > 1. > text"))
	if strings.Count(got, "<blockquote>") != 3 || strings.Count(got, "<ul>") != 1 || strings.Count(got, "<ol>") != 1 {
		t.Errorf("nesting below the limit changed: %q", got)
	}
}

func TestEmphasisRunsAreLimited(t *testing.T) {
	r := markup.New()
	// Each *a* is two runs: the first MaxDelimiters runs emphasise.
	src := strings.Repeat("*a* ", markup.MaxDelimiters) + "\n\n*next* ~~paragraph~~"
	got := string(r.Render(src))
	if n := strings.Count(got, "<em>a</em>"); n != markup.MaxDelimiters/2 {
		t.Errorf("%d emphasised, want %d", n, markup.MaxDelimiters/2)
	}
	if !strings.Contains(got, "<em>next</em> <del>paragraph</del>") {
		t.Error("the limit carried over to the next paragraph")
	}
	// Strikethrough shares the count.
	got = string(r.Render(strings.Repeat("~~a~~ ", markup.MaxDelimiters)))
	if n := strings.Count(got, "<del>a</del>"); n != markup.MaxDelimiters/2 {
		t.Errorf("%d struck through, want %d", n, markup.MaxDelimiters/2)
	}
}

func TestFailedLinksAreLimited(t *testing.T) {
	r := markup.New()
	// "[a](b [" is a link that fails: its destination is not closed.
	failing := strings.Repeat("[a](b ", markup.MaxFailedLinks)
	got := string(r.Render(failing + "[late](/late)\n\n[fresh](/fresh)"))
	if strings.Contains(got, `href="/late"`) {
		t.Error("a link was tried after MaxFailedLinks failures in its paragraph")
	}
	if !strings.Contains(got, `<a href="/fresh"`) {
		t.Errorf("the next paragraph's link is lost: %.300q", got[max(0, len(got)-300):])
	}
	// Links that work are not failures.
	got = string(r.Render(strings.Repeat("[x](/x) ", 3*markup.MaxFailedLinks)))
	if n := strings.Count(got, `<a href="/x"`); n != 3*markup.MaxFailedLinks {
		t.Errorf("%d links, want %d", n, 3*markup.MaxFailedLinks)
	}
}

func TestLinkOpenersAreLimited(t *testing.T) {
	r := markup.New()
	got := string(r.Render(strings.Repeat("[x](/x) ", markup.MaxLinkOpeners+5)))
	if n := strings.Count(got, `<a href="/x"`); n != markup.MaxLinkOpeners {
		t.Errorf("%d links, want %d (markup.MaxLinkOpeners)", n, markup.MaxLinkOpeners)
	}
}

func TestFailedAutolinksAreLimited(t *testing.T) {
	r := markup.New()
	got := string(r.Render(strings.Repeat("www._", markup.MaxFailedAutolinks) + "\n\nsee www.example.com"))
	if strings.Contains(got, "href") {
		t.Error("a web address was linked after MaxFailedAutolinks failed tries in the document")
	}
	got = string(r.Render(strings.Repeat("www._", markup.MaxFailedAutolinks-1) + "\n\nsee www.example.com"))
	if !strings.Contains(got, `href="http://www.example.com"`) {
		t.Error("a web address was not linked below the limit")
	}
}

// table returns a table of cols columns and rows rows of one cell each.
func table(cols, rows int) string {
	return strings.Repeat("|h", cols) + "|\n" + strings.Repeat("|-", cols) + "|\n" + strings.Repeat("|c|\n", rows)
}

func TestTablesAreLimited(t *testing.T) {
	r := markup.New()
	cells := markup.MaxTableCells
	for _, tc := range []struct {
		name   string
		src    string
		tables int
	}{
		{"widest", table(markup.MaxTableColumns, 2), 1},
		{"too wide", table(markup.MaxTableColumns+1, 2), 0},
		{"padded up to the limit", table(50, cells/50-1), 1}, // 50 × (1 + rows) cells
		{"padded past the limit", table(50, cells/50), 0},
		{"two past the limit", table(50, cells/100-1) + "\n" + table(50, cells/100), 1},
	} {
		got := string(r.Render(tc.src))
		if n := strings.Count(got, "<table>"); n != tc.tables {
			t.Errorf("%s: %d tables, want %d", tc.name, n, tc.tables)
		}
		if tc.tables == 0 && !strings.Contains(got, "|h|h|") {
			t.Errorf("%s: the text of the table left as text is lost", tc.name)
		}
	}
}

func TestDefinitionLinesAreLimited(t *testing.T) {
	r := markup.New()
	var b strings.Builder
	for i := 1; i <= markup.MaxDefinitionLines+1; i++ {
		fmt.Fprintf(&b, "[r%d]: /r%d\n", i, i)
	}
	b.WriteString("\n[r1] [r1000] [r1001]")
	got := string(r.Render(b.String()))
	if !strings.Contains(got, `<a href="/r1"`) || !strings.Contains(got, fmt.Sprintf(`<a href="/r%d"`, markup.MaxDefinitionLines)) {
		t.Error("definitions within the limit are lost")
	}
	if strings.Contains(got, fmt.Sprintf(`<a href="/r%d"`, markup.MaxDefinitionLines+1)) {
		t.Error("a definition past the limit was used")
	}
	if !strings.Contains(got, fmt.Sprintf("[r%d]: /r%d", markup.MaxDefinitionLines+1, markup.MaxDefinitionLines+1)) {
		t.Error("the line past the limit is not kept as text")
	}
}
