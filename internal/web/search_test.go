package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// oddSearches are queries that break naive full-text search in one engine or
// the other; /search must answer each with a page, never an error.
var oddSearches = []string{
	"", `"`, `"unbalanced`, "((rye", "rye)", "AND", "OR OR", "NOT rye", "NEAR(rye bread, 2)", "*", "rye*", "title:rye", ":",
	"-rye", "!rye & | <-> :*", "'", `\`, "^rye", "; DROP TABLE entries; --", "🍞", "\uE000rye\uE001", "<script>alert(1)</script>",
	strings.Repeat("(", 2000), strings.Repeat(`"`, 2001), strings.Repeat("é", 3000),
}

func TestSearchPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		ctx := context.Background()
		sam, mia := e.Person("sam"), e.Person("mia")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "vault", community.Private, community.Invite)
		e.SetMembership("bread", mia, community.RoleMember, community.ActiveMember)
		e.SetMembership("vault", mia, community.RoleMember, community.ActiveMember)
		lib := practice.NewService(d, e.Communities, slog.New(slog.NewTextHandler(io.Discard, nil)))
		entry, err := lib.Create(ctx, mia, "bread", practice.Input{Kind: practice.Lesson, Title: "Rye bread basics", Summary: "Rye, slowly.",
			Body: "Rye needs <em>patience</em> & a hot oven.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lib.AddComment(ctx, sam, "bread", entry.Slug, "Rye with caraway is lovely."); err != nil {
			t.Fatal(err)
		}
		if _, err := lib.Create(ctx, mia, "vault", practice.Input{Kind: practice.Story, Title: "Rye vault secret", Summary: "Hush.", Publish: true}); err != nil {
			t.Fatal(err)
		}
		v := e.Visitor()

		res := v.Get("/search?q=rye")
		if res.Status != http.StatusOK {
			t.Fatalf("GET /search?q=rye = %d\n%s", res.Status, res.Body)
		}
		for _, want := range []string{"<mark>Rye</mark> bread basics", "/c/bread/practice/" + entry.Slug, "#comment-", "Lesson learned",
			"&lt;em&gt;patience&lt;/em&gt;", `role="search"`, `name="community"`, `<option value="bread"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("results page lacks %q", want)
			}
		}
		for _, unwanted := range []string{"vault secret", "<em>patience", `<option value="vault"`} {
			if strings.Contains(res.Body, unwanted) {
				t.Errorf("results page shows %q to a visitor", unwanted)
			}
		}
		// Each hit's kind and badge, decided in Go (searchHit).
		for _, want := range []string{`<span class="badge quiet">Published</span>`, `<span class="badge quiet">Comment</span>`, "Comment on Rye bread basics"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("results page lacks %q", want)
			}
		}
		member := e.As("mia").Get("/search?q=rye&community=vault&kind=story&maturity=published")
		if !strings.Contains(member.Body, "<mark>Rye</mark> vault secret") || strings.Contains(member.Body, "bread basics") {
			t.Errorf("member searching the vault = %d", member.Status)
		}
		// The filters chosen are selected in the form, and only they.
		for _, want := range []string{`<option value="vault" selected>`, `<option value="story" selected>`, `<option value="published" selected>`} {
			if !strings.Contains(member.Body, want) {
				t.Errorf("filtered page lacks %q", want)
			}
		}
		if n := strings.Count(member.Body, " selected>"); n != 3 {
			t.Errorf("%d options selected, want 3", n)
		}

		// No query: help; no results: suggestions; the box is on every page.
		if res := v.Get("/search"); res.Status != http.StatusOK || !strings.Contains(res.Body, `id="search-help"`) {
			t.Errorf("empty search = %d", res.Status)
		}
		if res := v.Get("/search?q=zzzzqqq&kind=story"); res.Status != http.StatusOK || !strings.Contains(res.Body, `id="no-results"`) ||
			!strings.Contains(res.Body, "Search without the filters") {
			t.Errorf("no results = %d", res.Status)
		}
		if res := v.Get("/communities"); !strings.Contains(res.Body, `action="/search"`) || !strings.Contains(res.Body, `role="search"`) {
			t.Error("no search box in the header")
		}

		for _, q := range oddSearches {
			for _, extra := range []string{"", "&kind=" + url.QueryEscape(q) + "&maturity=x&page=-1&tag=" + url.QueryEscape(q) +
				"&author=" + url.QueryEscape(q) + "&community=" + url.QueryEscape(q)} {
				path := "/search?q=" + url.QueryEscape(q) + extra
				if res := v.Get(path); res.Status != http.StatusOK {
					t.Errorf("GET %.60s = %d", path, res.Status)
				}
			}
		}
		for _, raw := range []string{"/search?q=%ZZ", "/search?q=%00", "/search?page=abc&q=rye", "/search?q=rye&page=99999999999999999999"} {
			if res := v.Get(raw); res.Status >= 500 {
				t.Errorf("GET %s = %d", raw, res.Status)
			}
		}
	})
}
