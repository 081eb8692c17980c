package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/practice"
	"hearth/internal/revision"
	"hearth/internal/search"
)

// repertoire is one community's practice library: its entries and the
// collections its stewards curate.
type repertoire struct {
	Entries     []entryData
	Collections []collectionData
}

// entryData is one entry as it stands today, with its history, comments and
// the people it helped. Times are in days before now.
type entryData struct {
	Slug        string
	Kind        string // story, lesson, practice or resource
	Title       string // the current title, summary and body (Markdown)
	Summary     string
	Body        string
	ResourceURL string
	Source      string // where it came from
	Tags        []string
	Authors     []string // handles; the first created it
	Maturity    string   // draft, published, reviewed or endorsed
	ReviewedBy  string   // a member other than the authors, for reviewed (and endorsed) entries
	EndorsedBy  string   // a steward, for endorsed entries
	ReviewBy    int      // days from now its review is due (negative: overdue); 0 for no date
	Verified    int      // days ago a member verified it still accurate; 0 for never
	VerifiedBy  string
	Closed      bool // comments are closed
	// History is every save, oldest first: the first wrote the entry, the
	// last left the text above. Anyone saving it who is not an author
	// becomes a contributor.
	History  []revisionData
	Comments []commentData
	Helpful  []string // who marked it "this helped me"
}

// revisionData is one save of an entry. Its text is the text of the save
// after it (or the entry's current text, for the last) with this save's
// changes undone: the passages it Added taken out, the wording it Changed
// put back, the sections it added removed, and the title and summary it
// replaced restored.
type revisionData struct {
	Days       int
	By         string
	Note       string
	Sections   []string    // headings ("## Pitfalls") of the body's sections this save added
	Added      []string    // passages of the body this save added
	Changed    [][2]string // {before, after}: wording of the body or summary this save changed
	OldTitle   string      // the title before this save, when it changed
	OldSummary string      // the summary before this save, when it changed
}

// commentData is one comment on an entry.
type commentData struct {
	By       string
	Days     int
	Body     string
	HiddenBy string // the moderator or steward who hid it; "" while visible
}

// collectionData is a curated, ordered collection of published entries.
type collectionData struct {
	Slug        string // practice.StartHereSlug for the community's Start here
	Title       string
	Description string
	Days        int
	Entries     []string // entry slugs, in order
}

// repertoires are the demo's practice libraries, by community slug.
var repertoires = map[string]repertoire{
	"simulation-in-nursing-education": nursingRepertoire,
	"teaching-with-generative-ai":     aiRepertoire,
	"accessible-course-design":        accessibilityRepertoire,
	"kitchen-food-safety":             kitchenRepertoire,
	"open-educational-resources":      oerRepertoire,
	"devops-and-infrastructure":       devopsRepertoire,
}

// snapshots returns the text of every save of e, oldest first, by undoing
// the saves from the entry's current text backwards.
func (e entryData) snapshots() ([]revision.Snapshot, error) {
	snaps := make([]revision.Snapshot, len(e.History))
	cur := revision.Snapshot{Title: e.Title, Summary: e.Summary, Body: e.Body}
	for i := len(e.History) - 1; i >= 0; i-- {
		snaps[i] = cur
		r := e.History[i]
		if i == 0 {
			if len(r.Sections) > 0 || len(r.Added) > 0 || len(r.Changed) > 0 || r.OldTitle != "" || r.OldSummary != "" {
				return nil, fmt.Errorf("entry %q: its first save can change nothing", e.Slug)
			}
			break
		}
		for _, h := range r.Sections {
			body, ok := withoutSection(cur.Body, h)
			if !ok {
				return nil, fmt.Errorf("entry %q, save %d: the body lacks the section it added, %q", e.Slug, i+1, h)
			}
			cur.Body = body
		}
		for _, a := range r.Added {
			if !strings.Contains(cur.Body, a) {
				return nil, fmt.Errorf("entry %q, save %d: the body lacks the passage it added, %q", e.Slug, i+1, a)
			}
			cur.Body = strings.Replace(cur.Body, a, "", 1)
		}
		for _, c := range r.Changed {
			switch {
			case strings.Contains(cur.Body, c[1]):
				cur.Body = strings.Replace(cur.Body, c[1], c[0], 1)
			case strings.Contains(cur.Summary, c[1]):
				cur.Summary = strings.Replace(cur.Summary, c[1], c[0], 1)
			default:
				return nil, fmt.Errorf("entry %q, save %d: the text lacks the wording it changed, %q", e.Slug, i+1, c[1])
			}
		}
		if r.OldTitle != "" {
			cur.Title = r.OldTitle
		}
		if r.OldSummary != "" {
			cur.Summary = r.OldSummary
		}
	}
	return snaps, nil
}

