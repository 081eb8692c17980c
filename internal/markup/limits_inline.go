package markup

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The limits of limits.go on inline parsing, counted per block (a paragraph,
// heading or table cell) or per document in the parser's context.

// inlineBudget counts what one block's inline parsing has used so far.
type inlineBudget struct {
	block       ast.Node // the paragraph, heading or cell being parsed
	delimiters  int
	openers     int
	failedLinks int
	unclosed    map[int]bool // lengths of backtick runs that no later run closes
}

var budgetKey = parser.NewContextKey()

// budgetOf returns the budget of block, starting a new one when the parser
// has moved on to another block.
func budgetOf(block ast.Node, pc parser.Context) *inlineBudget {
	b, _ := pc.Get(budgetKey).(*inlineBudget)
	if b == nil {
		b = &inlineBudget{}
		pc.Set(budgetKey, b)
	}
	if b.block != block {
		*b = inlineBudget{block: block}
	}
	return b
}

// delimiterLimit stops an emphasis or strikethrough parser once the block
// has MaxDelimiters runs; later ones are text.
type delimiterLimit struct{ parser.InlineParser }

func (d delimiterLimit) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	b := budgetOf(parent, pc)
	if b.delimiters >= MaxDelimiters {
		return nil
	}
	n := d.InlineParser.Parse(parent, block, pc)
	if n != nil {
		b.delimiters++
	}
	return n
}

// strikethroughLimit answers at once, without scanning the rest of the run,
// for a tilde that follows a tilde: goldmark's parser scans the run from
// each of its tildes and then refuses them all the same.
type strikethroughLimit struct{ delimiterLimit }

func (s strikethroughLimit) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '~' {
		return nil
	}
	return s.delimiterLimit.Parse(parent, block, pc)
}

// codeSpanMemo remembers, for a block, the lengths of backtick runs that
// found no closing run, so that a later run of the same length is text at
// once instead of a scan to the end of the block each time.
type codeSpanMemo struct{ parser.InlineParser }

func (c codeSpanMemo) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	b := budgetOf(parent, pc)
	line, seg := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	if b.unclosed[n] { // what the code span parser returns when nothing closes the run
		block.Advance(n)
		return ast.NewTextSegment(seg.WithStop(seg.Start + n))
	}
	node := c.InlineParser.Parse(parent, block, pc)
	if _, text := node.(*ast.Text); text {
		if b.unclosed == nil {
			b.unclosed = map[int]bool{}
		}
		b.unclosed[n] = true
	}
	return node
}

// autolinkLimit stops the linkify parser from trying web addresses once the
// document has MaxFailedAutolinks failed tries; "www._www._…" is one try at
// every "_".
type autolinkLimit struct{ parser.InlineParser }

var failedAutolinksKey = parser.NewContextKey()

var autolinkPrefixes = [][]byte{[]byte("www."), []byte("http://"), []byte("https://"), []byte("ftp://")}

func (l autolinkLimit) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 && bytes.IndexByte([]byte(" *_~("), line[0]) >= 0 { // what linkify skips, as it does
		line = line[1:]
	}
	if !slices.ContainsFunc(autolinkPrefixes, func(p []byte) bool { return bytes.HasPrefix(line, p) }) {
		return l.InlineParser.Parse(parent, block, pc)
	}
	failed, _ := pc.Get(failedAutolinksKey).(int)
	if failed >= MaxFailedAutolinks {
		return nil
	}
	n := l.InlineParser.Parse(parent, block, pc)
	if n == nil {
		pc.Set(failedAutolinksKey, failed+1)
	}
	return n
}

// linkLimit stops the link parser from opening more than MaxLinkOpeners
// labels in a block, and from trying links after MaxFailedLinks failures.
type linkLimit struct{ parser.InlineParser }

func (l linkLimit) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	b := budgetOf(parent, pc)
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	if line[0] != ']' { // [ or ![
		if b.openers >= MaxLinkOpeners {
			return nil
		}
		n := l.InlineParser.Parse(parent, block, pc)
		if n != nil {
			b.openers++
		}
		return n
	}
	costly := len(line) > 1 && (line[1] == '(' || line[1] == '[')
	if costly && b.failedLinks >= MaxFailedLinks {
		return nil
	}
	n := l.InlineParser.Parse(parent, block, pc)
	if costly && n == nil {
		b.failedLinks++
	}
	return n
}

// CloseBlock lets the link parser turn the labels left open into text.
func (l linkLimit) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := l.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}
