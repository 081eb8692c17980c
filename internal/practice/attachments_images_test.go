package practice_test

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// deepPNG writes a real, whole PNG of w×h pixels at 16 bits per channel
// with alpha (8 bytes a pixel decoded), all transparent black.
func deepPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6 // bit depth, colour type: RGBA
	chunk("IHDR", ihdr)
	// Each row is its filter type, 0, then zeros: the pixel data is zeros.
	chunk("IDAT", zlibZeros(t, h*(1+8*w)))
	chunk("IEND", nil)
	return out.Bytes()
}

// zlibZeros returns a zlib stream of n zero bytes without compressing them
// all (deflating 305 MiB takes half a minute under the race detector): it
// deflates one row of zeros, flushed to a byte boundary, and repeats those
// blocks, which is sound because they begin with a literal and refer back
// only into zeros; then an empty final block and the checksum, which for n
// zeros is n<<16 | 1.
func zlibZeros(t testing.TB, n int) []byte {
	t.Helper()
	const row = 64 << 10
	var block bytes.Buffer
	fw, err := flate.NewWriter(&block, flate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(make([]byte, row)); err != nil {
		t.Fatal(err)
	}
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	var tail bytes.Buffer // the rest, then the final block
	fw.Reset(&tail)
	if _, err := fw.Write(make([]byte, n%row)); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	out := bytes.NewBuffer([]byte{0x78, 0x9c}) // zlib header: deflate, 32 KiB window, default level
	for range n / row {
		out.Write(block.Bytes())
	}
	out.Write(tail.Bytes())
	binary.Write(out, binary.BigEndian, uint32(n%65521)<<16|1) // Adler-32 of n zeros
	return out.Bytes()
}

// The attack of the review: a PNG of 10,000 × 4,000 pixels at 16 bits, a
// few hundred KB that decode to 305 MiB. Its sides and pixel count are
// within the limits; its decoded size is not, and it is refused from its
// header, with a message saying why and what to do, and nothing stored.
func TestAttachRefusesImageTooLargeToDecode(t *testing.T) {
	flood := deepPNG(t, 10_000, 4_000)
	if len(flood) > 1<<20 {
		t.Fatalf("the test image is %d bytes: it should be refused for its pixels, not its size", len(flood))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(flood))
	if err != nil || format != "png" || cfg.Width != 10_000 || cfg.Height != 4_000 || cfg.ColorModel != color.NRGBA64Model {
		t.Fatalf("the test image is not a 10000×4000 16-bit PNG: %v %s %+v", err, format, cfg)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		_, err := f.attach(f.member, f.published, "poster.png", flood)
		attWantFileError(t, err, "This image is 10000×4000 pixels at 16 bits per channel: opening it would take")
		attWantFileError(t, err, "MiB of memory, more than the 128 MiB allowed for one image")
		attWantFileError(t, err, "8 bits per channel")
		if n := countAttachments(t, f); n != 0 {
			t.Fatalf("%d attachments stored", n)
		}
		// The same picture at a size within the bound is accepted.
		f.mustAttach(t, f.member, f.published, "small poster.png", deepPNG(t, 2_000, 1_000))
	})
}

// A progressive JPEG makes Go's decoder keep four bytes per sample besides
// the picture; counted, a progressive 6,000 × 6,000 file is refused from its
// header, while a baseline one of the same size is not (it then fails the
// full decode, for its header is forged onto a small picture).
func TestAttachRefusesProgressiveJPEGTooLargeToDecode(t *testing.T) {
	progressive, err := os.ReadFile("testdata/progressive-420.jpeg")
	if err != nil {
		t.Fatal(err)
	}
	var baseline bytes.Buffer
	if err := jpeg.Encode(&baseline, image.NewRGBA(image.Rect(0, 0, 150, 103)), nil); err != nil {
		t.Fatal(err)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		f.mustAttach(t, f.member, f.published, "small.jpg", progressive)
		_, err := f.attach(f.member, f.published, "big.jpg", withSOF(t, progressive, 6_000, 6_000))
		attWantFileError(t, err, "6000×6000 pixels: opening it would take")
		_, err = f.attach(f.member, f.published, "big.jpg", withSOF(t, baseline.Bytes(), 6_000, 6_000))
		attWantFileError(t, err, "damaged")
	})
}

