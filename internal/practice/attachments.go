package practice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/imaging"
	"hearth/internal/ratelimit"
)

// DefaultMaxUpload is the largest attachment accepted unless the operator
// sets another limit: 10 MiB.
const DefaultMaxUpload int64 = 10 << 20

// Limits on what is stored with a file (images have theirs in imaging).
const (
	MaxFilename = 200 // characters of a stored file name
	MaxAlt      = 500 // characters of an image's description
)

// ErrTooLarge is the cause inside the error Attach returns for a file over
// the limit, so that web can answer 413.
var ErrTooLarge = errors.New("attachment over the size limit")

// TooLarge returns the error for a file over limit bytes: Invalid, on the
// field "file", naming the limit in MiB, with ErrTooLarge as its cause.
func TooLarge(limit int64) error {
	return &errs.Error{Kind: errs.Invalid, Cause: ErrTooLarge,
		Message: fmt.Sprintf("This file is larger than %s, the most this site accepts. Try a smaller file, or share a link to it.", MiB(limit)),
		Fields:  map[string]string{"file": fmt.Sprintf("Choose a file of at most %s.", MiB(limit))}}
}

// Attachment is a file or image attached to an entry (without its bytes).
type Attachment struct {
	ID           int64
	Filename     string
	ContentType  string // sniffed from the content, never taken from the client
	Size         int64  // bytes
	Width        int    // pixels, for images
	Height       int
	IsImage      bool // a PNG, JPEG, GIF or WebP that decoded: shown inline
	CreatedAt    time.Time
	UploaderName string
	Alt          string // what the image shows, in the uploader's words; may be empty
	// Public reports whether a visitor without a session may read the file
	// (a published entry of a community anyone may read), so that caches may
	// keep it. Set by AttachmentData.
	Public bool
	// The resized copy of an image wider than DisplayWidth, which pages show
	// instead of it: its type and size; no copy when ResizedWidth is 0.
	ResizedType                 string
	ResizedWidth, ResizedHeight int
}

// AltText is what a page says the image shows: the uploader's words, or the
// file name when they wrote none.
func (a Attachment) AltText() string {
	if a.Alt != "" {
		return a.Alt
	}
	return a.Filename
}

// HasResized reports whether the image has a resized copy to show.
func (a Attachment) HasResized() bool { return a.ResizedWidth > 0 }

// SizeLabel is the size for people: "312 bytes", "48 KB", "2.4 MB".
func (a Attachment) SizeLabel() string { return sizeLabel(a.Size) }

func sizeLabel(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1_000_000:
		return strconv.FormatInt((n+500)/1000, 10) + " KB"
	}
	return strconv.FormatFloat(float64(n)/1_000_000, 'f', 1, 64) + " MB"
}

// SetMaxUpload sets the largest attachment, in bytes; n <= 0 restores the
// default. Call it before serving requests.
func (s *Service) SetMaxUpload(n int64) {
	if n <= 0 {
		n = DefaultMaxUpload
	}
	s.maxUpload = n
}

// MaxUpload returns the largest attachment accepted, in bytes.
func (s *Service) MaxUpload() int64 { return s.maxUpload }

// MiB names a byte count in mebibytes for people: "10 MiB", "0.5 MiB".
func MiB(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) + " MiB"
}

