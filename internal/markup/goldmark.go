package markup

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingPrefix starts every generated heading id, so that a heading called
// "Main" cannot clobber the page's own id="main".
const headingPrefix = "h-"

// headingIDs wraps goldmark's own id generator (unique per document) and
// prefixes what it makes with headingPrefix.
type headingIDs struct{ inner parser.IDs }

// newHeadingIDs returns a fresh generator; each document needs its own.
func newHeadingIDs() parser.IDs {
	return headingIDs{inner: parser.NewContext().IDs()}
}

func (g headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return append([]byte(headingPrefix), g.inner.Generate(value, kind)...)
}

func (g headingIDs) Put(value []byte) { g.inner.Put(value) }

// linkRel marks every link rel="noopener"; the sanitiser adds "nofollow".
type linkRel struct{}

func (linkRel) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink) {
			n.SetAttributeString("rel", []byte("noopener"))
		}
		return ast.WalkContinue, nil
	})
}

// rawHTMLAsText renders HTML that people type in Markdown as visible text
// rather than dropping it, so that "use <details> for this" keeps its words.
// HTML comments, which people use for notes to other writers, are left out.
type rawHTMLAsText struct{}

func (rawHTMLAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw []byte
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		raw = append(raw, seg.Value(source)...)
	}
	if !isComment(raw) {
		_, _ = w.Write(util.EscapeHTML(raw))
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	if n.HTMLBlockType == ast.HTMLBlockType2 { // <!-- comment -->
		return ast.WalkSkipChildren, nil
	}
	var raw []byte
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		raw = append(raw, line.Value(source)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(source)...)
	}
	raw = trimNewlines(raw)
	if len(raw) == 0 {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(raw))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func isComment(raw []byte) bool {
	return len(raw) >= 4 && string(raw[:4]) == "<!--"
}

func trimNewlines(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
