package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// Only a file that anyone may read may be kept by a cache: the files of a
// private or institution-only community, and of a draft, are served with
// no-store, so that none outlives its reader's permission on a shared
// computer.
func TestPrivateAttachmentsAreNotCached(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		stew := e.Person("stew")
		lib := practice.NewService(d, e.Communities, nil)
		file := func(slug string, vis community.Visibility, publish bool) string {
			t.Helper()
			if vis != "" {
				e.Community(stew, slug, vis, community.Open)
			}
			en, err := lib.Create(ctx, stew, slug, practice.Input{Kind: practice.Lesson, Title: "Notes " + fmt.Sprint(publish),
				Summary: "Notes.", Publish: publish})
			if err != nil {
				t.Fatal(err)
			}
			a, err := lib.Attach(ctx, stew, slug, en.Slug, "notes.txt", "", strings.NewReader("notes"))
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("/c/%s/practice/%s/attachments/%d/notes.txt", slug, en.Slug, a.ID)
		}
		steward := e.As("stew")
		for _, c := range []struct {
			what, path, cache string
		}{
			{"public community, published", file("open", community.Public, true), "private, max-age=3600"},
			{"public community, draft", file("open", "", false), "private, no-store"},
			{"institution community", file("campus", community.Institution, true), "private, no-store"},
			{"private community", file("inner", community.Private, true), "private, no-store"},
		} {
			res := steward.Get(c.path)
			wantStatus(t, c.what, res, http.StatusOK)
			if got := res.Header.Get("Cache-Control"); got != c.cache {
				t.Errorf("%s: Cache-Control %q, want %q", c.what, got, c.cache)
			}
		}
	})
}
