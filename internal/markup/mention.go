package markup

import (
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// An @mention ("@ada") becomes a link to the person's profile. It is parsed
// like any inline, so "@ada" in code or in an e-mail address is not one.

// mentionNode is one @mention in a document.
type mentionNode struct {
	ast.BaseInline
	handle []byte // lower case
	source []byte // as written, with its "@"
}

var kindMention = ast.NewNodeKind("Mention")

func (n *mentionNode) Kind() ast.NodeKind { return kindMention }

func (n *mentionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Handle": string(n.handle)}, nil)
}

// maxMentions bounds the people one text mentions (and notifies).
const maxMentions = 20

// mentionParser turns "@handle" into a link to /people/handle.
type mentionParser struct{}

func (mentionParser) Trigger() []byte { return []byte{'@'} }

func (mentionParser) Parse(parent ast.Node, block text.Reader, _ parser.Context) ast.Node {
	if prev := block.PrecendingCharacter(); isHandleByte(byte(prev)) || prev == '.' || prev == '_' || prev == '@' || prev == '/' || prev == '\\' {
		return nil // part of a word, an address or a path
	}
	line, _ := block.PeekLine()
	end := 1
	for end < len(line) && isHandleByte(line[end]) {
		end++
	}
	if end-1 > 32 {
		return nil // longer than a handle may be
	}
	n := end
	for n > 1 && line[n-1] == '-' {
		n-- // a trailing hyphen is punctuation
	}
	if n == 1 {
		return nil // nothing after "@"
	}
	handle := make([]byte, 0, n-1)
	for _, c := range line[1:n] {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		handle = append(handle, c)
	}
	if handle[0] == '-' {
		return nil
	}
	m := &mentionNode{handle: handle, source: append([]byte(nil), line[:n]...)}
	block.Advance(n)
	return m
}

// mentionsInLinks turns a mention inside a link's text back into text: a
// link may not hold another.
type mentionsInLinks struct{}

func (mentionsInLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var inLinks []*mentionNode
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink || n.Kind() == ast.KindImage) {
			_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if m, ok := c.(*mentionNode); ok && entering {
					inLinks = append(inLinks, m)
				}
				return ast.WalkContinue, nil
			})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, m := range inLinks {
		m.Parent().ReplaceChild(m.Parent(), m, ast.NewString(m.source))
	}
}

// mentionRenderer writes a mention as a link to the person's profile.
type mentionRenderer struct{}

func (mentionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMention, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			m := node.(*mentionNode)
			_, _ = w.WriteString(`<a href="/people/`)
			_, _ = w.Write(m.handle)
			_, _ = w.WriteString(`" class="mention">`)
			_, _ = w.Write(util.EscapeHTML(m.source))
			_, _ = w.WriteString(`</a>`)
		}
		return ast.WalkSkipChildren, nil
	})
}

func isHandleByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

// Mentions returns the handles src mentions, each once, in order, at most
// maxMentions. Mentions in code, links and addresses do not count.
func (r *Renderer) Mentions(src string) []string {
	src = clip(src, MaxSource)
	doc := r.md.Parser().Parse(text.NewReader([]byte(src)))
	var out []string
	seen := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*mentionNode); ok && entering {
			if h := string(m.handle); !seen[h] && len(out) < maxMentions {
				seen[h] = true
				out = append(out, h)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// shared is a renderer for code that only looks for mentions.
var shared = sync.OnceValue(New)

// MentionsIn is Mentions through a shared renderer.
func MentionsIn(src string) []string { return shared().Mentions(src) }
