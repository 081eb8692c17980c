package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
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

// upload posts a multipart form with field "file" as a same-origin browser
// would, with an optional "next" field before it.
func upload(t *testing.T, e *apptest.Env, c *apptest.Client, path, name string, data []byte, next string) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if next != "" {
		if err := mw.WriteField("next", next); err != nil {
			t.Fatal(err)
		}
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

// smallPNG encodes a w×h picture.
func smallPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// latestAttachment returns the id of the newest attachment.
func latestAttachment(t *testing.T, d *db.DB) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), "SELECT MAX(id) FROM attachments").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// wantHeaders fails the test unless res carries each header with a value
// that starts with the one given.
func wantHeaders(t *testing.T, res apptest.Response, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := res.Header.Get(k); !strings.HasPrefix(got, v) {
			t.Errorf("%s = %q, want %q…", k, got, v)
		}
	}
}

func TestAttachmentsOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		stew, mem := e.Person("stew"), e.Person("mem")
		e.Person("out")
		e.Community(stew, "potters", community.Public, community.Open)
		e.SetMembership("potters", mem, community.RoleMember, community.ActiveMember)
		lib := practice.NewService(d, e.Communities, nil)
		entry, err := lib.Create(ctx, mem, "potters", practice.Input{Kind: practice.Lesson, Title: "Cracked glaze", Summary: "What we learned.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		base := "/c/potters/practice/" + entry.Slug
		member, outsider, visitor := e.As("mem"), e.As("out"), e.Visitor()

		// An HTML file named .png is no image: it is served as a download
		// that the browser may neither sniff nor run.
		page := "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
		res := upload(t, e, member, base+"/attachments", "photo.png", []byte(page), "")
		if res.Status != http.StatusSeeOther || res.Location != base {
			t.Fatalf("upload: %d → %q\n%s", res.Status, res.Location, res.Body)
		}
		id := latestAttachment(t, d)
		res = visitor.Get(fmt.Sprintf("%s/attachments/%d/photo.png", base, id))
		if res.Status != http.StatusOK || res.Body != page {
			t.Fatalf("download: %d %q", res.Status, res.Body)
		}
		wantHeaders(t, res, map[string]string{"Content-Type": "application/octet-stream", "Content-Disposition": "attachment; filename=",
			"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox", "Cache-Control": "private"})
		if !strings.Contains(res.Header.Get("Content-Disposition"), "photo.png") {
			t.Errorf("Content-Disposition = %q", res.Header.Get("Content-Disposition"))
		}

		// A PNG named .txt is an image: inline, with its sniffed type.
		pic := smallPNG(t, 16, 9)
		upload(t, e, member, base+"/attachments", "diagram.txt", pic, "")
		res = member.Get(fmt.Sprintf("%s/attachments/%d/diagram.txt", base, latestAttachment(t, d)))
		if res.Status != http.StatusOK || res.Body != string(pic) {
			t.Fatalf("image download: %d", res.Status)
		}
		wantHeaders(t, res, map[string]string{"Content-Type": "image/png", "Content-Disposition": "inline",
			"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"})

		// A name beyond ASCII is offered in RFC 2231 form; "next" may lead
		// back to a page of the entry, never elsewhere.
		res = upload(t, e, member, base+"/attachments", "../Été 2026.pdf", []byte("%PDF-1.4 summer"), base+"/edit")
		if res.Location != base+"/edit" {
			t.Fatalf("upload with next: %d → %q", res.Status, res.Location)
		}
		res = member.Get(fmt.Sprintf("%s/attachments/%d/x", base, latestAttachment(t, d)))
		wantHeaders(t, res, map[string]string{"Content-Type": "application/octet-stream",
			"Content-Disposition": "attachment; filename*=utf-8''%C3%89t%C3%A9%202026.pdf"})
		if res = upload(t, e, member, base+"/attachments", "a.txt", []byte("a"), "https://evil.example/"); res.Location != base {
			t.Fatalf("next elsewhere: → %q", res.Location)
		}

		// Too large: 413 with the limit named; nothing stored.
		before := latestAttachment(t, d)
		res = upload(t, e, member, base+"/attachments", "big.bin", make([]byte, practice.DefaultMaxUpload+1), "")
		if res.Status != http.StatusRequestEntityTooLarge || !strings.Contains(res.Body, "10 MiB") {
			t.Fatalf("too large: %d\n%s", res.Status, res.Body)
		}
		// A picture claiming 50,000×50,000 pixels: refused, as a person's mistake.
		flood := smallPNG(t, 2, 2)
		binary.BigEndian.PutUint32(flood[16:20], 50_000)
		binary.BigEndian.PutUint32(flood[20:24], 50_000)
		binary.BigEndian.PutUint32(flood[29:33], crc32.ChecksumIEEE(flood[12:29]))
		res = upload(t, e, member, base+"/attachments", "flood.png", flood, "")
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "50000×50000") {
			t.Fatalf("pixel flood: %d\n%s", res.Status, res.Body)
		}
		if latestAttachment(t, d) != before {
			t.Fatal("a refused file was stored")
		}

		// Others may read but not attach or remove; a visitor is asked to sign in.
		if res = upload(t, e, outsider, base+"/attachments", "x.txt", []byte("x"), ""); res.Status != http.StatusForbidden {
			t.Fatalf("outsider upload: %d", res.Status)
		}
		if res = outsider.Post(fmt.Sprintf("%s/attachments/%d/delete", base, id), nil); res.Status != http.StatusSeeOther {
			t.Fatalf("outsider delete: %d", res.Status)
		}
		if res = visitor.Get(fmt.Sprintf("%s/attachments/%d/photo.png", base, id)); res.Status != http.StatusOK {
			t.Fatalf("after an outsider's delete: %d, want the file still there", res.Status)
		}
		if res = upload(t, e, visitor, base+"/attachments", "x.txt", []byte("x"), ""); res.Status != http.StatusUnauthorized {
			t.Fatalf("visitor upload: %d", res.Status)
		}

		// The member removes the HTML file; then it is gone.
		if res = member.Post(fmt.Sprintf("%s/attachments/%d/delete", base, id), nil); res.Status != http.StatusSeeOther || res.Location != base {
			t.Fatalf("delete: %d → %q", res.Status, res.Location)
		}
		if res = member.Get(fmt.Sprintf("%s/attachments/%d/photo.png", base, id)); res.Status != http.StatusNotFound {
			t.Fatalf("deleted file: %d", res.Status)
		}
		if res = member.Get(base + "/attachments/nope/x"); res.Status != http.StatusNotFound {
			t.Fatalf("bad id: %d", res.Status)
		}
	})
}

