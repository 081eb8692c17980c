package practice_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// attFixture is a community "studio" with a steward, a member who wrote a
// published entry and a draft, another member and an outsider.
type attFixture struct {
	env                     *apptest.Env
	svc                     *practice.Service
	steward, author, member auth.Actor
	outsider                auth.Actor
	slug, published, draft  string
	ctx                     context.Context
}

func newAttFixture(t testing.TB, d *db.DB, vis community.Visibility) *attFixture {
	t.Helper()
	e := apptest.New(t, d)
	f := &attFixture{env: e, svc: practice.NewService(d, e.Communities, nil), slug: "studio", ctx: context.Background()}
	f.steward, f.author, f.member, f.outsider = e.Person("stew"), e.Person("auth"), e.Person("mem"), e.Person("out")
	e.Community(f.steward, f.slug, vis, community.Open)
	e.SetMembership(f.slug, f.author, community.RoleMember, community.ActiveMember)
	e.SetMembership(f.slug, f.member, community.RoleMember, community.ActiveMember)
	for _, in := range []practice.Input{{Title: "Glazing in winter", Publish: true}, {Title: "Kiln notes"}} {
		in.Kind, in.Summary = practice.Practice, "How we do it."
		en, err := f.svc.Create(f.ctx, f.author, f.slug, in)
		if err != nil {
			t.Fatalf("create %q: %v", in.Title, err)
		}
		if in.Publish {
			f.published = en.Slug
		} else {
			f.draft = en.Slug
		}
	}
	return f
}

func (f *attFixture) attach(a auth.Actor, entry, name string, data []byte) (practice.Attachment, error) {
	return f.svc.Attach(f.ctx, a, f.slug, entry, name, "", bytes.NewReader(data))
}

func (f *attFixture) mustAttach(t *testing.T, a auth.Actor, entry, name string, data []byte) practice.Attachment {
	t.Helper()
	att, err := f.attach(a, entry, name, data)
	if err != nil {
		t.Fatalf("attach %s: %v", name, err)
	}
	return att
}

// attWantKind fails the test unless err is of kind k.
func attWantKind(t *testing.T, err error, k errs.Kind) {
	t.Helper()
	if got := errs.KindOf(err); err == nil || got != k {
		t.Fatalf("error = %v (kind %v), want kind %v", err, got, k)
	}
}

// attWantFileError fails the test unless err is Invalid on "file" with a
// message containing want.
func attWantFileError(t *testing.T, err error, want string) {
	t.Helper()
	attWantKind(t, err, errs.Invalid)
	if msg := errs.FieldsOf(err)["file"]; !strings.Contains(msg, want) && !strings.Contains(errs.MessageOf(err), want) {
		t.Fatalf("error %q (file: %q) does not say %q", errs.MessageOf(err), msg, want)
	}
}

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.NRGBA{R: 200, G: 80, B: 20, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withIHDR returns a PNG whose header claims w×h pixels (its data still
// holds the small picture), with the header's CRC put right so only the
// dimensions are wrong.
func withIHDR(t testing.TB, data []byte, w, h uint32) []byte {
	t.Helper()
	out := bytes.Clone(data)
	// 8-byte signature, then the IHDR chunk: length (4), "IHDR" (4), width, height, ...
	if string(out[12:16]) != "IHDR" {
		t.Fatal("no IHDR chunk where expected")
	}
	binary.BigEndian.PutUint32(out[16:20], w)
	binary.BigEndian.PutUint32(out[20:24], h)
	binary.BigEndian.PutUint32(out[29:33], crc32.ChecksumIEEE(out[12:29]))
	return out
}

func TestAttachSizeLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		if got := f.svc.MaxUpload(); got != 10<<20 {
			t.Fatalf("default limit = %d, want 10 MiB", got)
		}
		const limit = 1 << 20
		f.svc.SetMaxUpload(limit)

		_, err := f.attach(f.member, f.published, "big.bin", make([]byte, limit+1))
		attWantFileError(t, err, "1 MiB")
		if !errors.Is(err, practice.ErrTooLarge) {
			t.Fatalf("error %v is not ErrTooLarge", err)
		}

		exact := bytes.Repeat([]byte{0, 1, 2, 3}, limit/4)
		att := f.mustAttach(t, f.member, f.published, "exact.bin", exact)
		if att.Size != limit || att.IsImage || att.ContentType != "application/octet-stream" || att.UploaderName != "Mem Tester" {
			t.Fatalf("attachment = %+v", att)
		}
		got, data, err := f.svc.AttachmentData(f.ctx, f.member, f.slug, f.published, att.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, exact) || got.Filename != "exact.bin" || got.Size != limit {
			t.Fatalf("read back %+v with %d bytes", got, len(data))
		}

		_, err = f.attach(f.member, f.published, "empty.txt", nil)
		attWantFileError(t, err, "empty")
	})
}

func TestAttachSniffsTypeFromContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		pic := f.mustAttach(t, f.member, f.published, "notes.txt", pngOf(t, 30, 20))
		if !pic.IsImage || pic.ContentType != "image/png" || pic.Width != 30 || pic.Height != 20 || pic.Filename != "notes.txt" {
			t.Fatalf("a PNG named .txt: %+v", pic)
		}
		page := f.mustAttach(t, f.member, f.published, "photo.png", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"))
		if page.IsImage || !strings.HasPrefix(page.ContentType, "text/html") || page.Width != 0 {
			t.Fatalf("HTML named .png: %+v", page)
		}

		var gifBuf, jpgBuf bytes.Buffer
		img := image.NewPaletted(image.Rect(0, 0, 8, 6), []color.Color{color.Black, color.White})
		if err := gif.Encode(&gifBuf, img, nil); err != nil {
			t.Fatal(err)
		}
		if err := jpeg.Encode(&jpgBuf, image.NewGray(image.Rect(0, 0, 12, 9)), nil); err != nil {
			t.Fatal(err)
		}
		// The lossless 1×1 WebP browsers are probed with.
		webp, _ := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
		for _, c := range []struct {
			name, ctype string
			data        []byte
			w, h        int
		}{{"a.gif", "image/gif", gifBuf.Bytes(), 8, 6}, {"b", "image/jpeg", jpgBuf.Bytes(), 12, 9}, {"c.webp", "image/webp", webp, 1, 1}} {
			att := f.mustAttach(t, f.member, f.published, c.name, c.data)
			if !att.IsImage || att.ContentType != c.ctype || att.Width != c.w || att.Height != c.h {
				t.Errorf("%s: %+v, want %s %d×%d", c.name, att, c.ctype, c.w, c.h)
			}
		}

		ev, err := f.svc.Get(f.ctx, f.member, f.slug, f.published)
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Attachments(f.ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, a := range list {
			names = append(names, a.Filename)
		}
		if strings.Join(names, ",") != "notes.txt,photo.png,a.gif,b,c.webp" || !list[0].IsImage || list[1].IsImage {
			t.Fatalf("attachments = %v", names)
		}
	})
}

func TestAttachRefusesPixelFloodBeforeDecoding(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		small := pngOf(t, 4, 4)
		for _, c := range []struct {
			w, h uint32
			want string
		}{{50_000, 50_000, "50000×50000"}, {10_001, 10, "10001×10"}, {8_000, 6_000, "8000×6000"}} {
			_, err := f.attach(f.member, f.published, "flood.png", withIHDR(t, small, c.w, c.h))
			// Refused for its size, not as damaged: the header was checked
			// before any attempt to decode the pixels.
			attWantFileError(t, err, c.want)
		}
		// Within the limits, the same forgery is caught by the full decode.
		_, err := f.attach(f.member, f.published, "forged.png", withIHDR(t, small, 2_000, 2_000))
		attWantFileError(t, err, "damaged")
	})
}

func TestAttachRefusesTruncatedImage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		whole := pngOf(t, 64, 64)
		_, err := f.attach(f.member, f.published, "cut.png", whole[:len(whole)-20])
		attWantFileError(t, err, "damaged")
		var jpgBuf bytes.Buffer
		if err := jpeg.Encode(&jpgBuf, image.NewGray(image.Rect(0, 0, 64, 64)), nil); err != nil {
			t.Fatal(err)
		}
		_, err = f.attach(f.member, f.published, "cut.jpg", jpgBuf.Bytes()[:jpgBuf.Len()/2])
		attWantFileError(t, err, "damaged")
	})
}

