package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/errs"
	"hearth/internal/practice"
)

// attachmentList is the data of the "attachments" and "attachment-upload"
// partials: an entry's files, where they live, and what the reader may do.
type attachmentList struct {
	Base    string // the entry's attachments: /c/{slug}/practice/{entry}/attachments
	Back    string // the page that shows the list, where upload and remove return
	Items   []attachmentItem
	CanEdit bool   // the reader may attach and remove files
	MaxSize string // the upload limit for people: "10 MiB"
}

// attachmentItem is one file with the address it is served at, and that of
// its resized copy when it has one (which the page shows instead).
type attachmentItem struct {
	practice.Attachment
	URL        string
	ResizedURL string
}

// entryAttachments loads the attachment list of an entry the reader has
// loaded, for a page at back (the entry page, or its edit page).
func (s *Server) entryAttachments(ctx context.Context, ev practice.EntryView, back string) (attachmentList, error) {
	list, err := s.Practice.Attachments(ctx, ev)
	if err != nil {
		return attachmentList{}, err
	}
	base := attachmentsURL(ev.Community.Slug, ev.Slug)
	out := attachmentList{Base: base, Back: back, CanEdit: ev.CanEdit(), MaxSize: practice.MiB(s.Practice.MaxUpload())}
	for _, a := range list {
		item := attachmentItem{Attachment: a, URL: attachmentURL(base, a)}
		if a.HasResized() {
			item.ResizedURL = base + "/" + strconv.FormatInt(a.ID, 10) + "/resized/" + url.PathEscape(a.ResizedFilename())
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func attachmentsURL(community, entry string) string {
	return "/c/" + community + "/practice/" + entry + "/attachments"
}

func attachmentURL(base string, a practice.Attachment) string {
	return base + "/" + strconv.FormatInt(a.ID, 10) + "/" + url.PathEscape(a.Filename)
}

// formOverhead is what a multipart body may carry beyond the file itself.
const formOverhead = 1 << 20

// allowTransfer lets this request move n bytes on a slow connection despite
// the server's read and write timeouts: two minutes, plus a second for every
// 64 KiB (512 kbit/s). Reading is extended only for an upload.
func allowTransfer(w http.ResponseWriter, n int64, upload bool) {
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(2*time.Minute + time.Duration(n>>16)*time.Second)
	if upload {
		_ = rc.SetReadDeadline(deadline) // ErrNotSupported leaves the server's timeout, which is safe
	}
	_ = rc.SetWriteDeadline(deadline)
}

// uploadAttachment stores the file of a multipart form (field "file"; an
// optional "next" before it names the page to return to). It streams the
// parts rather than parsing the form, so nothing is spooled to disk.
//
// Who may attach is asked before a byte of the body is read and before the
// connection is given more time: a refused request is answered at once, and
// net/http then closes the connection rather than read a large body, so a
// stranger cannot hold a connection open by sending it slowly.
func (s *Server) uploadAttachment(w http.ResponseWriter, r *http.Request) {
	slug, entry := r.PathValue("slug"), r.PathValue("entry")
	back := entryURL(slug, entry)
	if err := s.Practice.MayAttach(r.Context(), actorOf(r), slug, entry); err != nil {
		s.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.Practice.MaxUpload()+formOverhead)
	allowTransfer(w, s.Practice.MaxUpload()+formOverhead, true)
	mr, err := r.MultipartReader()
	if err != nil {
		s.uploadFailed(w, r, errs.Field("file", "Choose a file to attach."), back)
		return
	}
	var alt string
	for {
		part, err := mr.NextPart()
		if err != nil {
			if err == io.EOF {
				err = errs.Field("file", "Choose a file to attach.")
			} else if !errors.As(err, new(*http.MaxBytesError)) {
				err = errs.Field("file", "The upload did not arrive completely. Please try again.")
			} else {
				err = practice.TooLarge(s.Practice.MaxUpload())
			}
			s.uploadFailed(w, r, err, back)
			return
		}
		switch part.FormName() {
		case "next":
			b, _ := io.ReadAll(io.LimitReader(part, 2048))
			if next := string(b); strings.HasPrefix(next, back+"/") || next == back {
				back = safeNext(next)
			}
		case "alt": // the form sends it before the file
			b, _ := io.ReadAll(io.LimitReader(part, 4*practice.MaxAlt+1))
			alt = string(b)
		case "file":
			a, err := s.Practice.Attach(r.Context(), actorOf(r), slug, entry, part.FileName(), alt, part)
			if err != nil {
				s.uploadFailed(w, r, err, back)
				return
			}
			s.redirect(w, r, back, "Attached "+a.Filename+".")
			return
		}
		part.Close()
	}
}

// uploadFailed answers a refused upload: a person's mistake (too large, not
// a whole image, no file) on a page that says what to do, with 413 for a
// file over the limit; anything else through fail.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, err error, back string) {
	if !errs.Is(err, errs.Invalid) {
		s.fail(w, r, err)
		return
	}
	status := http.StatusUnprocessableEntity
	if errors.Is(err, practice.ErrTooLarge) {
		status = http.StatusRequestEntityTooLarge
	}
	// Read what is left of a refused body (at most the MaxBytesReader's
	// limit), so the browser sees this page rather than a reset connection.
	io.Copy(io.Discard, r.Body) //nolint:errcheck
	msg := errs.MessageOf(err)
	if f := errs.FieldsOf(err)["file"]; f != "" && f != msg && !errors.Is(err, practice.ErrTooLarge) {
		msg = f
	}
	s.renderMessage(w, r, status, "The file was not attached", msg, Crumb{"Back to the entry", back})
}

// attachmentFile serves an attachment's bytes: an image inline with its
// sniffed type, every other file as a download the browser must not open or
// sniff; either way sandboxed, in case it is opened as a document.
func (s *Server) attachmentFile(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	a, data, err := s.Practice.AttachmentData(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("entry"), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.serveAttachment(w, r, a, data, a.ContentType, a.Filename, "a")
}

// attachmentResized serves the resized copy of a large image, which the
// entry page shows in its place.
func (s *Server) attachmentResized(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	a, data, err := s.Practice.AttachmentResized(r.Context(), actorOf(r), r.PathValue("slug"), r.PathValue("entry"), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.serveAttachment(w, r, a, data, a.ResizedType, a.ResizedFilename(), "r")
}

// serveAttachment sends the bytes of an attachment (or of its copy, of type
// ctype, offered as name); tag tells the two apart in the ETag.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request, a practice.Attachment, data []byte, ctype, name, tag string) {
	allowTransfer(w, int64(len(data)), false)
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	// A file not everyone may read is kept by no cache, so that it does not
	// outlive the permission to read it (a member who leaves, a community
	// made private) on a shared computer.
	h.Set("Cache-Control", "private, no-store")
	if a.Public {
		h.Set("Cache-Control", "private, max-age=3600")
	}
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("ETag", `"`+tag+strconv.FormatInt(a.ID, 10)+`"`) // attachments never change: a new file is a new id
	disposition := "attachment"
	h.Set("Content-Type", "application/octet-stream")
	if a.IsImage {
		disposition = "inline"
		h.Set("Content-Type", ctype)
	}
	if v := mime.FormatMediaType(disposition, map[string]string{"filename": name}); v != "" {
		disposition = v
	}
	h.Set("Content-Disposition", disposition)
	http.ServeContent(w, r, "", a.CreatedAt, bytes.NewReader(data))
}

// deleteAttachment removes a file from an entry.
func (s *Server) deleteAttachment(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug, entry := r.PathValue("slug"), r.PathValue("entry")
	back := entryURL(slug, entry)
	if next := f.Get("next"); strings.HasPrefix(next, back+"/") || next == back {
		back = safeNext(next)
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	err = s.Practice.DeleteAttachment(r.Context(), actorOf(r), slug, entry, id)
	s.afterAction(w, r, err, back, "The file is removed.")
}
