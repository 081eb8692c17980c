package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// uploadWithAlt posts the upload form as a browser sends it: the image's
// description first, then the file.
func uploadWithAlt(t *testing.T, e *apptest.Env, c *apptest.Client, path, name, alt string, data []byte) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.WriteField("alt", alt); err != nil {
		t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, e.Server.URL+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", e.Server.URL)
	return c.Do(req)
}

// TestImageAltTextFromUploader: the upload form asks what the picture
// shows (before the file, so the streamed upload reads it first); the words
// are stored on one line and are the image's alt text; without them the
// file name is; a description too long is refused and stores nothing.
func TestImageAltTextFromUploader(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		mem := e.Person("mem")
		e.Community(mem, "potters", community.Public, community.Open)
		lib := practice.NewService(d, e.Communities, nil)
		entry, err := lib.Create(context.Background(), mem, "potters", practice.Input{Kind: practice.Lesson, Title: "Glaze", Summary: "Blue.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		base := "/c/potters/practice/" + entry.Slug
		c := e.As("mem")

		page := c.Get(base).Body
		if a, f := strings.Index(page, `id="f-alt"`), strings.Index(page, `id="f-attachment"`); a < 0 || f < 0 || a > f {
			t.Fatalf("the form must ask for the description before the file (alt at %d, file at %d)", a, f)
		}

		wantRedirect(t, "described", uploadWithAlt(t, e, c, base+"/attachments", "IMG_0042.png", "A blue bowl,\n glazed  inside", smallPNG(t, 40, 30)), base)
		wantRedirect(t, "undescribed", uploadWithAlt(t, e, c, base+"/attachments", "kiln.png", "  ", smallPNG(t, 40, 30)), base)
		if got := text(t, d, "SELECT alt FROM attachments WHERE filename = 'IMG_0042.png'"); got != "A blue bowl, glazed inside" {
			t.Errorf("stored alt = %q", got)
		}
		page = c.Get(base).Body
		contains(t, "entry page", page, `alt="A blue bowl, glazed inside"`, `alt="kiln.png"`)
		lacks(t, "entry page", page, `alt="IMG_0042.png"`)

		before := count(t, d, "SELECT COUNT(*) FROM attachments")
		res := uploadWithAlt(t, e, c, base+"/attachments", "long.png", strings.Repeat("a", practice.MaxAlt+1), smallPNG(t, 4, 4))
		wantStatus(t, "too long", res, http.StatusUnprocessableEntity)
		contains(t, "too long", res.Body, "Describe the image in at most 500 characters.")
		if n := count(t, d, "SELECT COUNT(*) FROM attachments"); n != before {
			t.Errorf("a refused description stored the file: %d attachments, want %d", n, before)
		}
	})
}
