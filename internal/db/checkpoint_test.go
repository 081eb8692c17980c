package db_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/db"
)

// TestCheckpointer writes about 1,200 pages (more than SQLite's default
// checkpoint of 1,000, fewer than the writer's backstop) and checks that the
// checkpointer, not the writer, copies them into the database file soon
// after, and that nothing does once it is stopped.
func TestCheckpointer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const rows, size = 600, 8000
	want := int64(rows * size)
	fill := func(t *testing.T, d *db.DB) {
		t.Helper()
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.ExecContext(ctx, "CREATE TABLE blobs (b BLOB)"); err != nil {
				return err
			}
			for range rows {
				if _, err := tx.ExecContext(ctx, "INSERT INTO blobs (b) VALUES (randomblob($1))", size); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fileSize := func(t *testing.T, path string) int64 {
		t.Helper()
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	open := func(t *testing.T) (*db.DB, string) {
		t.Helper()
		path := filepath.Join(t.TempDir(), "hearth.db")
		d, err := db.OpenAt(ctx, "", path, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d, path
	}

	t.Run("running", func(t *testing.T) {
		t.Parallel()
		d, path := open(t)
		fill(t, d)
		deadline := time.Now().Add(10 * time.Second)
		for fileSize(t, path) < want {
			if time.Now().After(deadline) {
				t.Fatalf("the database file holds %d bytes 10 s after the write, want at least %d", fileSize(t, path), want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	t.Run("stopped", func(t *testing.T) {
		t.Parallel()
		d, path := open(t)
		d.StopCheckpointer()
		fill(t, d)
		time.Sleep(time.Second) // four times the checkpointer's pause
		if got := fileSize(t, path); got >= want/2 {
			t.Fatalf("the database file holds %d bytes with the checkpointer stopped: the writer checkpointed", got)
		}
		if got := fileSize(t, path+"-wal"); got < want {
			t.Fatalf("the log holds %d bytes, want the %d written", got, want)
		}
	})
}
