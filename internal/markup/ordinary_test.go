package markup

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// unlimited is the converter as it was before the limits: goldmark with its
// own GFM extensions.
func unlimited() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(linkRel{}, 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 100))),
	)
}

func convert(t *testing.T, md goldmark.Markdown, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf, parser.WithContext(parser.NewContext(parser.WithIDs(newHeadingIDs())))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestLimitsKeepOrdinaryMarkdown renders ordinary Markdown (testdata/ordinary.md,
// each of its paragraphs alone and all of it at once, and CommonMark's spec
// examples when goldmark's copy of them is at hand) with and without the
// limits: the HTML must be the same.
func TestLimitsKeepOrdinaryMarkdown(t *testing.T) {
	b, err := os.ReadFile("testdata/ordinary.md")
	if err != nil {
		t.Fatal(err)
	}
	inputs := append([]string{string(b)}, strings.Split(string(b), "\n\n")...)
	spec := specExamples(t)
	inputs = append(inputs, spec...)
	limited, before := New().md, unlimited()
	for _, src := range inputs {
		if got, want := convert(t, limited, src), convert(t, before, src); got != want {
			t.Errorf("Render(%q)\n= %q\nwithout the limits %q", src, got, want)
		}
	}
	t.Logf("%d inputs, %d of them CommonMark's examples", len(inputs), len(spec))
}

// specExamples reads the CommonMark examples goldmark's module carries for
// its own tests, or none when the module's source is not at hand.
func specExamples(t *testing.T) []string {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Logf("no CommonMark examples: %v", err)
		return nil
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "_test", "spec.json"))
	if err != nil {
		t.Logf("no CommonMark examples: %v", err)
		return nil
	}
	var examples []struct{ Markdown string }
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, e := range examples {
		srcs = append(srcs, e.Markdown)
	}
	return srcs
}