func TestAttachmentPermissions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		file := []byte("%PDF-1.4 minutes of the meeting")
		att := f.mustAttach(t, f.author, f.published, "minutes.pdf", file)
		if att.ContentType != "application/pdf" || att.IsImage {
			t.Fatalf("pdf: %+v", att)
		}

		// A visitor reads a public entry's files but attaches nothing.
		if _, _, err := f.svc.AttachmentData(f.ctx, auth.Actor{}, f.slug, f.published, att.ID); err != nil {
			t.Fatalf("visitor reading a public file: %v", err)
		}
		_, err := f.attach(auth.Actor{}, f.published, "x.txt", file)
		attWantKind(t, err, errs.Unauthenticated)
		// A signed-in non-member may read, not edit.
		_, err = f.attach(f.outsider, f.published, "x.txt", file)
		attWantKind(t, err, errs.Forbidden)
		attWantKind(t, f.svc.DeleteAttachment(f.ctx, f.outsider, f.slug, f.published, att.ID), errs.Forbidden)

		// When only authors and stewards improve entries, other members may not attach.
		settings := community.DefaultPracticeSettings()
		settings.Editors = "authors"
		if err := f.env.Communities.UpdatePracticeSettings(f.ctx, f.steward, f.slug, settings); err != nil {
			t.Fatal(err)
		}
		_, err = f.attach(f.member, f.published, "x.txt", file)
		attWantKind(t, err, errs.Forbidden)
		attWantKind(t, f.svc.DeleteAttachment(f.ctx, f.member, f.slug, f.published, att.ID), errs.Forbidden)
		f.mustAttach(t, f.steward, f.published, "steward.txt", file)

		// A draft's files are NotFound to anyone who may not see the draft.
		secret := f.mustAttach(t, f.author, f.draft, "draft.txt", file)
		for _, a := range []auth.Actor{{}, f.member, f.outsider} {
			_, _, err := f.svc.AttachmentData(f.ctx, a, f.slug, f.draft, secret.ID)
			attWantKind(t, err, errs.NotFound)
		}
		_, err = f.attach(f.member, f.draft, "x.txt", file)
		attWantKind(t, err, errs.NotFound)
		if _, _, err := f.svc.AttachmentData(f.ctx, f.steward, f.slug, f.draft, secret.ID); err != nil {
			t.Fatalf("steward reading a draft's file: %v", err)
		}
		// An attachment is found only under its own entry.
		_, _, err = f.svc.AttachmentData(f.ctx, f.author, f.slug, f.published, secret.ID)
		attWantKind(t, err, errs.NotFound)

		// The author removes a file; then it is gone.
		if err := f.svc.DeleteAttachment(f.ctx, f.author, f.slug, f.published, att.ID); err != nil {
			t.Fatal(err)
		}
		_, _, err = f.svc.AttachmentData(f.ctx, f.author, f.slug, f.published, att.ID)
		attWantKind(t, err, errs.NotFound)
		attWantKind(t, f.svc.DeleteAttachment(f.ctx, f.author, f.slug, f.published, att.ID), errs.NotFound)
	})
}

func TestPrivateCommunityAttachmentsAreNotFoundToOutsiders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Private)
		att := f.mustAttach(t, f.member, f.published, "plan.txt", []byte("the plan"))
		for _, a := range []auth.Actor{{}, f.outsider} {
			_, _, err := f.svc.AttachmentData(f.ctx, a, f.slug, f.published, att.ID)
			attWantKind(t, err, errs.NotFound)
			attWantKind(t, f.svc.DeleteAttachment(f.ctx, a, f.slug, f.published, att.ID), errs.NotFound)
		}
		_, err := f.attach(f.outsider, f.published, "x.txt", []byte("x"))
		attWantKind(t, err, errs.NotFound)
		if _, data, err := f.svc.AttachmentData(f.ctx, f.author, f.slug, f.published, att.ID); err != nil || string(data) != "the plan" {
			t.Fatalf("member reading: %q, %v", data, err)
		}
	})
}

func TestCleanFilename(t *testing.T) {
	long := strings.Repeat("a", 300) + ".pdf"
	for in, want := range map[string]string{
		"report.pdf":                "report.pdf",
		"../../etc/passwd":          "passwd",
		`C:\Users\ada\minutes.docx`: "minutes.docx",
		"":                          "file",
		"..":                        "file",
		"/":                         "file",
		".htaccess":                 "htaccess",
		"evil\u202Egpj.exe":         "evilgpj.exe",
		"line\nbreak\x00.txt":       "linebreak.txt",
		`what?<now>:"yes"|*.txt`:    "what__now___yes___.txt",
		"  spaced   name .txt  ":    "spaced   name .txt",
		"caf\xe9.txt":               "caf.txt",
		"été 2026.pdf":              "été 2026.pdf",
		long:                        strings.Repeat("a", 196) + ".pdf",
		strings.Repeat("é", 250):    strings.Repeat("é", 200),
	} {
		if got := practice.CleanFilename(in); got != want {
			t.Errorf("CleanFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMiB(t *testing.T) {
	for n, want := range map[int64]string{10 << 20: "10 MiB", 1 << 20: "1 MiB", 512 << 10: "0.5 MiB", 1024 << 20: "1024 MiB"} {
		if got := practice.MiB(n); got != want {
			t.Errorf("MiB(%d) = %q, want %q", n, got, want)
		}
	}
}
