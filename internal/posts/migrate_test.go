package posts_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/posts"
)

// The comments of entries move into posts when migration 0012 runs on a
// database that holds them: ids, authors, text, stored HTML, times and
// moderation kept, on both engines; new posts take ids after them.
func TestCommentsMoveIntoPosts(t *testing.T) {
	dbtest.EachAt(t, 11, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		at := db.Now().Add(-48 * time.Hour)
		edited := at.Add(2 * time.Hour)
		for _, q := range []string{
			`INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (7, 'ada', 'ada@example.org', 'Ada', 'x', $1)`,
			`INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
				VALUES (3, 'bread', 'Bread', 'public', 'open', 'maturing', 'active', $1, $1)`,
			`INSERT INTO entries (id, community_id, slug, kind, title, maturity, created_at, updated_at) VALUES (5, 3, 'rye', 'story', 'Rye', 'published', $1, $1)`,
			`INSERT INTO comments (id, entry_id, author_id, body, body_html, body_text, render_version, created_at, updated_at)
				VALUES (41, 5, 7, 'First *word*', '<p>First <em>word</em></p>', 'First word', 1, $1, $1)`,
		} {
			if _, err := d.ExecContext(ctx, q, at); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if _, err := d.ExecContext(ctx, `INSERT INTO comments (id, entry_id, author_id, body, created_at, updated_at, hidden_at, hidden_by)
			VALUES (42, 5, 7, 'Second', $1, $2, $2, 7)`, at, edited); err != nil {
			t.Fatal(err)
		}
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		page, err := posts.Read(ctx, d, posts.Subject{Kind: "entry", ID: 5}, posts.At{}, posts.Viewer{PersonID: 7})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 2 || len(page.Posts) != 2 {
			t.Fatalf("%d posts (total %d), want 2", len(page.Posts), page.Total)
		}
		first, second := page.Posts[0], page.Posts[1]
		if first.ID != 41 || first.AuthorName != "Ada" || first.Body != "First *word*" || first.HTML != "<p>First <em>word</em></p>" ||
			!first.CreatedAt.Equal(at) || first.Edited || first.Hidden || first.Kind != posts.Comment || !first.Mine {
			t.Errorf("first moved as %+v", first)
		}
		if second.ID != 42 || !second.Hidden || !second.Edited || second.Body != "Second" {
			t.Errorf("second moved as %+v", second)
		}
		var community int64
		if err := d.QueryRowContext(ctx, `SELECT community_id FROM posts WHERE id = 41`).Scan(&community); err != nil || community != 3 {
			t.Errorf("community %d (%v), want 3", community, err)
		}
		err = d.WithTx(ctx, func(tx *db.Tx) error {
			id, err := posts.Add(ctx, tx, posts.New{Subject: posts.Subject{Kind: "entry", ID: 5}, CommunityID: 3, AuthorID: 7, Body: "Third", At: db.Now()})
			if err == nil && id <= 42 {
				t.Errorf("a new post took id %d, taken before the move", id)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
