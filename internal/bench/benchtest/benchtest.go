// Package benchtest serves a test's pages over HTTP at 64 connections
// against the bare reference page in the same run (bench.MeasurePages) and
// logs the table, for the scale tests behind HEARTH_SCALE=1. The figures are
// to read, not a pass or fail: the machine's load moves them. With
// HEARTH_SCALE_CPUPROFILE set, the measured run is profiled into that file.
package benchtest

import (
	"context"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"hearth/internal/bench"
	"hearth/internal/db"
)

// Measure measures pages of h, signed in as email, and logs the table under
// title; a page that answered with errors, or not at all, fails the test.
func Measure(t *testing.T, ctx context.Context, d *db.DB, h http.Handler, email, password, title string, pages []bench.Page) {
	t.Helper()
	o := bench.Defaults()
	o.Warmup, o.Duration = 2*time.Second, 8*time.Second
	if path := os.Getenv("HEARTH_SCALE_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	rep, err := bench.MeasurePages(ctx, d, h, email, password, pages, o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Logf("HTTP, %s, %s:\n%s", title, d.Dialect, table.String())
	for _, r := range rep.Results {
		if r.Errors != 0 || r.Requests == 0 {
			t.Errorf("%s: %d requests, %d errors (%s)", r.Name, r.Requests, r.Errors, r.FirstError)
		}
	}
}
