package markup

import (
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The limits of limits.go on what goldmark makes of whole paragraphs: tables
// and link reference definitions.

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
