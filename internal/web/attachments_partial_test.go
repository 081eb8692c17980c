package web

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestAttachmentPartials renders the "attachments" and "attachment-upload"
// partials from entryAttachments, the data an entry page passes them.
func TestAttachmentPartials(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.SQLite(t)
	accounts := auth.NewService(d, auth.Options{BaseURL: "http://hearth.test"})
	communities := community.NewService(d, accounts, "http://hearth.test", nil)
	lib := practice.NewService(d, communities, nil)
	lib.SetMaxUpload(3 << 20)
	s, err := New(Deps{DB: d, Auth: accounts, Communities: communities, Practice: lib})
	if err != nil {
		t.Fatal(err)
	}
	const password = "correct horse battery"
	if _, err := accounts.CreateAdmin(ctx, "Test", auth.NewAccount{Name: "Ada Admin", Handle: "ada", Email: "ada@example.org", Password: password}); err != nil {
		t.Fatal(err)
	}
	ada, _, err := accounts.SignIn(ctx, "ada@example.org", password, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := communities.Create(ctx, ada, community.Charter{Name: "Weavers", Slug: "weavers", Purpose: "We weave.",
		Visibility: community.Public, JoinPolicy: community.Open}); err != nil {
		t.Fatal(err)
	}
	e, err := lib.Create(ctx, ada, "weavers", practice.Input{Kind: practice.Practice, Title: "Warping a loom", Summary: "Step by step.", Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	// In this order: the expectations below name the attachments by id.
	for _, f := range []struct {
		name string
		data []byte
	}{{"loom & frame.png", pic.Bytes()}, {"pattern #2?.pdf", []byte("%PDF-1.4 " + strings.Repeat("x", 2000))}} {
		if _, err := lib.Attach(ctx, ada, "weavers", e.Slug, f.name, "", bytes.NewReader(f.data)); err != nil {
			t.Fatal(err)
		}
	}

	render := func(a auth.Actor, name string) string {
		t.Helper()
		ev, err := lib.Get(ctx, a, "weavers", e.Slug)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.entryAttachments(ctx, ev, entryURL("weavers", e.Slug))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := s.pages.sets["message"].ExecuteTemplate(&out, name, list); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	base := "/c/weavers/practice/warping-a-loom/attachments"
	html := render(ada, "attachments")
	for _, want := range []string{
		`<img src="` + base + `/1/loom%20&amp;%20frame.png" alt="loom &amp; frame.png" loading="lazy" width="40" height="30">`,
		`<a href="` + base + `/2/pattern%20%232_.pdf" download="pattern #2_.pdf">pattern #2_.pdf</a>`,
		"(download, 2 KB)",
		`action="` + base + `/2/delete"`,
		`aria-label="Remove pattern #2_.pdf"`,
		`name="next" value="/c/weavers/practice/warping-a-loom"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("attachments lack %s:\n%s", want, html)
		}
	}
	form := render(ada, "attachment-upload")
	for _, want := range []string{`action="` + base + `"`, `enctype="multipart/form-data"`, `<label for="f-attachment">`,
		`<input id="f-attachment" name="file" type="file"`, "Up to 3 MiB", `<button type="submit">Attach</button>`} {
		if !strings.Contains(form, want) {
			t.Errorf("upload form lacks %s:\n%s", want, form)
		}
	}
	if strings.Index(form, `name="next"`) > strings.Index(form, `name="file"`) {
		t.Error(`"next" must come before "file", which the handler reads as a stream`)
	}

	// A visitor sees the files, without the upload form or remove buttons.
	html = render(auth.Actor{}, "attachments")
	if !strings.Contains(html, "<img") || strings.Contains(html, "delete") {
		t.Errorf("visitor's list:\n%s", html)
	}
	if form := render(auth.Actor{}, "attachment-upload"); strings.TrimSpace(form) != "" {
		t.Errorf("visitor sees an upload form:\n%s", form)
	}
}
