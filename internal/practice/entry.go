// Package practice is the community's repertoire: entries of four kinds
// (story, lesson learned, practice, resource) written in Markdown, with every
// save kept as a revision; maturity and freshness; comments, "this helped me"
// signals and views; curated collections; attachments; and export.
package practice

import (
	"context"
	"html/template"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Kind is what sort of knowledge an entry holds.
type Kind string

// The kinds of entry.
const (
	Story    Kind = "story"
	Lesson   Kind = "lesson"
	Practice Kind = "practice"
	Resource Kind = "resource"
)

// KindInfo describes a kind for people choosing one, with the sections it
// starts from.
type KindInfo struct {
	Kind     Kind
	Label    string
	About    string
	Template string
}

// Kinds lists the kinds in the order they are offered.
var Kinds = []KindInfo{
	{Lesson, "Lesson learned", "Something that happened, what it taught you, and what you would do next time.",
		"## The situation\n\n\n\n## What we expected\n\n\n\n## What happened\n\n\n\n## What we would do next time\n\n"},
	{Practice, "Practice", "A method or how-to that works: when to use it, the steps, the pitfalls.",
		"## When to use it\n\n\n\n## Steps\n\n1. \n2. \n3. \n\n## Pitfalls\n\n\n\n## Examples\n\n"},
	{Story, "Story", "A story from the work that carries something worth passing on.",
		"## What happened\n\n\n\n## Why it matters\n\n\n\n## What we took from it\n\n"},
	{Resource, "Resource", "A link or a file worth knowing, and how the community uses it.",
		"## What it is\n\n\n\n## How we use it\n\n\n\n## Caveats\n\n"},
}

// InfoOf returns the description of kind k (and false when k is no kind).
func InfoOf(k Kind) (KindInfo, bool) {
	for _, ki := range Kinds {
		if ki.Kind == k {
			return ki, true
		}
	}
	return KindInfo{}, false
}

// Label returns the human name of the kind.
func (k Kind) Label() string {
	ki, _ := InfoOf(k)
	return ki.Label
}

// Maturity says how far the community stands behind an entry.
type Maturity string

// The maturities, in order.
const (
	Draft     Maturity = "draft"     // seen by its authors and stewards only
	Published Maturity = "published" // shared with the community
	Reviewed  Maturity = "reviewed"  // confirmed by a member other than its authors
	Endorsed  Maturity = "endorsed"  // recognised by the stewards as the community's practice
)

// Maturities lists the maturities in order.
var Maturities = []Maturity{Draft, Published, Reviewed, Endorsed}

// Person is an author or contributor of an entry.
type Person struct {
	ID     int64
	Handle string
	Name   string
	Role   string // "author" or "contributor"
}

// Entry is one piece of the repertoire.
type Entry struct {
	ID           int64
	CommunityID  int64
	Slug         string
	Kind         Kind
	Title        string
	Summary      string
	Body         string        // Markdown
	HTML         template.HTML // Body rendered, where a page shows it (Get, Feed, an edit conflict)
	ResourceURL  string
	Source       string // where it came from: a conversation, a gathering, a link
	Tags         []string
	Maturity     Maturity
	Revision     int
	CommentsOpen bool
	ReviewBy     *time.Time
	VerifiedAt   *time.Time
	VerifiedBy   string // name of who verified it last
	ReviewedBy   string
	EndorsedBy   string
	Views        int
	Helpful      int
	Comments     int // visible comments: filled on lists (library, profile), 0 elsewhere
	CreatedAt    time.Time
	UpdatedAt    time.Time
	PublishedAt  *time.Time
	People       []Person
	Stale        bool // past its review-by date, or not verified for the community's period
	StaleReason  string
}

// Input is what a person writes when creating or improving an entry.
type Input struct {
	Kind         Kind
	Title        string
	Summary      string
	Body         string
	Tags         string // comma-separated
	ResourceURL  string
	Source       string
	ReviewBy     string // YYYY-MM-DD, or empty
	Note         string // the edit summary
	BaseRevision int    // the revision the edit started from (0 on creation)
	Publish      bool   // publish at once instead of saving a draft (creation only)
	FromComment  int64  // the comment the entry starts from (creation only; 0: none)
	// Then is more work for the new entry's transaction (creation only): a
	// thread's promotion checks its source again and links it there.
	Then func(ctx context.Context, tx *db.Tx, entryID int64) error
}

// Limits on entry fields, in characters.
const (
	MaxTitle   = 150
	MaxSummary = 400
	MaxBody    = 100_000
	MaxSource  = 500
	MaxNote    = 200
	MaxURL     = 2000
)

// parsed is a validated Input.
type parsed struct {
	Input
	tags     []string
	reviewBy *time.Time
}

func (in Input) normalize() Input {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Summary = strings.TrimSpace(strings.ReplaceAll(in.Summary, "\r\n", "\n"))
	in.Body = strings.TrimRight(strings.ReplaceAll(in.Body, "\r\n", "\n"), " \n\t")
	in.ResourceURL = strings.TrimSpace(in.ResourceURL)
	in.Source = strings.TrimSpace(in.Source)
	in.Note = strings.Join(strings.Fields(in.Note), " ")
	in.ReviewBy = strings.TrimSpace(in.ReviewBy)
	return in
}

// validate checks every field at once and returns the parsed input.
func (in Input) validate(now time.Time) (parsed, error) {
	in = in.normalize()
	p := parsed{Input: in}
	var v errs.Validation
	_, ok := InfoOf(in.Kind)
	v.Check(ok, "kind", "Choose what kind of entry this is.")
	v.Check(utf8.RuneCountInString(in.Title) >= 3, "title", "Give the entry a title of at least 3 characters.")
	v.Check(utf8.RuneCountInString(in.Title) <= MaxTitle, "title", "Keep the title to 150 characters.")
	v.Check(in.Summary != "", "summary", "Say in a sentence or two what a reader will find here.")
	v.Check(utf8.RuneCountInString(in.Summary) <= MaxSummary, "summary", "Keep the summary to 400 characters.")
	v.Check(utf8.RuneCountInString(in.Body) <= MaxBody, "body", bodyTooLong)
	v.Check(utf8.RuneCountInString(in.Source) <= MaxSource, "source", "Keep this to 500 characters.")
	v.Check(utf8.RuneCountInString(in.Note) <= MaxNote, "note", "Keep the edit summary to 200 characters.")
	if in.ResourceURL != "" {
		u, err := url.Parse(in.ResourceURL)
		v.Check(err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(in.ResourceURL) <= MaxURL,
			"resource_url", "Enter a web address starting with https:// or http://.")
	}
	tags, msg := community.ParseTags(in.Tags)
	if msg != "" {
		v.Add("tags", msg)
	}
	p.tags = tags
	if in.ReviewBy != "" {
		d, err := time.Parse("2006-01-02", in.ReviewBy)
		switch {
		case err != nil:
			v.Add("review_by", "Enter a date such as 2027-06-30.")
		case d.After(now.AddDate(10, 0, 0)) || d.Before(now.AddDate(-10, 0, 0)):
			v.Add("review_by", "Choose a date within ten years.")
		default:
			d = d.UTC()
			p.reviewBy = &d
		}
	}
	return p, v.Err()
}