// withoutSection returns body without the section that starts with the
// line heading, up to the next "## " heading or the end.
func withoutSection(body, heading string) (string, bool) {
	start := -1
	for i := 0; ; {
		j := strings.Index(body[i:], heading+"\n")
		if j < 0 {
			break
		}
		if k := i + j; k == 0 || body[k-1] == '\n' {
			start = k
			break
		}
		i += j + 1
	}
	if start < 0 {
		return body, false
	}
	end := len(body)
	if j := strings.Index(body[start+len(heading):], "\n## "); j >= 0 {
		end = start + len(heading) + j + 1
	}
	return strings.TrimRight(body[:start]+body[end:], "\n"), true
}

// views is a plausible, deterministic view count: more for older and more
// helpful entries, with some spread from the slug.
func (e entryData) views(age time.Duration) int {
	if e.Maturity == "draft" {
		return len(e.History)
	}
	h := fnv.New32a()
	h.Write([]byte(e.Slug))
	return 9 + int(h.Sum32()%70) + 11*len(e.Helpful) + 4*len(e.Comments) + int(age.Hours()/24/6)
}

// loadPractice writes every community's repertoire: entries with their
// people, tags, revisions, comments and helpful marks, then the collections.
// Times come from the data, moved later where needed so that nobody acts
// before they joined and each save follows the one before.
func loadPractice(ctx context.Context, tx *db.Tx, l *loaded) error {
	for _, c := range communities {
		com, ok := l.communities[c.Slug]
		if !ok {
			return errUnknown("community", c.Slug)
		}
		limit := l.now // nothing happens in an archived community after it closed
		if c.Archived > 0 {
			limit = l.ago(c.Archived)
		}
		rep := repertoires[c.Slug]
		for _, e := range rep.Entries {
			if err := loadEntry(ctx, tx, l, c.Slug, com, limit, e); err != nil {
				return errs.Wrap(err, "entry "+c.Slug+"/"+e.Slug)
			}
		}
		for _, col := range rep.Collections {
			if err := loadCollection(ctx, tx, l, c.Slug, com, col); err != nil {
				return errs.Wrap(err, "collection "+c.Slug+"/"+col.Slug)
			}
		}
	}
	return nil
}

// when returns the time days ago, moved to just after handle joined the
// community and after not, and refuses a time past limit.
func (l *loaded) when(community, handle string, days int, not, limit time.Time) (time.Time, error) {
	joined, ok := l.joined[memberKey(community, handle)]
	if !ok {
		return time.Time{}, fmt.Errorf("%s is not an active member of %s", handle, community)
	}
	at := later(later(l.ago(days), joined.Add(time.Hour)), not.Add(time.Hour))
	if at.After(limit) {
		return time.Time{}, fmt.Errorf("%s acts %d days ago, after %s", handle, days, limit.Format(time.DateOnly))
	}
	return at, nil
}

