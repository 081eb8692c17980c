package markup

import (
	"bytes"
	"slices"

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
// links counted against the paragraph's inlineBudget.
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

// tableLimit leaves a paragraph as text rather than make it a table wider
// than MaxTableColumns or one that would take the document's tables past
// MaxTableCells.
type tableLimit struct{ parser.ParagraphTransformer }

var tableCellsKey = parser.NewContextKey()

func (t tableLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	before, cells := lines.Len(), 0
	for i := 1; i < before; i++ {
		seg := lines.At(i)
		if cols := delimiterColumns(seg.Value(reader.Source())); cols > 0 {
			if cols > MaxTableColumns {
				return
			}
			cells = cols * (before - i) // the header and every row, padded to cols
			break                       // the table extension, too, takes the first delimiter row
		}
	}
	used, _ := pc.Get(tableCellsKey).(int)
	if cells == 0 || used+cells > MaxTableCells {
		return
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
	if node.Lines().Len() < before { // a table took the lines
		pc.Set(tableCellsKey, used+cells)
	}
}

// delimiterColumns returns how many columns the table delimiter row line
// declares ("| :-- | --: |" declares 2), or 0 when line is no such row. It
// accepts what goldmark's table extension accepts: cells split by '|', a
// blank first and last one dropped, each other one dashes with at most a
// colon at each end, inside blank space.
func delimiterColumns(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return 0
	}
	total, valid, firstBlank, lastBlank := 0, 0, false, false
	start := 0
	for i := 0; i <= len(line); i++ {
		if i < len(line) && line[i] != '|' {
			continue
		}
		cell := line[start:i]
		start = i + 1
		blank := util.IsBlank(cell)
		if total == 0 {
			firstBlank = blank
		}
		lastBlank = blank
		if isDelimiterCell(cell) {
			valid++
		}
		total++
	}
	n := total
	if firstBlank {
		n--
	}
	if n > 0 && lastBlank && total > 1 {
		n--
	}
	if valid != n { // a blank cell is never valid, so every cell kept is
		return 0
	}
	return n
}

// isDelimiterCell reports whether c is blank space, an optional colon, one
// or more dashes, an optional colon and blank space.
func isDelimiterCell(c []byte) bool {
	c = util.TrimRightSpace(util.TrimLeftSpace(c))
	if len(c) > 0 && c[0] == ':' {
		c = c[1:]
	}
	if len(c) > 0 && c[len(c)-1] == ':' {
		c = c[:len(c)-1]
	}
	if len(c) == 0 {
		return false
	}
	for _, b := range c {
		if b != '-' {
			return false
		}
	}
	return true
}

// definitionLimit lets the link reference transformer see only the first
// MaxDefinitionLines lines of a paragraph; the lines past them stay text.
type definitionLimit struct{ parser.ParagraphTransformer }

func (d definitionLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() <= MaxDefinitionLines {
		d.ParagraphTransformer.Transform(node, reader, pc)
		return
	}
	rest := slices.Clone(lines.Sliced(MaxDefinitionLines, lines.Len()))
	head := text.NewSegments()
	head.AppendAll(lines.Sliced(0, MaxDefinitionLines))
	node.SetLines(head)
	parent, next := node.Parent(), node.NextSibling()
	d.ParagraphTransformer.Transform(node, reader, pc)
	if node.Parent() == nil { // every line seen was a definition: the rest is the paragraph
		node.SetLines(text.NewSegments())
		if next == nil {
			parent.AppendChild(parent, node)
		} else {
			parent.InsertBefore(parent, next, node)
		}
	}
	node.Lines().AppendAll(rest)
}
