package practice_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// exported runs Export as a and opens the archive, failing on error.
func (f *libraryFixture) exported(t *testing.T, a auth.Actor) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.svc.Export(context.Background(), a, f.slug, fixtureSite, &buf); err != nil {
		t.Fatalf("export: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("open the archive: %v", err)
	}
	files := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("open %s: %v", zf.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", zf.Name, err)
		}
		if _, dup := files[zf.Name]; dup {
			t.Errorf("%s is in the archive twice", zf.Name)
		}
		files[zf.Name] = data
	}
	return files
}

// attach stores an attachment of entry e directly in the database.
func (f *libraryFixture) attach(t *testing.T, e practice.Entry, filename string, data []byte) {
	t.Helper()
	_, err := f.d.ExecContext(context.Background(), `INSERT INTO attachments (community_id, entry_id, uploader_id, filename, content_type, size, data, created_at)
		VALUES ($1, $2, $3, $4, 'application/octet-stream', $5, $6, $7)`, e.CommunityID, e.ID, f.member.PersonID, filename, len(data), data, db.Now())
	if err != nil {
		t.Fatalf("attach %s: %v", filename, err)
	}
}

// splitEntryFile parses an exported entry: its front matter and body.
func splitEntryFile(t *testing.T, name string, data []byte) (practice.FrontMatter, string) {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("%s does not start with front matter:\n%s", name, s)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: front matter does not end:\n%s", name, s)
	}
	var fm practice.FrontMatter
	dec := yaml.NewDecoder(strings.NewReader(s[4 : 4+end+1]))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		t.Fatalf("%s: front matter does not parse: %v\n%s", name, err, s)
	}
	return fm, strings.TrimPrefix(s[4+end+5:], "\n")
}

func TestExportWritesEveryEntryWithFrontMatterAndAttachments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newLibraryFixture(t, d, "potters", community.Public)
		reviewBy := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
		tricky := f.write(t, f.member, practice.Input{Kind: practice.Practice, Title: `Glaze: "food safe"? # not a comment`,
			Summary: "Line one: with a colon\n---\n  - not a list\n'quoted' & \"double\"", Tags: "glaze, safety",
			Body: "## Steps\n\n---\n\nFire it *twice*.", ResourceURL: "https://example.org/glazes?a=1&b=2",
			Source: "A gathering: spring 2026", ReviewBy: reviewBy, Publish: true})
		// The steward improves it, becoming a contributor.
		if _, err := f.svc.Update(ctx, f.steward, f.slug, tricky.Slug, practice.Input{Kind: practice.Practice, Title: tricky.Title,
			Summary: tricky.Summary, Body: tricky.Body + "\n\nCool slowly.", Tags: "glaze, safety", ResourceURL: "https://example.org/glazes?a=1&b=2",
			Source: "A gathering: spring 2026", ReviewBy: reviewBy, BaseRevision: 1}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Verify(ctx, f.steward, f.slug, tricky.Slug); err != nil {
			t.Fatal(err)
		}
		draft := f.write(t, f.member, practice.Input{Kind: practice.Story, Title: "Unfinished story", Body: "To be continued."})
		// A title from older data, with a newline and quotes, must survive too.
		legacy := f.write(t, f.steward, practice.Input{Title: "Legacy entry", Publish: true})
		legacyTitle := "Line one\nLine two: \"quoted\" and 'single' #hash\t\\backslash\u2028sep"
		if _, err := d.ExecContext(ctx, "UPDATE entries SET title = $1 WHERE id = $2", legacyTitle, legacy.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AddToCollection(ctx, f.steward, f.slug, practice.StartHereSlug, legacy.Slug); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AddToCollection(ctx, f.steward, f.slug, practice.StartHereSlug, tricky.Slug); err != nil {
			t.Fatal(err)
		}
		f.attach(t, tricky, "kiln.png", []byte("\x89PNG fake image"))
		f.attach(t, tricky, "notes.txt", []byte("first"))
		f.attach(t, tricky, "notes.txt", []byte("second"))
		f.attach(t, tricky, "../../etc/passwd", []byte("not a path"))
		f.attach(t, tricky, "..", []byte("no name"))

		files := f.exported(t, f.steward)
		var names []string
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		dir := "entries/" + tricky.Slug + "/"
		want := []string{"README.md", "collections.md", "entries/" + draft.Slug + ".md", "entries/" + legacy.Slug + ".md",
			"entries/" + tricky.Slug + ".md", dir + "attachment-" + fmt.Sprint(attachmentID(t, d, "..")), dir + "kiln.png",
			dir + "notes-2.txt", dir + "notes.txt", dir + "passwd"}
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Fatalf("archive holds\n%v\nwant\n%v", names, want)
		}
		if got := string(files[dir+"notes.txt"]) + "|" + string(files[dir+"notes-2.txt"]) + "|" + string(files[dir+"kiln.png"]); got != "first|second|\x89PNG fake image" {
			t.Errorf("attachments hold %q", got)
		}

		fm, body := splitEntryFile(t, "tricky", files["entries/"+tricky.Slug+".md"])
		if fm.Title != tricky.Title || fm.Summary != tricky.Summary || fm.Kind != practice.Practice || fm.Maturity != practice.Published {
			t.Errorf("front matter = %+v", fm)
		}
		if body != tricky.Body+"\n\nCool slowly.\n" {
			t.Errorf("body = %q", body)
		}
		if !slices.Equal(fm.Tags, []string{"glaze", "safety"}) {
			t.Errorf("tags = %v", fm.Tags)
		}
		wantAuthors := []practice.PersonMatter{{Handle: "mem", Name: "Mem Tester"}}
		wantContributors := []practice.PersonMatter{{Handle: "stew", Name: "Stew Tester"}}
		if !slices.Equal(fm.Authors, wantAuthors) || !slices.Equal(fm.Contributors, wantContributors) {
			t.Errorf("authors %v, contributors %v", fm.Authors, fm.Contributors)
		}
		if fm.Revision != 2 || fm.Permalink != fixtureSite+"/c/potters/practice/"+tricky.Slug ||
			fm.ResourceURL != "https://example.org/glazes?a=1&b=2" || fm.Source != "A gathering: spring 2026" {
			t.Errorf("front matter = %+v", fm)
		}
		if fm.ReviewBy != reviewBy || fm.VerifiedAt == nil || fm.Published == nil || fm.Created.IsZero() || fm.Updated.Before(fm.Created) {
			t.Errorf("dates: review by %q, verified %v, published %v, created %v, updated %v", fm.ReviewBy, fm.VerifiedAt, fm.Published, fm.Created, fm.Updated)
		}
		if d := fm.Created.Sub(tricky.CreatedAt); d > time.Second || d < -time.Second {
			t.Errorf("created %v, want %v", fm.Created, tricky.CreatedAt)
		}
		if !slices.Contains(fm.Attachments, tricky.Slug+"/passwd") || len(fm.Attachments) != 5 {
			t.Errorf("attachments = %v", fm.Attachments)
		}

		fm, _ = splitEntryFile(t, "legacy", files["entries/"+legacy.Slug+".md"])
		if fm.Title != legacyTitle {
			t.Errorf("legacy title = %q, want %q", fm.Title, legacyTitle)
		}
		fm, body = splitEntryFile(t, "draft", files["entries/"+draft.Slug+".md"])
		if fm.Maturity != practice.Draft || fm.Published != nil || body != "To be continued.\n" {
			t.Errorf("draft: %+v, body %q", fm, body)
		}

		readme := string(files["README.md"])
		for _, s := range []string{"# Community potters", "We practise potters together.", time.Now().UTC().Format("2 January 2006"), fixtureSite + "/c/potters"} {
			if !strings.Contains(readme, s) {
				t.Errorf("README lacks %q:\n%s", s, readme)
			}
		}
		collections := string(files["collections.md"])
		first := strings.Index(collections, "entries/"+legacy.Slug+".md")
		second := strings.Index(collections, "entries/"+tricky.Slug+".md")
		if !strings.Contains(collections, "## Start here") || first < 0 || second < first {
			t.Errorf("collections.md does not list Start here in order:\n%s", collections)
		}
	})
}

