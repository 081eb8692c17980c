package revision

import (
	"html"
	"html/template"
	"maps"
	"slices"
	"strings"
)

// SnapshotDiff compares two snapshots field by field; Changed is true for a
// field whose text differs (by more than its line endings).
type SnapshotDiff struct {
	Title, Summary, Body                      []Chunk
	TitleChanged, SummaryChanged, BodyChanged bool
	// Fields are the other fields that differ, by name; none when either
	// snapshot was saved before fields were kept (nothing is known of them).
	Fields []FieldDiff
}

// FieldDiff is the change of one of a snapshot's Fields. Label is its name
// for people; the capability that owns the subject sets it (and the order).
type FieldDiff struct {
	Name, Label string
	Chunks      []Chunk
}

// Changed reports whether any field differs.
func (d SnapshotDiff) Changed() bool {
	return d.TitleChanged || d.SummaryChanged || d.BodyChanged || len(d.Fields) > 0
}

// DiffSnapshots compares snapshot a (older) with b (newer).
func DiffSnapshots(a, b Snapshot) SnapshotDiff {
	d := SnapshotDiff{
		Title:   Diff(a.Title, b.Title),
		Summary: Diff(a.Summary, b.Summary),
		Body:    Diff(a.Body, b.Body),
	}
	d.TitleChanged = changed(d.Title)
	d.SummaryChanged = changed(d.Summary)
	d.BodyChanged = changed(d.Body)
	if a.Fields != nil && b.Fields != nil {
		names := map[string]bool{}
		for n := range a.Fields {
			names[n] = true
		}
		for n := range b.Fields {
			names[n] = true
		}
		for _, n := range slices.Sorted(maps.Keys(names)) {
			if chunks := Diff(a.Fields[n], b.Fields[n]); changed(chunks) {
				d.Fields = append(d.Fields, FieldDiff{Name: n, Label: n, Chunks: chunks})
			}
		}
	}
	return d
}

// AllChunks lists the chunks of every field, for Stats over a whole diff.
func (d SnapshotDiff) AllChunks() []Chunk {
	all := slices.Concat(d.Title, d.Summary, d.Body)
	for _, f := range d.Fields {
		all = append(all, f.Chunks...)
	}
	return all
}

func changed(chunks []Chunk) bool {
	for _, c := range chunks {
		if c.Op != Equal {
			return true
		}
	}
	return false
}

// HTML renders a diff for a page: every character of the texts escaped,
// deletions in <del>, insertions in <ins>, and line breaks as <br>.
func HTML(chunks []Chunk) template.HTML {
	var b strings.Builder
	for _, c := range chunks {
		if c.Text == "" {
			continue
		}
		text := strings.ReplaceAll(html.EscapeString(c.Text), "\n", "<br>\n")
		switch c.Op {
		case Insert:
			b.WriteString("<ins>" + text + "</ins>")
		case Delete:
			b.WriteString("<del>" + text + "</del>")
		default:
			b.WriteString(text)
		}
	}
	return template.HTML(b.String()) //nolint:gosec // every piece of text above is escaped
}

// Stats counts the words a diff adds and removes, for a summary such as
// "+12 −3 words".
func Stats(chunks []Chunk) (added, removed int) {
	for _, c := range chunks {
		switch c.Op {
		case Insert:
			added += countWords(c.Text)
		case Delete:
			removed += countWords(c.Text)
		}
	}
	return added, removed
}
