package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/markup"
)

// TestStartRendersStoredMarkdown: Markdown stored without its HTML, as
// Hearth stored it before migration 0006, is rendered when a command opens
// the database, after the migrations.
func TestStartRendersStoredMarkdown(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx := context.Background()
	if code, out, errOut := run(t, ctx, "", "migrate", "--data", data); code != 0 {
		t.Fatalf("migrate = %d %q %q", code, out, errOut)
	}
	d, err := db.Open(ctx, "", filepath.Join(data, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := db.Now()
	for _, q := range []string{
		`INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
			VALUES (1, 'old', 'Old', 'public', 'open', 'maturing', 'active', $1, $1)`,
		`INSERT INTO entries (id, community_id, slug, kind, title, summary, body, maturity, created_at, updated_at)
			VALUES (1, 1, 'kept', 'story', 'Kept', 'From before.', 'Written **before** 0006.', 'published', $1, $1)`,
		`INSERT INTO comments (id, entry_id, body, created_at, updated_at) VALUES (1, 1, 'An *old* comment.', $1, $1)`,
	} {
		if _, err := d.ExecContext(ctx, q, now); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	d.Close()

	if code, out, errOut := run(t, ctx, "", "migrate", "--data", data, "--log-level", "info"); code != 0 || !strings.Contains(errOut, "rendered stored Markdown") {
		t.Fatalf("migrate = %d %q %q, want it to log the rows it rendered", code, out, errOut)
	}
	d, err = db.Open(ctx, "", filepath.Join(data, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for table, want := range map[string]string{"entries": "<p>Written <strong>before</strong> 0006.</p>\n", "comments": "<p>An <em>old</em> comment.</p>\n"} {
		var html string
		var version int
		if err := d.QueryRowContext(ctx, "SELECT body_html, render_version FROM "+table+" WHERE id = 1").Scan(&html, &version); err != nil {
			t.Fatal(err)
		}
		if html != want || version != markup.Version {
			t.Errorf("%s: %q, version %d; want %q, version %d", table, html, version, want, markup.Version)
		}
	}
}
