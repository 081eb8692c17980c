package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

func TestExportDownload(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		steward, member := e.Person("stew"), e.Person("mem")
		e.Person("outsider")
		e.Community(steward, "guild", community.Private, community.Request)
		e.Community(steward, "square", community.Public, community.Open)
		e.SetMembership("guild", member, community.RoleMember, community.ActiveMember)
		svc := practice.NewService(d, e.Communities, nil)
		published, err := svc.Create(ctx, member, "guild", practice.Input{Kind: practice.Lesson, Title: `Kiln log: "always"`,
			Summary: "Write it down.", Body: "Every firing.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		draft, err := svc.Create(ctx, member, "guild", practice.Input{Kind: practice.Story, Title: "A draft", Summary: "Unfinished."})
		if err != nil {
			t.Fatal(err)
		}

		stew, mem, outsider := e.As("stew"), e.As("mem"), e.As("outsider")
		res := stew.Get("/c/guild/export.zip")
		if res.Status != http.StatusOK {
			t.Fatalf("steward's export: status %d\n%s", res.Status, res.Body)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/zip" {
			t.Errorf("Content-Type = %q", ct)
		}
		disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || !regexp.MustCompile(`^guild-practice-\d{4}-\d\d-\d\d\.zip$`).MatchString(params["filename"]) {
			t.Errorf("Content-Disposition = %q", res.Header.Get("Content-Disposition"))
		}
		zr, err := zip.NewReader(bytes.NewReader([]byte(res.Body)), int64(len(res.Body)))
		if err != nil {
			t.Fatalf("the download is not a ZIP: %v", err)
		}
		names := map[string]bool{}
		for _, f := range zr.File {
			names[f.Name] = true
		}
		for _, want := range []string{"README.md", "collections.md", "entries/" + published.Slug + ".md", "entries/" + draft.Slug + ".md"} {
			if !names[want] {
				t.Errorf("the archive lacks %s (it has %v)", want, names)
			}
		}

		// Everyone else: 404 where they may not read the community, 403
		// where they may, and a visitor is asked to sign in.
		for _, c := range []struct {
			who    string
			client *apptest.Client
			path   string
			status int
		}{
			{"member", mem, "/c/guild/export.zip", http.StatusForbidden},
			{"outsider", outsider, "/c/guild/export.zip", http.StatusNotFound},
			{"visitor", e.Visitor(), "/c/guild/export.zip", http.StatusNotFound},
			{"outsider of a public community", outsider, "/c/square/export.zip", http.StatusForbidden},
			{"visitor of a public community", e.Visitor(), "/c/square/export.zip", http.StatusSeeOther},
		} {
			res := c.client.Get(c.path)
			if res.Status != c.status {
				t.Errorf("%s: status %d, want %d", c.who, res.Status, c.status)
			}
			if res.Header.Get("Content-Disposition") != "" || strings.Contains(res.Body, "Every firing") {
				t.Errorf("%s: got the archive", c.who)
			}
		}

		// Stewards find the download on the settings page.
		settings := stew.Get("/c/guild/settings")
		if !strings.Contains(settings.Body, `href="/c/guild/export.zip"`) || !strings.Contains(settings.Body, "Download the library (ZIP)") {
			t.Error("the settings page does not offer the export")
		}
	})
}
