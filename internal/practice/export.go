package practice

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// exportBatch is how many entries Export holds in memory at once.
const exportBatch = 50

// Export writes the community's whole repertoire to w as a ZIP archive, so
// that its knowledge outlives this installation: README.md (the community,
// its charter and the date), collections.md (the collections in order), and
// for every entry, drafts included, entries/<slug>.md (YAML front matter,
// then the Markdown body) with its attachments in entries/<slug>/. siteURL
// (the instance's public address) makes the permalinks absolute.
//
// Stewards only: NotFound to whoever may not read the community,
// Unauthenticated to a visitor who may, Forbidden to the others. Nothing is
// written to w before the permission check, so a caller may wait for the
// first write to send headers. Entries are read in batches of exportBatch
// (four queries each) and attachments one at a time, so memory stays
// bounded however large the library.
func (s *Service) Export(ctx context.Context, a auth.Actor, communitySlug, siteURL string, w io.Writer) error {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return err
	}
	if !v.CanRead() {
		return errs.NotFoundf("There is no such community, or you may not see it.")
	}
	if !v.IsSteward() {
		if !a.SignedIn() {
			// A steward whose session ended comes back here after signing in.
			return errs.New(errs.Unauthenticated, "Please sign in.")
		}
		return errs.Forbiddenf("Only the community's stewards can download its whole library.")
	}
	collections, err := s.Collections(ctx, v)
	if err != nil {
		return err
	}
	ex := exporter{s: s, v: v, site: strings.TrimRight(siteURL, "/"), now: s.now(), zw: zip.NewWriter(w)}
	if err := ex.file("README.md", ex.now, ex.readme()); err != nil {
		return err
	}
	if err := ex.file("collections.md", ex.now, ex.collections(collections)); err != nil {
		return err
	}
	var after int64
	for {
		batch, err := s.exportBatch(ctx, v.ID, after)
		if err != nil {
			return err
		}
		for _, e := range batch {
			if err := ex.entry(ctx, e); err != nil {
				return err
			}
		}
		if len(batch) < exportBatch {
			break
		}
		after = batch[len(batch)-1].ID
	}
	return errs.Wrap(ex.zw.Close(), "finish export")
}

// exportEntry is an entry with the attachments Export writes beside it.
type exportEntry struct {
	Entry
	files []exportFile
}

// exportFile is an attachment's name in the archive; its data is read when
// it is written.
type exportFile struct {
	id   int64
	name string
}

