package web

import (
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
	dw := &download{w: w, name: slug + "-practice-" + time.Now().UTC().Format("2006-01-02") + ".zip", contentType: "application/zip"}
	err := s.Practice.Export(r.Context(), actorOf(r), slug, s.BaseURL, dw)
	if err == nil {
		return
	}
	if !dw.started {
		s.fail(w, r, err)
		return
	}
	// Part of the archive is sent already, so no error page can follow. The
	// archive lacks its central directory (written last), so no unzip tool
	// takes the truncated file for a whole one.
	s.Logger.Error("export failed", "err", err, "request_id", requestIDOf(r), "community", slug)
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
