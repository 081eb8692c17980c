// Package imaging opens pictures people upload without letting one of
// them exhaust the server: the header is checked before a pixel is decoded,
// the memory a decode would take is bounded, only a few decodes run at
// once, and what is kept is a smaller copy re-encoded from the pixels
// (which drops whatever metadata the file carried).
package imaging

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // registers GIF with image.DecodeConfig and image.Decode
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp" // registers WebP

	"hearth/internal/errs"
)

// Limits on images, checked from their header before any pixel is decoded,
// so that a small file claiming a huge picture (a pixel flood) costs nothing;
// MaxMemory bounds the memory too.
const (
	MaxSide   = 10_000     // pixels, either side
	MaxPixels = 40_000_000 // width × height
	decoders  = 2          // full decodes (and their copies) running at once in the process, to bound memory
)

// Types are the sniffed content types of the pictures Hearth opens, with
// the format name the image package reports for each.
var Types = map[string]string{"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/webp": "webp"}

// decodeSlots bounds the full decodes running at once across the process:
// memory is the process's, whichever capability the upload is for.
var decodeSlots = make(chan struct{}, decoders)

// Decode opens data, a picture in format (a value of Types), for a caller
// that will shrink it to at most fit pixels wide. It refuses, with an error
// on the form field "file", a picture whose header claims too many pixels
// or more than MaxMemory to decode, and one that does not decode
// completely. At most a few decodes run at once; the others wait their turn
// (or for ctx).
func Decode(ctx context.Context, data []byte, format string, fit int) (image.Image, image.Config, error) {
	damaged := errs.Field("file", "This image is damaged or incomplete, so it cannot be shown. Try saving it again, or upload another copy.")
	cfg, got, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || got != format || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, cfg, damaged
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, cfg, errs.Field("file", fmt.Sprintf("This image is %d×%d pixels: too large to show. Keep images within %d pixels a side and %d megapixels.",
			cfg.Width, cfg.Height, MaxSide, MaxPixels/1_000_000))
	}
	if need := memoryNeeded(data, format, cfg, fit); need > MaxMemory {
		depth := ""
		if sixteenBit(cfg.ColorModel) {
			depth = " at 16 bits per channel"
		}
		return nil, cfg, errs.Field("file", fmt.Sprintf("This image is %d×%d pixels%s: opening it would take %s of memory, more than the %s allowed for one image. "+
			"Save it with fewer pixels or 8 bits per channel, then upload it again.", cfg.Width, cfg.Height, depth, mebibytes(need), mebibytes(MaxMemory)))
	}
	select {
	case decodeSlots <- struct{}{}:
		defer func() { <-decodeSlots }()
	case <-ctx.Done():
		return nil, cfg, errs.Wrap(ctx.Err(), "wait to decode image")
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, cfg, damaged
	}
	return img, cfg, nil
}
