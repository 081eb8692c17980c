package web_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// photoWithLocation is a w×h JPEG, red at the sides and green in the middle
// square, carrying an Exif segment that names where it was taken.
func photoWithLocation(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{200, 0, 0, 255}
			if x >= (w-h)/2 && x < (w+h)/2 {
				c = color.RGBA{0, 160, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	exif := []byte("Exif\x00\x00GPS 51.4779N 0.0015W SECRET-PLACE")
	seg := append([]byte{0xFF, 0xE1, 0, 0}, exif...)
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	data := buf.Bytes()
	return append(append(append([]byte{}, data[:2]...), seg...), data[2:]...)
}

// A person uploads a picture: it is cut square from the middle, made 256
// pixels a side and stripped of its metadata, shown on their profile and in
// lists to signed-in people, never to visitors; a mistake comes back next
// to the field and changes nothing; removing it brings the initials back.
func TestAvatarUploadShowAndRemove(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("ana")
		e.Person("bo")
		ana, bo := e.As("ana"), e.As("bo")

		if r := bo.Get("/people/ana/avatar"); r.Status != http.StatusNotFound {
			t.Fatalf("no picture yet: %d", r.Status)
		}
		photo := photoWithLocation(t, 900, 600)
		if !bytes.Contains(photo, []byte("SECRET-PLACE")) {
			t.Fatal("the test photo lacks its metadata")
		}
		if r := upload(t, e, ana, "/account/avatar", "me.jpg", photo, ""); r.Status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", r.Status, r.Body)
		}
		if v := count(t, d, "SELECT avatar FROM people WHERE handle = 'ana'"); v != 1 {
			t.Fatalf("avatar version %d, want 1", v)
		}
		r := bo.Get("/people/ana/avatar?v=1")
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("picture: %d %s", r.Status, r.Header.Get("Content-Type"))
		}
		wantHeaders(t, r, map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=86400"})
		if strings.Contains(r.Body, "SECRET-PLACE") {
			t.Error("the stored picture kept the photo's metadata")
		}
		got, format, err := image.Decode(strings.NewReader(r.Body))
		if err != nil || format != "jpeg" {
			t.Fatalf("decode stored picture: %v %s", err, format)
		}
		if b := got.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
			t.Fatalf("stored picture is %v, want 256×256", b)
		}
		for _, pt := range []image.Point{{2, 2}, {253, 128}, {128, 253}} {
			if r, g, _, _ := got.At(pt.X, pt.Y).RGBA(); r>>8 > 60 || g>>8 < 100 {
				t.Errorf("at %v the picture is not the green middle: r %d g %d (not cropped square from the middle)", pt, r>>8, g>>8)
			}
		}
		if r := e.Visitor().Get("/people/ana/avatar?v=1"); r.Status != http.StatusNotFound {
			t.Errorf("a visitor sees the picture: %d", r.Status)
		}
		contains(t, "profile", bo.Get("/people/ana").Body, `<img class="avatar large" src="/people/ana/avatar?v=1" alt=""`)
		contains(t, "directory", bo.Get("/people?q=ana").Body, `src="/people/ana/avatar?v=1"`)
		contains(t, "account", ana.Get("/account").Body, `src="/people/ana/avatar?v=1"`, "Remove your picture")

		// Mistakes: not a picture, a pixel flood, too large; each next to the field, nothing changed.
		r = upload(t, e, ana, "/account/avatar", "notes.txt", []byte("just some words, not a picture"), "")
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("text as a picture: %d", r.Status)
		}
		contains(t, "refused text", r.Body, `id="e-file"`, "Choose a picture in PNG, JPEG, GIF or WebP.", `aria-invalid="true"`)
		r = upload(t, e, ana, "/account/avatar", "huge.png", floodPNG(t), "")
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("pixel flood: %d", r.Status)
		}
		contains(t, "refused flood", r.Body, "too large to show")
		r = upload(t, e, ana, "/account/avatar", "big.jpg", append(photo, make([]byte, 5<<20)...), "")
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Fatalf("over 5 MiB: %d", r.Status)
		}
		contains(t, "refused size", r.Body, "over 5 MiB")
		if v := count(t, d, "SELECT avatar FROM people WHERE handle = 'ana'"); v != 1 {
			t.Errorf("a refused upload changed the picture: version %d", v)
		}

		evil := map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}
		if r := crossSite(t, e, ana, "/account/avatar/remove", nil, evil); r.Status != http.StatusForbidden {
			t.Errorf("a cross-site removal = %d, want 403", r.Status)
		}
		if r := ana.Post("/account/avatar/remove", url.Values{}); r.Status != http.StatusSeeOther {
			t.Fatalf("remove: %d", r.Status)
		}
		if r := bo.Get("/people/ana/avatar?v=1"); r.Status != http.StatusNotFound {
			t.Errorf("a removed picture is still served: %d", r.Status)
		}
		body := bo.Get("/people/ana").Body
		contains(t, "profile after removal", body, `<span class="avatar large" aria-hidden="true">AT</span>`)
		if n := count(t, d, "SELECT COUNT(*) FROM avatars"); n != 0 {
			t.Errorf("%d pictures left after removal", n)
		}
	})
}

// floodPNG is a tiny file whose header claims 20,000 × 20,000 pixels.
func floodPNG(t *testing.T) []byte {
	t.Helper()
	data := smallPNG(t, 1, 1)
	binary.BigEndian.PutUint32(data[16:], 20_000)
	binary.BigEndian.PutUint32(data[20:], 20_000)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29])) // IHDR's checksum
	return data
}