// Attach stores a file on an entry the actor may edit, with alt, the
// uploader's description of an image. It reads at most the limit plus one
// byte of r, sniffs the type from the content, and accepts an image only
// when its declared size is sane and it decodes completely.
func (s *Service) Attach(ctx context.Context, a auth.Actor, communitySlug, entrySlug, filename, alt string, r io.Reader) (Attachment, error) {
	alt = strings.Join(strings.Fields(alt), " ") // one line: it goes in an attribute
	if utf8.RuneCountInString(alt) > MaxAlt {
		return Attachment{}, errs.Field("alt", fmt.Sprintf("Describe the image in at most %d characters.", MaxAlt))
	}
	// Ask first, so that nobody but an editor makes us read and decode.
	if err := s.MayAttach(ctx, a, communitySlug, entrySlug); err != nil {
		return Attachment{}, err
	}
	if err := s.limits.Take(ctx, ratelimit.Upload, ratelimit.Person(a.PersonID)); err != nil {
		return Attachment{}, err
	}
	data, err := io.ReadAll(io.LimitReader(r, s.maxUpload+1))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || int64(len(data)) > s.maxUpload:
		return Attachment{}, TooLarge(s.maxUpload)
	case err != nil:
		return Attachment{}, &errs.Error{Kind: errs.Invalid, Cause: err, Message: "The file did not arrive completely. Please try again.",
			Fields: map[string]string{"file": "The file did not arrive completely. Please try again."}}
	case len(data) == 0:
		return Attachment{}, errs.Field("file", "Choose a file to attach (this one is empty).")
	}
	att := Attachment{Filename: CleanFilename(filename), Alt: alt, ContentType: http.DetectContentType(data), Size: int64(len(data))}
	var small resized
	if format, ok := imaging.Types[att.ContentType]; ok {
		if att.Width, att.Height, small, err = s.checkImage(ctx, data, format); err != nil {
			return Attachment{}, err
		}
		att.IsImage = true
		att.ResizedType, att.ResizedWidth, att.ResizedHeight = small.contentType, small.width, small.height
	}
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		e, err := s.editableEntry(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		att.CreatedAt = s.now()
		att.ID, err = db.InsertID(ctx, tx, `INSERT INTO attachments (community_id, entry_id, uploader_id, filename, content_type, size, width, height, data, created_at,
				resized, resized_type, resized_width, resized_height, alt)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			e.CommunityID, e.ID, a.PersonID, att.Filename, att.ContentType, att.Size, att.Width, att.Height, data, att.CreatedAt,
			small.stored(), att.ResizedType, att.ResizedWidth, att.ResizedHeight, att.Alt)
		if err != nil {
			return errs.Wrap(err, "store attachment")
		}
		return tx.QueryRowContext(ctx, "SELECT name FROM people WHERE id = $1", a.PersonID).Scan(&att.UploaderName)
	})
	if err != nil {
		return Attachment{}, errs.Wrap(err, "attach")
	}
	return att, nil
}

// MayAttach answers whether the actor may attach files to the entry: nil,
// or Unauthenticated for a visitor, NotFound to whoever may not read the
// entry, Forbidden to a reader who may not edit it. It costs two reads, so
// that web asks it before accepting a byte of an upload.
func (s *Service) MayAttach(ctx context.Context, a auth.Actor, communitySlug, entrySlug string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in to attach files.")
	}
	_, err := s.editableEntry(ctx, nil, a, communitySlug, entrySlug)
	return err
}

// editableEntry loads an entry the actor may read and improve: NotFound when
// they may not read it, Forbidden when they may read but not edit it. With a
// nil tx it reads outside any transaction.
func (s *Service) editableEntry(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug, entrySlug string) (Entry, error) {
	var v community.View
	var e Entry
	var err error
	if tx != nil {
		v, e, err = s.entryTx(ctx, tx, a, communitySlug, entrySlug)
	} else if v, err = s.communities.Get(ctx, a, communitySlug); err == nil {
		e, err = s.loadEntry(ctx, s.db, v, entrySlug)
	}
	if err != nil {
		return Entry{}, err
	}
	if !(EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}).CanEdit() {
		return Entry{}, editRefusal(v)
	}
	return e, nil
}

// checkImage opens an image (imaging.Decode: the header checked before a
// pixel is decoded, memory and concurrent decodes bounded), to prove it is
// a whole image and to make its resized copy when it is wider than
// DisplayWidth.
func (s *Service) checkImage(ctx context.Context, data []byte, format string) (width, height int, small resized, err error) {
	img, cfg, err := imaging.Decode(ctx, data, format, DisplayWidth)
	if err != nil {
		return 0, 0, resized{}, err
	}
	if small, err = makeResized(img, format); err != nil {
		return 0, 0, resized{}, err
	}
	return cfg.Width, cfg.Height, small, nil
}

// CleanFilename makes a client's file name safe to store and to offer back:
// its base name only, without control, formatting (such as right-to-left
// overrides) or path characters, at most MaxFilename characters with its
// extension kept; "file" when nothing is left.
func CleanFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.TrimLeft(strings.TrimSpace(name), ". ")
	name = strings.TrimRight(name, ". ")
	if utf8.RuneCountInString(name) > MaxFilename {
		ext := path.Ext(name)
		if utf8.RuneCountInString(ext) > 20 {
			ext = ""
		}
		stem := []rune(strings.TrimSuffix(name, ext))
		name = strings.TrimSpace(string(stem[:MaxFilename-utf8.RuneCountInString(ext)])) + ext
	}
	if name == "" {
		return "file"
	}
	return name
}

const attachmentColumns = `a.id, a.filename, a.content_type, a.size, a.width, a.height, a.created_at, COALESCE(p.name, 'A former member'),
	a.resized_type, a.resized_width, a.resized_height, a.alt`

func scanAttachment(sc interface{ Scan(...any) error }, a *Attachment, extra ...any) error {
	err := sc.Scan(append([]any{&a.ID, &a.Filename, &a.ContentType, &a.Size, &a.Width, &a.Height, &a.CreatedAt, &a.UploaderName,
		&a.ResizedType, &a.ResizedWidth, &a.ResizedHeight, &a.Alt}, extra...)...)
	_, ok := imaging.Types[a.ContentType]
	a.IsImage = ok && a.Width > 0 && a.Height > 0
	return err
}

// Attachments lists the files of an entry the reader has loaded (through
// Get, which applied the read rules), oldest first, without their bytes.
func (s *Service) Attachments(ctx context.Context, ev EntryView) ([]Attachment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM attachments a LEFT JOIN people p ON p.id = a.uploader_id
		WHERE a.entry_id = $1 ORDER BY a.created_at, a.id LIMIT 500`, ev.ID)
	if err != nil {
		return nil, errs.Wrap(err, "list attachments")
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := scanAttachment(rows, &a); err != nil {
			return nil, errs.Wrap(err, "list attachments")
		}
		out = append(out, a)
	}
	return out, errs.Wrap(rows.Err(), "list attachments")
}

