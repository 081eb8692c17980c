package web

import (
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// exportWriteTime bounds how long sending one export may take; a large
// library with its attachments takes longer than the server's usual
// write timeout allows.
const exportWriteTime = 15 * time.Minute

// export sends a steward the community's whole practice library as a ZIP of
// Markdown files, streamed as it is read.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	slug := strings.ToLower(r.PathValue("slug"))
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportWriteTime)) // not every writer supports it
	name := slug + "-practice-" + time.Now().UTC().Format("2006-01-02") + ".zip"
	s.sendDownload(w, r, name, "application/zip", func(dw io.Writer) error {
		return s.Practice.Export(r.Context(), actorOf(r), slug, s.BaseURL, dw)
	})
}

// sendDownload sends what write produces as a file download. An error
// before write's first byte answers with an error page. An error after it
// cuts the connection: the status and part of the file are sent already, so
// ending the response normally would hand the client a truncated file that
// looks whole; cut, the transfer fails in the browser and in curl.
func (s *Server) sendDownload(w http.ResponseWriter, r *http.Request, name, contentType string, write func(io.Writer) error) {
	dw := &download{w: w, name: name, contentType: contentType}
	err := write(dw)
	if err == nil {
		return
	}
	if !dw.started {
		s.fail(w, r, err)
		return
	}
	s.Logger.Error("download failed after it started: connection cut", "err", err, "request_id", requestIDOf(r), "file", name)
	panic(http.ErrAbortHandler) // logRequests lets it through; net/http closes the connection without ending the body
}

// download is a response writer that sends the headers of a file download
// on the first write, so that an error found before it can still answer
// with an error page.
type download struct {
	w           http.ResponseWriter
	name        string
	contentType string
	started     bool
}

func (d *download) Write(p []byte) (int, error) {
	if !d.started {
		d.started = true
		h := d.w.Header()
		h.Set("Content-Type", d.contentType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.name}))
		h.Set("Cache-Control", "no-store")
		d.w.WriteHeader(http.StatusOK)
	}
	return d.w.Write(p)
}
