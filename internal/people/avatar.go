package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"strings"

	"golang.org/x/image/draw"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/imaging"
	"hearth/internal/ratelimit"
)

// Avatars are square pictures of people, shown instead of their initials.
const (
	AvatarSide      = 256     // pixels a side of the stored picture
	MaxAvatarUpload = 5 << 20 // bytes of the uploaded file
)

// ErrAvatarTooLarge is the cause inside the error SetAvatar returns for a
// file over MaxAvatarUpload, so that web can answer 413.
var ErrAvatarTooLarge = errors.New("avatar over the size limit")

// SetAvatar makes the picture in r the actor's avatar: its centre cropped
// square, shrunk to at most AvatarSide a side and encoded again (JPEG for a
// JPEG, PNG otherwise), so that none of the file's metadata (a camera's
// location, its maker's notes) is kept. The picture is opened through
// imaging, which refuses pixel floods and bounds decoding; uploads count
// against the person's upload limit. Errors are on the field "file".
func (s *Service) SetAvatar(ctx context.Context, a auth.Actor, r io.Reader) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in to change your picture.")
	}
	if err := s.limits.Take(ctx, ratelimit.Upload, ratelimit.Person(a.PersonID)); err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxAvatarUpload+1))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || len(data) > MaxAvatarUpload:
		return AvatarTooLarge()
	case err != nil:
		return &errs.Error{Kind: errs.Invalid, Cause: err, Message: "The picture did not arrive completely. Please try again.",
			Fields: map[string]string{"file": "The picture did not arrive completely. Please try again."}}
	case len(data) == 0:
		return errs.Field("file", "Choose a picture (this file is empty).")
	}
	format, ok := imaging.Types[http.DetectContentType(data)]
	if !ok {
		return errs.Field("file", "Choose a picture in PNG, JPEG, GIF or WebP.")
	}
	img, _, err := imaging.Decode(ctx, data, format, AvatarSide)
	if err != nil {
		return err
	}
	square := centreSquare(img)
	side := min(square.Bounds().Dx(), AvatarSide)
	picture, contentType, err := imaging.Encode(imaging.Shrink(square, side, side), format)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO avatars (person_id, image, content_type, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (person_id) DO UPDATE SET image = excluded.image, content_type = excluded.content_type, updated_at = excluded.updated_at`,
			a.PersonID, picture, contentType, s.now()); err != nil {
			return errs.Wrap(err, "store avatar")
		}
		_, err := tx.ExecContext(ctx, "UPDATE people SET avatar = avatar + 1 WHERE id = $1", a.PersonID)
		return errs.Wrap(err, "store avatar")
	})
}

// AvatarTooLarge is the error for a picture over MaxAvatarUpload: Invalid,
// on the field "file", with ErrAvatarTooLarge as its cause.
func AvatarTooLarge() error {
	msg := fmt.Sprintf("This picture is over %d MiB. Choose a smaller file.", MaxAvatarUpload>>20)
	return &errs.Error{Kind: errs.Invalid, Cause: ErrAvatarTooLarge, Message: msg, Fields: map[string]string{"file": msg}}
}

// centreSquare is the largest square in the middle of img, as a picture of
// its own (so that Shrink's halving sees only the square).
func centreSquare(img image.Image) image.Image {
	b := img.Bounds()
	side := min(b.Dx(), b.Dy())
	at := image.Pt(b.Min.X+(b.Dx()-side)/2, b.Min.Y+(b.Dy()-side)/2)
	if sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return sub.SubImage(image.Rectangle{Min: at, Max: at.Add(image.Pt(side, side))})
	}
	out := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(out, out.Bounds(), img, at, draw.Src)
	return out
}

// RemoveAvatar goes back to the actor's initials.
func (s *Service) RemoveAvatar(ctx context.Context, a auth.Actor) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in to change your picture.")
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM avatars WHERE person_id = $1", a.PersonID); err != nil {
			return errs.Wrap(err, "remove avatar")
		}
		_, err := tx.ExecContext(ctx, "UPDATE people SET avatar = 0 WHERE id = $1", a.PersonID)
		return errs.Wrap(err, "remove avatar")
	})
}

// Avatar returns the picture of the person with this handle and its type.
// Like profiles, pictures are for signed-in people, and a disabled
// person's only for administrators; anyone else, or a person without a
// picture, gets NotFound.
func (s *Service) Avatar(ctx context.Context, a auth.Actor, handle string) ([]byte, string, error) {
	if !a.SignedIn() {
		return nil, "", errs.NotFoundf("There is no such picture.")
	}
	var data []byte
	var contentType string
	err := s.db.QueryRowContext(ctx, `SELECT av.image, av.content_type FROM people p JOIN avatars av ON av.person_id = p.id
		WHERE p.handle = $1 AND (p.disabled_at IS NULL OR $2)`, strings.ToLower(handle), a.Admin).Scan(&data, &contentType)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", errs.NotFoundf("There is no such picture.")
	}
	return data, contentType, errs.Wrap(err, "read avatar")
}
