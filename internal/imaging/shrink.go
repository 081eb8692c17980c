package imaging

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"

	"hearth/internal/errs"
)

// FitWidth is the size of a width×height picture shrunk to fit pixels
// wide, the height in proportion (at least a pixel), and whether it needs
// shrinking at all.
func FitWidth(width, height, fit int) (w, h int, ok bool) {
	if width <= fit {
		return width, height, false
	}
	return fit, max(1, int((int64(height)*int64(fit)+int64(width)/2)/int64(width))), true
}

// Shrink returns src scaled to w×h. It halves the picture, averaging each
// 2×2 block, while it is more than twice as wide as the copy, then
// interpolates the last step: memory stays a fraction of the original's
// (draw's kernel scalers would hold copy width × original height × 32 bytes).
func Shrink(src image.Image, w, h int) *image.RGBA {
	for b := src.Bounds(); b.Dx() > 2*w; b = src.Bounds() {
		half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, max(1, b.Dy()/2)))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), src, b, draw.Src, nil) // at exactly ½, a 2×2 average
		src = half
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

// Encode writes img as a JPEG (quality 85) when format is "jpeg", else as a
// PNG, which keeps transparency and the sharp edges of diagrams and
// screenshots; it returns the bytes and their content type.
func Encode(img image.Image, format string) ([]byte, string, error) {
	var buf bytes.Buffer
	contentType := "image/png"
	var err error
	if format == "jpeg" {
		contentType = "image/jpeg"
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return nil, "", errs.Wrap(err, "encode image")
	}
	return buf.Bytes(), contentType, nil
}
