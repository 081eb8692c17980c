package practice

import (
	"maps"
	"slices"
	"strings"
	"time"

	"hearth/internal/community"
	"hearth/internal/revision"
)

// An entry's revisions keep every field a person edits on its form: the
// text (title, summary, body) and these, by name, so that the history shows
// a change of kind or tags and a revert restores them.
var revisionFields = []struct{ Name, Label string }{
	{"kind", "Kind"},
	{"tags", "Tags"},
	{"resource_url", "Link"},
	{"source", "Where it came from"},
	{"review_by", "Review by"},
}

const dateLayout = "2006-01-02"

// snapshotOf is what a revision keeps of an entry.
func snapshotOf(e Entry) revision.Snapshot {
	review := ""
	if e.ReviewBy != nil {
		review = e.ReviewBy.Format(dateLayout)
	}
	return revision.Snapshot{Title: e.Title, Summary: e.Summary, Body: e.Body, Fields: map[string]string{
		"kind":         string(e.Kind),
		"tags":         strings.Join(slices.Sorted(slices.Values(e.Tags)), ", "),
		"resource_url": e.ResourceURL,
		"source":       e.Source,
		"review_by":    review,
	}}
}

// snapshot is what a revision keeps of a validated input.
func (p parsed) snapshot() revision.Snapshot {
	return snapshotOf(Entry{Kind: p.Kind, Title: p.Title, Summary: p.Summary, Body: p.Body, Tags: p.tags,
		ResourceURL: p.ResourceURL, Source: p.Source, ReviewBy: p.reviewBy})
}

// restored is e with what revision snap kept put back: its text, and its
// other fields when it kept them (a revision saved before they were kept
// restores only the text). A value that no longer parses is left as it is.
func restored(e Entry, snap revision.Snapshot) Entry {
	e.Title, e.Summary, e.Body = snap.Title, snap.Summary, snap.Body
	f := snap.Fields
	if f == nil {
		return e
	}
	if _, ok := InfoOf(Kind(f["kind"])); ok {
		e.Kind = Kind(f["kind"])
	}
	if tags, msg := community.ParseTags(f["tags"]); msg == "" {
		e.Tags = tags
	}
	e.ResourceURL, e.Source, e.ReviewBy = f["resource_url"], f["source"], nil
	if d, err := time.Parse(dateLayout, f["review_by"]); err == nil {
		e.ReviewBy = &d
	}
	return e
}

// diffEntry compares two revisions of an entry for people: fields in the
// form's order, by their labels, a kind by its name.
func diffEntry(a, b revision.Snapshot) revision.SnapshotDiff {
	d := revision.DiffSnapshots(forPeople(a), forPeople(b))
	var fields []revision.FieldDiff
	for _, rf := range revisionFields {
		for _, f := range d.Fields {
			if f.Name == rf.Name {
				f.Label = rf.Label
				fields = append(fields, f)
			}
		}
	}
	d.Fields = fields
	return d
}

func forPeople(s revision.Snapshot) revision.Snapshot {
	if k, ok := s.Fields["kind"]; ok {
		s.Fields = maps.Clone(s.Fields)
		if label := Kind(k).Label(); label != "" {
			s.Fields["kind"] = label
		}
	}
	return s
}
