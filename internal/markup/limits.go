package markup

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark's time grows with the square of some inputs: every container
// opened on one line rescans the line from its start (100,000 ">" took
// seconds), every emphasis closer walks back over every unmatched opener of
// its paragraph, every failed inline link rescans the rest of its line, and
// a table pads every short row to the width of its header. These limits cut
// each of those loops short where no ordinary text goes, so that the work is
// linear in the input; past a limit the text is kept and shown as text.
// They wrap goldmark's own parsers: block parsers here, inline parsers in
// limits_inline.go, paragraph transformers in limits_paragraphs.go.
const (
	// MaxNesting is how many block quotes and lists may nest.
	MaxNesting = 32
	// MaxDelimiters is how many runs of *, _ and ~ a paragraph (or heading,
	// or table cell) may use for emphasis and strikethrough.
	MaxDelimiters = 1000
	// MaxLinkOpeners is how many [ and ![ a paragraph may open as links.
	MaxLinkOpeners = 1000
	// MaxFailedLinks is how many "](" and "][" a paragraph may try as a
	// link and fail; links that work are not counted.
	MaxFailedLinks = 100
	// MaxFailedAutolinks is how many times a document may start a web
	// address (www., http://) that turns out not to be one: each try reads
	// up to some 260 bytes ahead.
	MaxFailedAutolinks = 1000
	// MaxDefinitionLines is how many lines at the start of a paragraph may
	// hold link reference definitions ("[a]: /url"); goldmark removes each
	// definition by copying the lines after it.
	MaxDefinitionLines = 1000
	// MaxTableColumns is the widest table; wider ones stay text.
	MaxTableColumns = 100
	// MaxTableCells bounds the cells of all the tables of a document (short
	// rows are padded to the header's width); later tables stay text.
	MaxTableCells = 50_000
)

// nestingLimit refuses to open a block quote or list nested deeper than
// MaxNesting; the line then becomes a paragraph's text.
type nestingLimit struct{ parser.BlockParser }

func (n nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if nesting(parent) >= MaxNesting {
		return nil, parser.NoChildren
	}
	return n.BlockParser.Open(parent, reader, pc)
}

// nesting counts the block quotes and lists that hold n, and n itself.
func nesting(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindBlockquote || k == ast.KindList {
			d++
		}
	}
	return d
}

// limitedBlockParsers are goldmark's block parsers with nesting limited.
func limitedBlockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch p.Value {
		case parser.NewBlockquoteParser(), parser.NewListParser():
			ps[i].Value = nestingLimit{p.Value.(parser.BlockParser)}
		}
	}
	return ps
}

// limitedParagraphTransformers are goldmark's, with link reference
// definitions limited.
func limitedParagraphTransformers() []util.PrioritizedValue {
	ps := parser.DefaultParagraphTransformers()
	for i, p := range ps {
		if p.Value == parser.LinkReferenceParagraphTransformer {
			ps[i].Value = definitionLimit{p.Value.(parser.ParagraphTransformer)}
		}
	}
	return ps
}

// limitedInlineParsers are goldmark's inline parsers with emphasis and
// links counted against the block's inlineBudget, and code spans memoised.
func limitedInlineParsers() []util.PrioritizedValue {
	ps := parser.DefaultInlineParsers()
	for i, p := range ps {
		switch p.Value {
		case parser.NewEmphasisParser():
			ps[i].Value = delimiterLimit{p.Value.(parser.InlineParser)}
		case parser.NewLinkParser():
			ps[i].Value = linkLimit{p.Value.(parser.InlineParser)}
		case parser.NewCodeSpanParser():
			ps[i].Value = codeSpanMemo{p.Value.(parser.InlineParser)}
		}
	}
	return ps
}