// exportBatch reads up to exportBatch entries of the community with ids
// above after, in id order, with their people, tags and attachment names.
func (s *Service) exportBatch(ctx context.Context, communityID, after int64) ([]exportEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e`+entryJoins+`
		WHERE e.community_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3`, communityID, after, exportBatch)
	if err != nil {
		return nil, errs.Wrap(err, "export entries")
	}
	defer rows.Close()
	var list []Entry
	var ids []int64
	for rows.Next() {
		var e Entry
		if err := scanEntry(rows, &e); err != nil {
			return nil, errs.Wrap(err, "export entries")
		}
		list = append(list, e)
		ids = append(ids, e.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "export entries")
	}
	rows.Close()
	if len(list) == 0 {
		return nil, nil
	}
	if err := fillPeopleAndTags(ctx, s.db, list, ids); err != nil {
		return nil, err
	}
	files, err := s.attachmentNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]exportEntry, len(list))
	for i, e := range list {
		out[i] = exportEntry{Entry: e, files: files[e.ID]}
	}
	return out, nil
}

// attachmentNames lists the attachments of several entries in one query,
// each under a name safe to use as a file name and unique in its entry.
func (s *Service) attachmentNames(ctx context.Context, ids []int64) (map[int64][]exportFile, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, entry_id, filename FROM attachments WHERE entry_id IN (`+
		db.Placeholders(1, len(ids))+`) ORDER BY entry_id, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "export attachments")
	}
	defer rows.Close()
	out := map[int64][]exportFile{}
	taken := map[int64]map[string]bool{}
	for rows.Next() {
		var f exportFile
		var entryID int64
		if err := rows.Scan(&f.id, &entryID, &f.name); err != nil {
			return nil, errs.Wrap(err, "export attachments")
		}
		if taken[entryID] == nil {
			taken[entryID] = map[string]bool{}
		}
		f.name = uniqueName(SafeFileName(f.name, "attachment-"+strconv.FormatInt(f.id, 10)), taken[entryID])
		out[entryID] = append(out[entryID], f)
	}
	return out, errs.Wrap(rows.Err(), "export attachments")
}

// exporter writes one archive.
type exporter struct {
	s    *Service
	v    community.View
	site string
	now  time.Time
	zw   *zip.Writer
}

// file adds a file to the archive.
func (ex *exporter) file(name string, modified time.Time, data []byte) error {
	fw, err := ex.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified.UTC()})
	if err != nil {
		return errs.Wrap(err, "export "+name)
	}
	_, err = fw.Write(data)
	return errs.Wrap(err, "export "+name)
}

// entry writes an entry's Markdown file, then its attachments, reading each
// one's data only as it goes.
func (ex *exporter) entry(ctx context.Context, e exportEntry) error {
	dir := "entries/" + SafeFileName(e.Slug, "entry-"+strconv.FormatInt(e.ID, 10))
	md, err := ex.markdown(e, path.Base(dir))
	if err != nil {
		return err
	}
	if err := ex.file(dir+".md", e.UpdatedAt, md); err != nil {
		return err
	}
	for _, f := range e.files {
		var data []byte
		if err := ex.s.db.QueryRowContext(ctx, "SELECT data FROM attachments WHERE id = $1", f.id).Scan(&data); err != nil {
			return errs.Wrap(err, "export attachment")
		}
		if err := ex.file(dir+"/"+f.name, e.UpdatedAt, data); err != nil {
			return err
		}
	}
	return nil
}

// FrontMatter is the metadata at the head of each exported entry, as YAML.
type FrontMatter struct {
	Title        string         `yaml:"title"`
	Kind         Kind           `yaml:"kind"`
	Maturity     Maturity       `yaml:"maturity"`
	Summary      string         `yaml:"summary"`
	Tags         []string       `yaml:"tags"`
	Authors      []PersonMatter `yaml:"authors"`
	Contributors []PersonMatter `yaml:"contributors"`
	Created      time.Time      `yaml:"created"`
	Updated      time.Time      `yaml:"updated"`
	Published    *time.Time     `yaml:"published"`
	ReviewBy     string         `yaml:"review_by"`
	VerifiedAt   *time.Time     `yaml:"verified_at"`
	ResourceURL  string         `yaml:"resource_url"`
	Source       string         `yaml:"source"`
	Revision     int            `yaml:"revision"`
	Permalink    string         `yaml:"permalink"`
	Attachments  []string       `yaml:"attachments,omitempty"` // paths relative to the entry's file
}

// PersonMatter is an author or contributor in the front matter.
type PersonMatter struct {
	Handle string `yaml:"handle"`
	Name   string `yaml:"name"`
}

// markdown renders an exported entry: front matter between "---" lines,
// then the body. The YAML encoder quotes every value that needs it.
func (ex *exporter) markdown(e exportEntry, dir string) ([]byte, error) {
	fm := FrontMatter{Title: e.Title, Kind: e.Kind, Maturity: e.Maturity, Summary: e.Summary, Tags: nonNil(e.Tags),
		Authors: []PersonMatter{}, Contributors: []PersonMatter{},
		Created: second(e.CreatedAt), Updated: second(e.UpdatedAt), Published: secondPtr(e.PublishedAt),
		VerifiedAt: secondPtr(e.VerifiedAt), ResourceURL: e.ResourceURL, Source: e.Source, Revision: e.Revision,
		Permalink: ex.site + "/c/" + url.PathEscape(ex.v.Slug) + "/practice/" + url.PathEscape(e.Slug)}
	if e.ReviewBy != nil {
		fm.ReviewBy = e.ReviewBy.UTC().Format("2006-01-02")
	}
	for _, p := range e.People {
		pm := PersonMatter{Handle: p.Handle, Name: p.Name}
		if p.Role == "author" {
			fm.Authors = append(fm.Authors, pm)
		} else {
			fm.Contributors = append(fm.Contributors, pm)
		}
	}
	for _, f := range e.files {
		fm.Attachments = append(fm.Attachments, dir+"/"+f.name)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, errs.Wrap(err, "export front matter")
	}
	if err := enc.Close(); err != nil {
		return nil, errs.Wrap(err, "export front matter")
	}
	b.WriteString("---\n")
	if e.Body != "" {
		b.WriteString("\n" + e.Body + "\n")
	}
	return b.Bytes(), nil
}

// readme describes the community and the archive.
func (ex *exporter) readme() []byte {
	var b strings.Builder
	v := ex.v
	fmt.Fprintf(&b, "# %s\n\n", v.Name)
	if v.Purpose != "" {
		fmt.Fprintf(&b, "%s\n\n", v.Purpose)
	}
	if v.Scope != "" {
		fmt.Fprintf(&b, "## Scope\n\n%s\n\n", v.Scope)
	}
	if v.KeyQuestions != "" {
		fmt.Fprintf(&b, "## Key questions\n\n%s\n\n", v.KeyQuestions)
	}
	fmt.Fprintf(&b, "## About this export\n\nThe practice library of %s, exported on %s from %s/c/%s.\n\n",
		v.Name, ex.now.UTC().Format("2 January 2006"), ex.site, v.Slug)
	b.WriteString("- `entries/<entry>.md`: one file per entry, drafts included. Each starts with its metadata as YAML front matter " +
		"(title, kind, maturity, summary, tags, authors, contributors, dates, revision, permalink), then the text in Markdown.\n")
	b.WriteString("- `entries/<entry>/`: the entry's attachments, where it has any.\n")
	b.WriteString("- `collections.md`: the community's curated collections, in order.\n")
	return []byte(b.String())
}

// collections lists the collections and their entries in order.
func (ex *exporter) collections(cs []Collection) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Collections of %s\n", ex.v.Name)
	for _, c := range cs {
		fmt.Fprintf(&b, "\n## %s\n\n", c.Title)
		if c.Description != "" {
			fmt.Fprintf(&b, "%s\n\n", c.Description)
		}
		if len(c.Entries) == 0 {
			b.WriteString("(No entries yet.)\n")
		}
		for i, e := range c.Entries {
			fmt.Fprintf(&b, "%d. [%s](entries/%s.md)\n", i+1, linkText(e.Title), SafeFileName(e.Slug, "entry-"+strconv.FormatInt(e.ID, 10)))
		}
	}
	return []byte(b.String())
}

// linkText escapes the characters that would end a Markdown link's text.
func linkText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// SafeFileName makes name safe as one file name in an archive (and on the
// file systems it is unpacked on): no directories, no "." or "..", no
// control or reserved characters, at most 100 bytes. It returns fallback
// when nothing usable is left.
func SafeFileName(name, fallback string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = strings.TrimPrefix(path.Base(path.Clean("/"+name)), "/") // "/" when nothing is left
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) || r == unicode.ReplacementChar {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if len(name) > 100 {
		ext := path.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		name = strings.ToValidUTF8(name[:100-len(ext)], "") + ext
	}
	if name == "" || name == "." || name == ".." {
		return fallback
	}
	return name
}

// uniqueName returns name, or name with -2, -3... before its extension,
// whichever taken lacks; and takes it.
func uniqueName(name string, taken map[string]bool) string {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	out := name
	for i := 2; taken[strings.ToLower(out)]; i++ {
		out = base + "-" + strconv.Itoa(i) + ext
	}
	taken[strings.ToLower(out)] = true
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func second(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

func secondPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := second(*t)
	return &u
}
