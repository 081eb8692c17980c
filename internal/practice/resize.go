package practice

import (
	"image"
	"path"
	"strings"

	"hearth/internal/imaging"
)

// DisplayWidth is the widest image an entry page shows as it is: a wider
// one gets a copy this wide, made once when it is attached, which the page
// shows instead (linking the original as a download), so that readers do
// not fetch and decode a picture many times larger than their screen.
const DisplayWidth = 1600

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
// for a JPEG, PNG otherwise (imaging.Encode).
func makeResized(img image.Image, format string) (resized, error) {
	b := img.Bounds()
	w, h, ok := imaging.FitWidth(b.Dx(), b.Dy(), DisplayWidth)
	if !ok {
		return resized{}, nil
	}
	data, contentType, err := imaging.Encode(imaging.Shrink(img, w, h), format)
	if err != nil {
		return resized{}, err
	}
	return resized{data: data, contentType: contentType, width: w, height: h}, nil
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
