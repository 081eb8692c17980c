package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"hearth/internal/db"
)

// TestSlowStepsShowProgress: `demo` tells its progress, and `migrate`
// tells it for the slow steps it has to do (rendering stored Markdown,
// rebuilding the search index), as plain lines off a terminal; with
// nothing to do, it tells nothing.
func TestSlowStepsShowProgress(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	code, _, errOut := run(t, ctx, "", "demo", "--data", data, "--log-level", "warn")
	if code != 0 || !strings.Contains(errOut, "loading the demo: started\n") || !strings.Contains(errOut, "loading the demo: done, ") {
		t.Fatalf("demo = %d, stderr %q", code, errOut)
	}
	d, err := db.Open(ctx, "", filepath.Join(data, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE entries SET render_version = 0", "DELETE FROM search_meta WHERE name = 'rebuild'", "INSERT INTO search_meta (name, value) VALUES ('rebuild', 'test')"} {
		if _, err := d.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	d.Close()
	code, _, errOut = run(t, ctx, "", "migrate", "--data", data, "--log-level", "warn")
	for _, want := range []string{"rendering stored Markdown: started\n", "rendering stored Markdown: done, ", "indexing for search: started\n", "indexing for search: done, "} {
		if code != 0 || !strings.Contains(errOut, want) {
			t.Errorf("migrate = %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	if code, _, errOut = run(t, ctx, "", "migrate", "--data", data, "--log-level", "warn"); code != 0 || errOut != "" {
		t.Errorf("migrate with nothing to do = %d, stderr %q", code, errOut)
	}
}
