package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// widePNG encodes a w×h picture, light on the right.
func widePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), 90, 60, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var imgPattern = regexp.MustCompile(`<img src="([^"]+)"[^>]*width="(\d+)" height="(\d+)"`)

// A large image is shown on the entry page through its resized copy, and
// the original is offered as a download; the copy is served by the entry's
// read rules. An image that would take too much memory to open is refused
// with a page that says so.
func TestEntryPageShowsResizedCopy(t *testing.T) {
	t.Parallel()
	wide := widePNG(t, 2_400, 300)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		stew, mem := e.Person("stew"), e.Person("mem")
		e.Person("out")
		e.Community(stew, "glass", community.Public, community.Open)
		e.Community(stew, "vault", community.Private, community.Open)
		lib := practice.NewService(d, e.Communities, nil)
		var bases []string
		for _, slug := range []string{"glass", "vault"} {
			e.SetMembership(slug, mem, community.RoleMember, community.ActiveMember)
			en, err := lib.Create(ctx, mem, slug, practice.Input{Kind: practice.Lesson, Title: "Blowing", Summary: "Hot.", Publish: true})
			if err != nil {
				t.Fatal(err)
			}
			bases = append(bases, "/c/"+slug+"/practice/"+en.Slug)
		}
		member, outsider := e.As("mem"), e.As("out")
		res := upload(t, e, member, bases[0]+"/attachments", "furnace.png", wide, "")
		wantStatus(t, "upload", res, http.StatusSeeOther)
		id := latestAttachment(t, d)

		page := member.Get(bases[0])
		m := imgPattern.FindStringSubmatch(page.Body)
		resizedURL := fmt.Sprintf("%s/attachments/%d/resized/furnace.png", bases[0], id)
		original := fmt.Sprintf("%s/attachments/%d/furnace.png", bases[0], id)
		if m == nil || html.UnescapeString(m[1]) != resizedURL || m[2] != "1600" || m[3] != "200" {
			t.Fatalf("the page shows %q, want the copy %s at 1600×200:\n%s", m, resizedURL, page.Body)
		}
		contains(t, "entry page", page.Body, `<a href="`+original+`" download="furnace.png">download the original</a>`, "2400×300 pixels")

		for _, c := range []struct {
			who    string
			client *apptest.Client
		}{{"member", member}, {"visitor", e.Visitor()}} {
			res = c.client.Get(resizedURL)
			wantStatus(t, c.who+" fetching the copy", res, http.StatusOK)
			wantHeaders(t, res, map[string]string{"Content-Type": "image/png", "Content-Disposition": "inline",
				"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"})
			img, _, err := image.Decode(strings.NewReader(res.Body))
			if err != nil || img.Bounds() != image.Rect(0, 0, 1600, 200) {
				t.Fatalf("%s: the copy is %v (%v)", c.who, img, err)
			}
		}
		if res = member.Get(original); res.Body != string(wide) {
			t.Error("the original is not served as it came")
		}

		// In a private community the copy, like the original, is not found
		// by outsiders, and no cache keeps it.
		wantStatus(t, "upload to the private community", upload(t, e, member, bases[1]+"/attachments", "kiln.png", wide, ""), http.StatusSeeOther)
		secret := fmt.Sprintf("%s/attachments/%d/resized/kiln.png", bases[1], latestAttachment(t, d))
		wantStatus(t, "outsider fetching a private copy", outsider.Get(secret), http.StatusNotFound)
		res = member.Get(secret)
		wantStatus(t, "member fetching a private copy", res, http.StatusOK)
		wantHeaders(t, res, map[string]string{"Cache-Control": "private, no-store"})
		// A small image has no copy.
		upload(t, e, member, bases[0]+"/attachments", "chip.png", smallPNG(t, 30, 20), "")
		wantStatus(t, "copy of a small image", member.Get(fmt.Sprintf("%s/attachments/%d/resized/chip.png", bases[0], latestAttachment(t, d))), http.StatusNotFound)

		// A 16-bit picture of 10,000 × 4,000 pixels (its header is enough).
		var deep bytes.Buffer
		if err := png.Encode(&deep, image.NewNRGBA64(image.Rect(0, 0, 2, 2))); err != nil {
			t.Fatal(err)
		}
		flood := deep.Bytes()
		binary.BigEndian.PutUint32(flood[16:20], 10_000)
		binary.BigEndian.PutUint32(flood[20:24], 4_000)
		binary.BigEndian.PutUint32(flood[29:33], crc32.ChecksumIEEE(flood[12:29]))
		before := latestAttachment(t, d)
		res = upload(t, e, member, bases[0]+"/attachments", "poster.png", flood, "")
		wantStatus(t, "16-bit flood", res, http.StatusUnprocessableEntity)
		contains(t, "16-bit flood", html.UnescapeString(res.Body), "10000×4000 pixels at 16 bits per channel", "more than the 128 MiB allowed for one image")
		if latestAttachment(t, d) != before {
			t.Error("the refused image was stored")
		}
	})
}
