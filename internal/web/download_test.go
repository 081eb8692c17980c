package web

import (
	"archive/zip"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"hearth/internal/errs"
)

// A download that fails after its first bytes went out (the database goes
// away in the middle of a ZIP export) must reach the client as a broken
// transfer, never as a complete response holding a truncated file; one that
// fails before its first byte answers with an error page.
func TestDownloadFailingMidwayIsCut(t *testing.T) {
	t.Parallel()
	s, err := New(Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	failure := errs.Wrap(errors.New("the database went away"), "export attachment")
	var failAfter int // bytes of a ZIP entry written before the failure
	srv := httptest.NewServer(s.logRequests(s.securityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.sendDownload(w, r, "library.zip", "application/zip", func(w io.Writer) error {
			if failAfter == 0 {
				return failure
			}
			zw := zip.NewWriter(w)
			f, err := zw.Create("entries/first.md")
			if err != nil {
				return err
			}
			// Incompressible, so that it reaches the client before the failure.
			if _, err := io.CopyN(f, rand.Reader, int64(failAfter)); err != nil {
				return err
			}
			if err := zw.Flush(); err != nil {
				return err
			}
			return failure
		})
	}))))
	defer srv.Close()

	failAfter = 256 << 10
	res, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatalf("the response's head did not arrive: %v", err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Disposition") == "" {
		t.Fatalf("head: %d, Content-Disposition %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	if err == nil {
		t.Fatalf("a download that failed midway arrived as a whole response of %d bytes", len(body))
	}
	if len(body) == 0 {
		t.Fatal("no part of the file arrived: the test does not fail midway")
	}

	failAfter = 0
	res, err = srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err = io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusInternalServerError || res.Header.Get("Content-Disposition") != "" {
		t.Fatalf("failure before the first byte: %d, Content-Disposition %q, %v\n%s", res.StatusCode, res.Header.Get("Content-Disposition"), err, body)
	}
}