func attachmentID(t *testing.T, d *db.DB, filename string) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), "SELECT id FROM attachments WHERE filename = $1", filename).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestExportReadsLargeLibrariesInBatches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newLibraryFixture(t, d, "big", community.Private)
		const n = 53 // more than one batch
		for i := range n {
			f.write(t, f.member, practice.Input{Title: fmt.Sprintf("Entry number %d", i), Publish: i%3 != 0})
		}
		files := f.exported(t, f.steward)
		md := 0
		for name := range files {
			if strings.HasPrefix(name, "entries/") && strings.HasSuffix(name, ".md") {
				md++
			}
		}
		if md != n {
			t.Errorf("archive holds %d entries, want %d", md, n)
		}
	})
}

func TestExportIsForStewards(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newLibraryFixture(t, d, "guild", community.Private)
		f.write(t, f.member, practice.Input{Title: "Guild secret", Publish: true})
		outsider := fixturePerson(t, d, "outsider")
		moderator := fixturePerson(t, d, "moder")
		f.join(t, f.slug, moderator, community.RoleModerator)
		f.community(t, "open-guild", community.Public)
		cases := []struct {
			who  string
			a    auth.Actor
			slug string
			kind errs.Kind
		}{
			{"member", f.member, f.slug, errs.Forbidden},
			{"moderator", moderator, f.slug, errs.Forbidden},
			{"outsider to a private community", outsider, f.slug, errs.NotFound},
			{"visitor to a private community", auth.Actor{}, f.slug, errs.NotFound},
			{"outsider to a public community", outsider, "open-guild", errs.Forbidden},
			{"visitor to a public community", auth.Actor{}, "open-guild", errs.Unauthenticated},
			{"steward of no such community", f.steward, "no-such-guild", errs.NotFound},
		}
		for _, c := range cases {
			var buf bytes.Buffer
			err := f.svc.Export(ctx, c.a, c.slug, fixtureSite, &buf)
			if errs.KindOf(err) != c.kind || err == nil {
				t.Errorf("%s: error %v, want kind %v", c.who, err, c.kind)
			}
			if buf.Len() != 0 {
				t.Errorf("%s: %d bytes written before the refusal", c.who, buf.Len())
			}
		}
	})
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":           "report.pdf",
		"../../etc/passwd":     "passwd",
		`..\..\boot.ini`:       "boot.ini",
		"..":                   "fallback",
		".":                    "fallback",
		"":                     "fallback",
		"/":                    "fallback",
		"a\x00b\nc.txt":        "a_b_c.txt",
		`what?: "a" <b>|c*.md`: "what__ _a_ _b__c_.md",
		" .hidden. ":           "hidden",
		"Ünïcode café.txt":     "Ünïcode café.txt",
	} {
		if got := practice.SafeFileName(in, "fallback"); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("é", 80) + ".jpeg"
	if got := practice.SafeFileName(long, "x"); len(got) > 100 || !strings.HasSuffix(got, ".jpeg") || !strings.HasPrefix(got, "éé") {
		t.Errorf("SafeFileName(long) = %q (%d bytes)", got, len(got))
	}
}
