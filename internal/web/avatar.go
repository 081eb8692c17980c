package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"hearth/internal/errs"
	"hearth/internal/people"
)

// uploadAvatar makes the picture of a multipart form (field "file") the
// person's avatar. Like attachments, the parts are streamed, not spooled
// to disk; a mistake comes back on the account page next to the field.
func (s *Server) uploadAvatar(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		s.fail(w, r, errs.New(errs.Unauthenticated, "Please sign in to change your picture."))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, people.MaxAvatarUpload+formOverhead)
	err := errs.Field("file", "Choose a picture to upload.")
	if mr, merr := r.MultipartReader(); merr == nil {
		for {
			part, perr := mr.NextPart()
			if perr != nil {
				if perr != io.EOF {
					err = errs.Field("file", "The picture did not arrive completely. Please try again.")
					if errors.As(perr, new(*http.MaxBytesError)) {
						err = people.AvatarTooLarge()
					}
				}
				break
			}
			if part.FormName() == "file" {
				err = s.People.SetAvatar(r.Context(), a, part)
				break
			}
			part.Close()
		}
	}
	if err != nil {
		io.Copy(io.Discard, r.Body) //nolint:errcheck // so that the browser sees the page, not a reset connection
		f := Form{}
		if !f.Failed(err) {
			s.fail(w, r, err)
			return
		}
		status := statusOf(err)
		if errors.Is(err, people.ErrAvatarTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		s.accountPage(w, r, status, &accountPage{AvatarForm: f})
		return
	}
	s.redirect(w, r, "/account", "Your picture is saved.")
}

// removeAvatar goes back to the person's initials.
func (s *Server) removeAvatar(w http.ResponseWriter, r *http.Request) {
	parseForm(w, r)
	if err := s.People.RemoveAvatar(r.Context(), actorOf(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "Your picture is removed: colleagues see your initials.")
}

// avatar serves a person's picture to the signed-in people who may see
// their profile. Its address carries the picture's version (?v=), so a
// browser may keep it a day: a new picture has a new address. It is kept
// by no shared cache, being for signed-in people only.
func (s *Server) avatar(w http.ResponseWriter, r *http.Request) {
	data, contentType, err := s.People.Avatar(r.Context(), actorOf(r), r.PathValue("handle"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=86400")
	w.Write(data) //nolint:errcheck // the client went away
}
