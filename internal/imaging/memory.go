package imaging

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
)

// MaxMemory bounds the memory one image may take while Decode checks it
// and its caller makes a smaller copy: its decoded pixels, laid out as Go's
// decoder lays them, plus the copy. A small file can claim a picture that
// takes hundreds of MiB once decoded (a 311 KB PNG of 10,000 × 4,000 pixels
// at 16 bits per channel takes 305 MiB), so the sides and pixel count alone
// do not bound it. With decoders at work at once, images cost at most
// twice this.
const MaxMemory = 128 << 20

// memoryNeeded estimates, from the header alone, the bytes that decoding
// the image and shrinking it to width fit allocate at most: width × height ×
// the bytes per pixel of the decoder's layout for the color model that
// image.DecodeConfig reports, with what some formats keep beside it.
func memoryNeeded(data []byte, format string, cfg image.Config, fit int) int64 {
	pixels := int64(cfg.Width) * int64(cfg.Height)
	perPixel := modelBytes(cfg.ColorModel)
	switch format {
	case "png":
		interlaced, transparent := pngLayout(data)
		if transparent && cfg.ColorModel == color.GrayModel {
			perPixel = 4 // a grey with a transparent value decodes to NRGBA
		} else if transparent && cfg.ColorModel == color.Gray16Model {
			perPixel = 8 // and at 16 bits to NRGBA64
		}
		if interlaced {
			perPixel *= 2 // each of the seven passes is decoded apart, then copied into the whole
		}
	case "jpeg":
		// The decoder's planes are padded to whole 16-pixel blocks.
		pixels = int64((cfg.Width+15)&^15) * int64((cfg.Height+15)&^15)
		perPixel = jpegBytes(data, cfg.ColorModel)
	case "webp":
		if cfg.ColorModel == color.NRGBAModel {
			perPixel = 8 // lossless: ARGB words, then the NRGBA image made from them
		}
	}
	return int64(float64(pixels)*perPixel) + shrinkMemory(cfg.Width, cfg.Height, fit)
}

// shrinkMemory is what shrinking a width×height picture to fit pixels wide
// allocates: the halvings (4 bytes a pixel at ¼, 1/16, … of the pixels,
// 4/3 of a byte a pixel in all), the copy, its encoding (at most about its
// raw size) and the encoder's state.
func shrinkMemory(width, height, fit int) int64 {
	w, h, ok := FitWidth(width, height, fit)
	if !ok {
		return 0
	}
	n := 2*4*int64(w)*int64(h) + 1<<20
	if width > 2*fit {
		n += int64(width) * int64(height) * 4 / 3
	}
	return n
}

// modelBytes is the bytes per pixel of the image type a decoder returns
// for a color model; 8, the most any standard type takes, for others.
func modelBytes(m color.Model) float64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4 at most
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel, color.NYCbCrAModel:
		return 4
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8
}

// pngLayout reads what a PNG's chunks before its pixels say beyond
// image.DecodeConfig: whether it is interlaced (Adam7, the last byte of
// IHDR) and whether it has a transparent colour (a tRNS chunk), which turns
// a grey picture into a colour one with alpha when decoded.
func pngLayout(data []byte) (interlaced, transparent bool) {
	interlaced = len(data) > 28 && data[28] == 1
	for i := 8; i+8 <= len(data); {
		size, typ := int64(binary.BigEndian.Uint32(data[i:])), string(data[i+4:i+8])
		switch typ {
		case "tRNS":
			return interlaced, true
		case "IDAT", "IEND":
			return interlaced, false
		}
		if size > int64(len(data)) {
			break
		}
		i += 12 + int(size)
	}
	return interlaced, true // no pixels found: assume the larger layout
}

// jpegBytes is the bytes per pixel Go's JPEG decoder allocates: a plane per
// component at its sampling (1.5 for the usual 4:2:0 YCbCr), the RGBA or
// CMYK image it converts RGB and four-component files into, and for a
// progressive file four bytes per component sample for the coefficients it
// keeps until the last scan.
func jpegBytes(data []byte, m color.Model) float64 {
	planes, progressive, ok := jpegLayout(data)
	if !ok {
		planes, progressive = 4, true // unreadable here: assume the worst the decoder may do
	}
	n := planes
	if m == color.RGBAModel || m == color.CMYKModel {
		n += 4
	}
	if progressive {
		n += 4 * planes
	}
	return n
}

// jpegLayout reads a JPEG's frame header: the samples per pixel of all its
// components together (each component's sampling factors over the largest)
// and whether it is progressive. ok is false when no frame header is found.
func jpegLayout(data []byte) (planes float64, progressive, ok bool) {
	i := 2 // past the SOI marker
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return 0, false, false
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		if size < 2 || i+2+size > len(data) {
			return 0, false, false
		}
		seg := data[i+4 : i+2+size]
		switch marker {
		case 0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF: // SOFn
			if len(seg) < 6 {
				return 0, false, false
			}
			n := int(seg[5])
			if n == 0 || len(seg) < 6+3*n {
				return 0, false, false
			}
			var maxH, maxV int
			for c := range n {
				h, v := int(seg[7+3*c]>>4), int(seg[7+3*c]&0x0F)
				maxH, maxV = max(maxH, h), max(maxV, v)
			}
			if maxH == 0 || maxV == 0 {
				return 0, false, false
			}
			for c := range n {
				h, v := int(seg[7+3*c]>>4), int(seg[7+3*c]&0x0F)
				planes += float64(h*v) / float64(maxH*maxV)
			}
			progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE
			return planes, progressive, true
		case 0xDA, 0xD9: // start of scan or end of image before any frame header
			return 0, false, false
		}
		i += 2 + size
	}
	return 0, false, false
}

// sixteenBit reports whether a color model holds 16 bits per channel.
func sixteenBit(m color.Model) bool {
	return m == color.Gray16Model || m == color.Alpha16Model || m == color.RGBA64Model || m == color.NRGBA64Model
}

// mebibytes names a byte count in whole MiB, rounded up, for people.
func mebibytes(n int64) string { return fmt.Sprintf("%d MiB", (n+1<<20-1)>>20) }
