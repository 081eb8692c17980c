// Package markup turns the Markdown people write into HTML that is safe to put
// on a page: GitHub-flavoured Markdown rendered by goldmark, with raw HTML shown
// as text, then sanitised by a bluemonday policy.
package markup

import (
	"bytes"
	"html/template"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// MaxSource is the most Markdown, in bytes, that Render and Plain look at;
// longer input is cut at a rune boundary first. Callers validate lengths
// themselves: this is only a safety net.
const MaxSource = 200_000

// Renderer holds the Markdown converter and the sanitising policies. Build it
// once with New and share it: it is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy // for rendered Markdown
	strict *bluemonday.Policy // strips every tag, for Plain
}

// New builds a Renderer; it is cheap enough to call at start-up, not per request.
func New() *Renderer {
	// goldmark's parser with the limits of limits.go; the GFM extensions
	// whose parsers need a limit (tables, strikethrough) are added by hand.
	p := parser.NewParser(
		parser.WithBlockParsers(limitedBlockParsers()...),
		parser.WithInlineParsers(limitedInlineParsers()...),
		parser.WithParagraphTransformers(limitedParagraphTransformers()...),
	)
	md := goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.TaskList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithInlineParsers(util.Prioritized(autolinkLimit{extension.NewLinkifyParser()}, 999)),
			parser.WithInlineParsers(util.Prioritized(strikethroughLimit{delimiterLimit{extension.NewStrikethroughParser()}}, 500)),
			parser.WithParagraphTransformers(util.Prioritized(tableLimit{extension.NewTableParagraphTransformer()}, 200)),
			parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0), util.Prioritized(linkRel{}, 100), util.Prioritized(mentionsInLinks{}, 50)),
			parser.WithInlineParsers(util.Prioritized(mentionParser{}, 500)),
		),
		goldmark.WithRendererOptions(
			// Shows raw HTML as text; registered with a higher priority
			// (a lower number) than goldmark's own HTML renderer.
			renderer.WithNodeRenderers(
				util.Prioritized(rawHTMLAsText{}, 100),
				util.Prioritized(mentionRenderer{}, 100),
				util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
				util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), 500),
			),
		),
	)
	return &Renderer{md: md, policy: contentPolicy(), strict: bluemonday.StrictPolicy()}
}

// Version names the way Render renders. HTML stored by an earlier version is
// rendered again at start-up (practice.RenderMissing): raise it with any
// change that changes the HTML of some text.
const Version = 1

// Render converts Markdown to sanitised HTML, ready for a template.
func (r *Renderer) Render(src string) template.HTML {
	return template.HTML(r.render(src))
}

// Rendered is Markdown rendered once, when it is saved: the HTML pages show
// and the text search indexes.
type Rendered struct {
	HTML template.HTML
	Text string // as Plain(src, 0) gives it
}

// RenderBoth returns what Render and Plain(src, 0) return, rendering once.
func (r *Renderer) RenderBoth(src string) Rendered {
	h := r.render(src)
	return Rendered{HTML: template.HTML(h), Text: r.text(h)}
}

// render is Render as a plain string, for Plain to reuse.
func (r *Renderer) render(src string) string {
	src = clip(src, MaxSource)
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := r.md.Convert([]byte(src), &buf, parser.WithContext(ctx)); err != nil {
		// goldmark fails only when its writer does, and a bytes.Buffer
		// does not; should it ever, show the source as text.
		return "<p>" + template.HTMLEscapeString(src) + "</p>"
	}
	return r.policy.SanitizeReader(&buf).String()
}

// clip cuts s to at most n bytes without splitting a UTF-8 sequence.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
