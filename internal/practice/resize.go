package practice

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"golang.org/x/image/draw"

	"hearth/internal/errs"
)

// DisplayWidth is the widest image an entry page shows as it is: a wider
// one gets a copy this wide, made once when it is attached, which the page
// shows instead (linking the original as a download), so that readers do
// not fetch and decode a picture many times larger than their screen.
const DisplayWidth = 1600

// resizedSize is the size of an image's resized copy, and whether it needs
// one: DisplayWidth wide, the height in proportion (at least a pixel).
func resizedSize(width, height int) (w, h int, ok bool) {
	if width <= DisplayWidth {
		return width, height, false
	}
	return DisplayWidth, max(1, int((int64(height)*DisplayWidth+int64(width)/2)/int64(width))), true
}

// resized is an image's resized copy, encoded.
type resized struct {
	data          []byte
	contentType   string
	width, height int
}

// stored is the copy's bytes as stored: NULL when there is none (an empty
// []byte is bound as an empty BLOB by SQLite's driver, not as NULL).
func (r resized) stored() any {
	if r.data == nil {
		return nil
	}
	return r.data
}

// makeResized returns the copy of a decoded image too wide to show: JPEG
// (quality 85) for a JPEG, PNG otherwise, which keeps transparency and the
// sharp edges of diagrams and screenshots. It halves the picture, averaging
// each 2×2 block, while it is more than twice as wide as the copy, then
// interpolates the last step: memory stays a fraction of the original's
// (draw's kernel scalers would hold copy width × original height × 32 bytes).
func makeResized(img image.Image, format string) (resized, error) {
	b := img.Bounds()
	w, h, ok := resizedSize(b.Dx(), b.Dy())
	if !ok {
		return resized{}, nil
	}
	src := img
	for b := src.Bounds(); b.Dx() > 2*w; b = src.Bounds() {
		half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, max(1, b.Dy()/2)))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), src, b, draw.Src, nil) // at exactly ½, a 2×2 average
		src = half
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	out := resized{contentType: "image/png", width: w, height: h}
	var err error
	if format == "jpeg" {
		out.contentType = "image/jpeg"
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&buf, dst)
	}
	if err != nil {
		return resized{}, errs.Wrap(err, "encode resized image")
	}
	out.data = buf.Bytes()
	return out, nil
}

// ResizedFilename is the name the resized copy is served under: the
// original's, with the extension of the copy's type.
func (a Attachment) ResizedFilename() string {
	ext := ".png"
	if a.ResizedType == "image/jpeg" {
		ext = ".jpg"
	}
	return strings.TrimSuffix(a.Filename, path.Ext(a.Filename)) + ext
}