func TestAttachmentsOfPrivateAndDraftEntriesAreNotFound(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		stew, mem := e.Person("stew"), e.Person("mem")
		e.Person("out")
		e.Community(stew, "vault", community.Private, community.Open)
		e.SetMembership("vault", mem, community.RoleMember, community.ActiveMember)
		lib := practice.NewService(d, e.Communities, nil)
		pub, err := lib.Create(ctx, mem, "vault", practice.Input{Kind: practice.Story, Title: "Inside story", Summary: "Ours.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		draft, err := lib.Create(ctx, stew, "vault", practice.Input{Kind: practice.Story, Title: "Unfinished", Summary: "Not yet."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lib.Attach(ctx, mem, "vault", pub.Slug, "plan.txt", "", strings.NewReader("the plan")); err != nil {
			t.Fatal(err)
		}
		pubFile := fmt.Sprintf("/c/vault/practice/%s/attachments/%d/plan.txt", pub.Slug, latestAttachment(t, d))
		if _, err := lib.Attach(ctx, stew, "vault", draft.Slug, "draft.txt", "", strings.NewReader("draft")); err != nil {
			t.Fatal(err)
		}
		draftFile := fmt.Sprintf("/c/vault/practice/%s/attachments/%d/draft.txt", draft.Slug, latestAttachment(t, d))

		member, outsider, visitor := e.As("mem"), e.As("out"), e.Visitor()
		for _, c := range []struct {
			who    string
			client *apptest.Client
			path   string
			want   int
		}{
			{"member", member, pubFile, http.StatusOK},
			{"outsider", outsider, pubFile, http.StatusNotFound},
			{"visitor", visitor, pubFile, http.StatusNotFound},
			{"member, draft", member, draftFile, http.StatusNotFound},
			{"steward, draft", e.As("stew"), draftFile, http.StatusOK},
		} {
			if res := c.client.Get(c.path); res.Status != c.want {
				t.Errorf("%s GET %s: %d, want %d", c.who, c.path, res.Status, c.want)
			}
		}
		if res := upload(t, e, outsider, "/c/vault/practice/"+pub.Slug+"/attachments", "x.txt", []byte("x"), ""); res.Status != http.StatusNotFound {
			t.Errorf("outsider upload to a private community: %d, want 404", res.Status)
		}
	})
}
