package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"runtime"
	"testing"
)

// memoryNeeded must bound what decoding and shrinking really allocate, for
// every layout Go's decoders use; here it is compared with the bytes the
// process allocates while doing it (all of them, garbage included: more
// than the peak), less a fixed allowance for the decoders' own state.
func TestImageMemoryBoundsTheDecoder(t *testing.T) {
	const allowance = 256 << 10
	const fit = 1600 // the width of an attachment's resized copy
	encode := func(img image.Image, format string) []byte {
		t.Helper()
		var buf bytes.Buffer
		var err error
		switch format {
		case "png":
			err = png.Encode(&buf, img)
		case "jpeg":
			err = jpeg.Encode(&buf, img, nil)
		case "gif":
			err = gif.Encode(&buf, img, nil)
		}
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	// fill paints a gradient, so that every layout holds varied pixels.
	fill := func(img interface {
		image.Image
		Set(x, y int, c color.Color)
	}, alpha uint8) image.Image {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				img.Set(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x + y), alpha})
			}
		}
		return img
	}
	rect := func(w, h int) image.Rectangle { return image.Rect(0, 0, w, h) }
	progressive, err := os.ReadFile("testdata/progressive-420.jpeg")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, format string
		data         []byte
	}{
		{"PNG NRGBA64", "png", encode(fill(image.NewNRGBA64(rect(600, 400)), 128), "png")},
		{"PNG RGBA64", "png", encode(fill(image.NewRGBA64(rect(600, 400)), 255), "png")},
		{"PNG RGBA", "png", encode(fill(image.NewRGBA(rect(600, 400)), 255), "png")},
		{"PNG NRGBA", "png", encode(fill(image.NewNRGBA(rect(600, 400)), 100), "png")},
		{"PNG Gray", "png", encode(fill(image.NewGray(rect(600, 400)), 255), "png")},
		{"PNG Gray16", "png", encode(fill(image.NewGray16(rect(600, 400)), 255), "png")},
		{"PNG paletted", "png", encode(fill(image.NewPaletted(rect(600, 400), color.Palette{color.Black, color.White}), 255), "png")},
		{"JPEG YCbCr 4:2:0", "jpeg", encode(fill(image.NewRGBA(rect(600, 400)), 255), "jpeg")},
		{"JPEG gray", "jpeg", encode(fill(image.NewGray(rect(600, 400)), 255), "jpeg")},
		{"JPEG progressive", "jpeg", progressive},
		{"GIF", "gif", encode(fill(image.NewPaletted(rect(600, 400), color.Palette{color.Black, color.White}), 255), "gif")},
		{"PNG resized", "png", encode(fill(image.NewRGBA(rect(2_000, 300)), 255), "png")},
		{"PNG halved and resized", "png", encode(fill(image.NewNRGBA64(rect(3_500, 200)), 128), "png")},
		{"JPEG halved and resized", "jpeg", encode(fill(image.NewRGBA(rect(6_500, 160)), 255), "jpeg")},
	}
	for _, c := range cases {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(c.data))
		if err != nil || format != c.format {
			t.Fatalf("%s: %v, %s", c.name, err, format)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		img, _, err := image.Decode(bytes.NewReader(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if w, h, ok := FitWidth(cfg.Width, cfg.Height, fit); ok {
			if _, _, err := Encode(Shrink(img, w, h), format); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		runtime.ReadMemStats(&after)
		used := int64(after.TotalAlloc - before.TotalAlloc)
		if est := memoryNeeded(c.data, format, cfg, fit); est+allowance < used {
			t.Errorf("%s (%d×%d): estimated %d bytes, allocated %d", c.name, cfg.Width, cfg.Height, est, used)
		} else {
			t.Logf("%s (%d×%d): estimated %d bytes, allocated %d", c.name, cfg.Width, cfg.Height, est, used)
		}
	}
}

// The layout read from a JPEG's frame header: 4:2:0 colour is 1.5 samples a
// pixel, grey 1; a progressive file says so.
func TestJPEGLayout(t *testing.T) {
	progressive, err := os.ReadFile("testdata/progressive-420.jpeg")
	if err != nil {
		t.Fatal(err)
	}
	var colour, grey bytes.Buffer
	if err := jpeg.Encode(&colour, image.NewRGBA(image.Rect(0, 0, 20, 20)), nil); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&grey, image.NewGray(image.Rect(0, 0, 20, 20)), nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name        string
		data        []byte
		planes      float64
		progressive bool
	}{{"baseline 4:2:0", colour.Bytes(), 1.5, false}, {"grey", grey.Bytes(), 1, false}, {"progressive 4:2:0", progressive, 1.5, true}} {
		planes, prog, ok := jpegLayout(c.data)
		if !ok || planes != c.planes || prog != c.progressive {
			t.Errorf("%s: %v planes, progressive %v, ok %v", c.name, planes, prog, ok)
		}
	}
	if _, _, ok := jpegLayout([]byte("\xff\xd8\xff\xda\x00\x02")); ok {
		t.Error("a scan before any frame header read as a layout")
	}
}