// withSOF returns a JPEG whose frame header claims w×h pixels.
func withSOF(t testing.TB, data []byte, w, h uint16) []byte {
	t.Helper()
	out := bytes.Clone(data)
	for i := 2; i+9 < len(out); {
		marker, size := out[i+1], int(binary.BigEndian.Uint16(out[i+2:]))
		if marker == 0xC0 || marker == 0xC2 {
			binary.BigEndian.PutUint16(out[i+5:], h)
			binary.BigEndian.PutUint16(out[i+7:], w)
			return out
		}
		i += 2 + size
	}
	t.Fatal("no frame header")
	return nil
}

func countAttachments(t *testing.T, f *attFixture) int {
	t.Helper()
	var n int
	if err := f.env.DB.QueryRowContext(f.ctx, "SELECT COUNT(*) FROM attachments").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// photo encodes a w×h picture with a gradient as format ("png" or "jpeg").
func photo(t testing.TB, w, h int, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Pix[img.PixOffset(x, y)+0] = uint8(x * 255 / w)
			img.Pix[img.PixOffset(x, y)+1] = uint8(y * 255 / h)
			img.Pix[img.PixOffset(x, y)+2] = 120
			img.Pix[img.PixOffset(x, y)+3] = 255
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&buf, img, nil)
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// An image wider than practice.DisplayWidth gets a copy that wide, made
// once when it is attached and kept beside it: PNG for a PNG, JPEG for a
// JPEG, the height in proportion. A narrower image has none.
func TestLargeImageGetsResizedCopy(t *testing.T) {
	wide, wider := photo(t, 2_400, 300, "png"), photo(t, 3_500, 400, "jpeg")
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		for _, c := range []struct {
			name, ctype string
			data        []byte
			w, h        int
		}{
			{"wide.png", "image/png", wide, 1600, 200},
			{"wider photo.jpg", "image/jpeg", wider, 1600, 183}, // halved once, then scaled
		} {
			att := f.mustAttach(t, f.member, f.published, c.name, c.data)
			if !att.HasResized() || att.ResizedType != c.ctype || att.ResizedWidth != c.w || att.ResizedHeight != c.h {
				t.Fatalf("%s: %+v, want a %s copy of %d×%d", c.name, att, c.ctype, c.w, c.h)
			}
			got, data, err := f.svc.AttachmentResized(f.ctx, f.author, f.slug, f.published, att.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.ResizedWidth != c.w || got.Width != att.Width {
				t.Errorf("%s read back: %+v", c.name, got)
			}
			img, format, err := image.Decode(bytes.NewReader(data))
			if err != nil || "image/"+format != c.ctype || img.Bounds().Dx() != c.w || img.Bounds().Dy() != c.h {
				t.Fatalf("%s: the copy is %s %v (%v)", c.name, format, img.Bounds(), err)
			}
			// The copy is the picture: its left edge dark red, its right edge bright.
			if r, _, _, _ := img.At(2, c.h/2).RGBA(); r > 0x2000 {
				t.Errorf("%s: the copy's left edge has red %#x", c.name, r)
			}
			if r, _, _, _ := img.At(c.w-3, c.h/2).RGBA(); r < 0xe000 {
				t.Errorf("%s: the copy's right edge has red %#x", c.name, r)
			}
			if _, orig, err := f.svc.AttachmentData(f.ctx, f.member, f.slug, f.published, att.ID); err != nil || !bytes.Equal(orig, c.data) {
				t.Errorf("%s: the original is not kept as it came (%v)", c.name, err)
			}
		}
		small := f.mustAttach(t, f.member, f.published, "small.png", photo(t, 1_600, 200, "png"))
		if small.HasResized() {
			t.Errorf("an image %d wide has a copy: %+v", practice.DisplayWidth, small)
		}
		_, _, err := f.svc.AttachmentResized(f.ctx, f.member, f.slug, f.published, small.ID)
		attWantKind(t, err, errs.NotFound)

		// The list the page shows carries the copies' sizes, and the copy
		// follows the original's read rules.
		ev, err := f.svc.Get(f.ctx, f.member, f.slug, f.published)
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Attachments(f.ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		var sizes []string
		for _, a := range list {
			sizes = append(sizes, a.ResizedFilename()+" "+strconv.Itoa(a.ResizedWidth)+"×"+strconv.Itoa(a.ResizedHeight))
		}
		if got := strings.Join(sizes, ", "); got != "wide.png 1600×200, wider photo.jpg 1600×183, small.png 0×0" {
			t.Errorf("listed copies: %s", got)
		}
		secret := f.mustAttach(t, f.author, f.draft, "draft.png", wide)
		_, _, err = f.svc.AttachmentResized(f.ctx, f.member, f.slug, f.draft, secret.ID)
		attWantKind(t, err, errs.NotFound)
	})
}

// Images attached before resized copies were made (their copy columns
// empty) get the copy at start, as an upload makes it; an image too damaged
// to decode keeps none, and nothing fails; run again, nothing is left to do.
func TestResizeMissing(t *testing.T) {
	wide, wider := photo(t, 2_400, 300, "png"), photo(t, 3_500, 400, "jpeg")
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newAttFixture(t, d, community.Public)
		a := f.mustAttach(t, f.member, f.published, "wide.png", wide)
		b := f.mustAttach(t, f.member, f.published, "wider.jpg", wider)
		broken := f.mustAttach(t, f.member, f.published, "broken.png", wide)
		small := f.mustAttach(t, f.member, f.published, "small.png", photo(t, 1_600, 200, "png"))
		// As they were stored before copies were made.
		if _, err := d.ExecContext(f.ctx, `UPDATE attachments SET resized = NULL, resized_type = '', resized_width = 0, resized_height = 0`); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(f.ctx, `UPDATE attachments SET data = $1 WHERE id = $2`, wide[:len(wide)/3], broken.ID); err != nil {
			t.Fatal(err)
		}
		var told []int
		n, err := practice.ResizeMissingProgress(f.ctx, d, func(done int) { told = append(told, done) })
		if err != nil || n != 2 || len(told) != 2 || told[1] != 2 {
			t.Fatalf("resized %d (told %v), %v; want the two whole wide images", n, told, err)
		}
		for _, c := range []struct {
			att   practice.Attachment
			ctype string
			w, h  int
		}{{a, "image/png", 1600, 200}, {b, "image/jpeg", 1600, 183}} {
			got, data, err := f.svc.AttachmentResized(f.ctx, f.member, f.slug, f.published, c.att.ID)
			if err != nil {
				t.Fatalf("%s: %v", c.att.Filename, err)
			}
			img, format, err := image.Decode(bytes.NewReader(data))
			if err != nil || "image/"+format != c.ctype || got.ResizedWidth != c.w || img.Bounds().Dx() != c.w || img.Bounds().Dy() != c.h {
				t.Errorf("%s: a %s copy %v, %+v (%v); want %d×%d", c.att.Filename, format, img.Bounds(), got, err, c.w, c.h)
			}
		}
		for _, none := range []practice.Attachment{broken, small} {
			_, _, err := f.svc.AttachmentResized(f.ctx, f.member, f.slug, f.published, none.ID)
			attWantKind(t, err, errs.NotFound)
		}
		if n, err := practice.ResizeMissingProgress(f.ctx, d, nil); err != nil || n != 0 {
			t.Errorf("run again: resized %d, %v", n, err)
		}
	})
}

// TestResizeMissingUsesIndex: the search for images without their copy, run
// at every start, reads the partial index attachments_unresized, not the
// attachments with their files (PostgreSQL is told not to scan, as a table
// this small would be scanned whatever its size later).
func TestResizeMissingUsesIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		args := []any{int64(0), 8}
		var plan string
		if d.Dialect == db.SQLite {
			plan = explain(t, d, practice.ResizeMissingSQL, args)
		} else {
			err := d.WithTx(context.Background(), func(tx *db.Tx) error {
				_, err := tx.ExecContext(context.Background(), "SET LOCAL enable_seqscan = off")
				plan = explainIn(t, tx, tx.Dialect(), practice.ResizeMissingSQL, args)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if !strings.Contains(plan, "attachments_unresized") {
			t.Errorf("the plan does not use attachments_unresized:\n%s", plan)
		}
	})
}