func loadEntry(ctx context.Context, tx *db.Tx, l *loaded, slug string, com row, limit time.Time, e entryData) error {
	if len(e.History) == 0 || len(e.Authors) == 0 {
		return fmt.Errorf("an entry needs an author and a first save")
	}
	snaps, err := e.snapshots()
	if err != nil {
		return err
	}
	person := func(handle string) (any, error) {
		if handle == "" {
			return nil, nil
		}
		p, ok := l.people[handle]
		if !ok {
			return nil, errUnknown("person", handle)
		}
		return p.ID, nil
	}

	// The times of the saves: the first after every author joined.
	times := make([]time.Time, len(e.History))
	prev := com.At
	for _, a := range e.Authors {
		j, ok := l.joined[memberKey(slug, a)]
		if !ok {
			return fmt.Errorf("author %s is not an active member", a)
		}
		prev = later(prev, j)
	}
	since := map[string]time.Time{} // when each person first saved it
	for i, r := range e.History {
		if times[i], err = l.when(slug, r.By, r.Days, prev, limit); err != nil {
			return err
		}
		prev = times[i]
		if _, ok := since[r.By]; !ok {
			since[r.By] = times[i]
		}
	}
	created, updated := times[0], times[len(times)-1]
	var publishedAt *time.Time
	if e.Maturity != string(practice.Draft) {
		publishedAt = &created
	}
	var reviewBy, verifiedAt *time.Time
	if e.ReviewBy != 0 {
		d := l.now.AddDate(0, 0, e.ReviewBy).Truncate(24 * time.Hour)
		reviewBy = &d
	}
	if e.Verified > 0 {
		at, err := l.when(slug, e.VerifiedBy, e.Verified, updated, limit)
		if err != nil {
			return err
		}
		verifiedAt = &at
	}
	ids := map[string]any{}
	for _, h := range []string{e.Authors[0], e.ReviewedBy, e.EndorsedBy, e.VerifiedBy} {
		if ids[h], err = person(h); err != nil {
			return err
		}
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO entries (community_id, slug, kind, title, summary, body, resource_url, source,
		maturity, revision, comments_open, review_by, verified_at, verified_by, reviewed_by, endorsed_by, views,
		created_by, created_at, updated_at, published_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
		com.ID, e.Slug, e.Kind, e.Title, e.Summary, e.Body, e.ResourceURL, e.Source,
		e.Maturity, len(e.History), !e.Closed, reviewBy, verifiedAt, ids[e.VerifiedBy], ids[e.ReviewedBy], ids[e.EndorsedBy],
		e.views(limit.Sub(created)), ids[e.Authors[0]], created, updated, publishedAt).Scan(&id)
	if err != nil {
		return errs.Wrap(err, "insert")
	}
	l.entries[entryKey(slug, e.Slug)] = row{ID: id, At: created}

	// Authors, then whoever else saved it, as contributors.
	for _, a := range e.Authors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_people (entry_id, person_id, role, since) VALUES ($1, $2, 'author', $3)`,
			id, l.people[a].ID, created); err != nil {
			return errs.Wrap(err, "add author")
		}
	}
	for _, r := range e.History {
		if slices.Contains(e.Authors, r.By) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_people (entry_id, person_id, role, since) VALUES ($1, $2, 'contributor', $3)
			ON CONFLICT (entry_id, person_id) DO NOTHING`, id, l.people[r.By].ID, since[r.By]); err != nil {
			return errs.Wrap(err, "add contributor")
		}
	}
	for _, t := range e.Tags {
		if _, err := tx.ExecContext(ctx, "INSERT INTO entry_tags (entry_id, tag, community_id) SELECT $1, $2, community_id FROM entries WHERE id = $1", id, t); err != nil {
			return errs.Wrap(err, "tag")
		}
	}
	for i, r := range e.History {
		if _, err := revision.Record(ctx, tx, revision.Subject{Type: "entry", ID: id}, snaps[i], l.people[r.By].ID, r.Note, 0, times[i]); err != nil {
			return err
		}
	}
	if err := search.IndexEntry(ctx, tx, tx.Dialect(), id); err != nil {
		return err
	}

	// Comments follow publication, each after the one before.
	prev = created
	for _, cm := range e.Comments {
		at, err := l.when(slug, cm.By, cm.Days, prev, limit)
		if err != nil {
			return err
		}
		prev = at
		var hiddenAt *time.Time
		hiddenBy, err := person(cm.HiddenBy)
		if err != nil {
			return err
		}
		if cm.HiddenBy != "" {
			h := at.Add(3*time.Hour + 17*time.Minute)
			if h.After(limit) {
				h = limit
			}
			hiddenAt = &h
		}
		var cid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at, hidden_at, hidden_by)
			VALUES ('entry', $1, $7, 'comment', $2, $3, $4, $4, $5, $6) RETURNING id`, id, l.people[cm.By].ID, cm.Body, at, hiddenAt, hiddenBy, com.ID).Scan(&cid); err != nil {
			return errs.Wrap(err, "insert comment")
		}
		if err := search.IndexComment(ctx, tx, tx.Dialect(), cid); err != nil {
			return err
		}
	}

	// Helpful marks, spread between publication and now (or the archiving).
	for i, h := range e.Helpful {
		span := limit.Sub(created)
		at := created.Add(span * time.Duration(i+1) / time.Duration(len(e.Helpful)+1))
		j, ok := l.joined[memberKey(slug, h)]
		if !ok {
			return fmt.Errorf("%s, who found it helpful, is not an active member", h)
		}
		at = later(at, j.Add(time.Hour))
		if at.After(limit) {
			at = limit
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO entry_helpful (entry_id, person_id, created_at) VALUES ($1, $2, $3)",
			id, l.people[h].ID, at); err != nil {
			return errs.Wrap(err, "mark helpful")
		}
	}
	return nil
}

func loadCollection(ctx context.Context, tx *db.Tx, l *loaded, slug string, com row, col collectionData) error {
	created := later(l.ago(col.Days), com.At.Add(time.Hour))
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO collections (community_id, slug, title, description, start_here, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		com.ID, col.Slug, col.Title, col.Description, col.Slug == practice.StartHereSlug, created).Scan(&id); err != nil {
		return errs.Wrap(err, "insert")
	}
	for i, s := range col.Entries {
		e, ok := l.entries[entryKey(slug, s)]
		if !ok {
			return errUnknown("entry", s)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO collection_entries (collection_id, entry_id, position) VALUES ($1, $2, $3)",
			id, e.ID, i+1); err != nil {
			return errs.Wrap(err, "add entry")
		}
	}
	return nil
}
