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
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkRel{}, 100), util.Prioritized(mentionsInLinks{}, 50)),
			parser.WithInlineParsers(util.Prioritized(mentionParser{}, 500)),
		),
		goldmark.WithRendererOptions(
			// Shows raw HTML as text; registered with a higher priority
			// (a lower number) than goldmark's own HTML renderer.
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 100), util.Prioritized(mentionRenderer{}, 100)),
		),
	)
	return &Renderer{md: md, policy: contentPolicy(), strict: bluemonday.StrictPolicy()}
}

// Render converts Markdown to sanitised HTML, ready for a template.
func (r *Renderer) Render(src string) template.HTML {
	return template.HTML(r.render(src))
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