var errAttachmentNotFound = errs.NotFoundf("There is no such file, or you may not see it.")

// AttachmentData returns an attachment with its bytes, by the entry's read
// rules: NotFound to anyone who may not read the entry (a private
// community's outsiders, a draft's non-authors).
func (s *Service) AttachmentData(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64) (Attachment, []byte, error) {
	return s.attachmentBytes(ctx, a, communitySlug, entrySlug, id, false)
}

// AttachmentResized returns an image attachment with the bytes of its
// resized copy, by the same rules as AttachmentData; NotFound when it has
// no copy.
func (s *Service) AttachmentResized(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64) (Attachment, []byte, error) {
	return s.attachmentBytes(ctx, a, communitySlug, entrySlug, id, true)
}

// attachmentBytes reads an attachment with its bytes, or those of its
// resized copy, for an actor who may read its entry.
func (s *Service) attachmentBytes(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64, resized bool) (Attachment, []byte, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return Attachment{}, nil, err
	}
	e, err := s.loadEntry(ctx, s.db, v, entrySlug)
	if err != nil {
		return Attachment{}, nil, err
	}
	var att Attachment
	var data []byte
	query := `SELECT ` + attachmentColumns + `, a.data FROM attachments a LEFT JOIN people p ON p.id = a.uploader_id WHERE a.id = $1 AND a.entry_id = $2`
	if resized {
		query = `SELECT ` + attachmentColumns + `, a.resized FROM attachments a LEFT JOIN people p ON p.id = a.uploader_id
			WHERE a.id = $1 AND a.entry_id = $2 AND a.resized_width > 0`
	}
	err = scanAttachment(s.db.QueryRowContext(ctx, query, id, e.ID), &att, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return Attachment{}, nil, errAttachmentNotFound
	}
	if err != nil {
		return Attachment{}, nil, errs.Wrap(err, "read attachment")
	}
	att.Public = e.Maturity != Draft && community.View{Community: v.Community}.CanRead()
	return att, data, nil
}

// DeleteAttachment removes a file from an entry the actor may edit.
func (s *Service) DeleteAttachment(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, id int64) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		e, err := s.editableEntry(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM attachments WHERE id = $1 AND entry_id = $2", id, e.ID)
		if err != nil {
			return errs.Wrap(err, "delete attachment")
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errAttachmentNotFound
		}
		return nil
	})
}
