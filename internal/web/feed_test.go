package web_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/markup/xsstest"
	"hearth/internal/practice"
	"hearth/internal/web"
)

// readFeed fetches the Atom feed at path as a visitor, checks how it is
// served, and reads it back into web.AtomFeed.
func readFeed(t *testing.T, e *apptest.Env, path string) (web.AtomFeed, string) {
	t.Helper()
	res := e.Visitor().Get(path)
	if res.Status != http.StatusOK {
		t.Fatalf("GET %s: status %d\n%s", path, res.Status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	var f web.AtomFeed
	if err := xml.Unmarshal([]byte(res.Body), &f); err != nil {
		t.Fatalf("the feed is not valid XML: %v\n%s", err, res.Body)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
		t.Errorf("root element %v, want the Atom feed", f.XMLName)
	}
	return f, res.Body
}

func TestAtomFeedOfAPublicCommunity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		steward, member := e.Person("stew"), e.Person("mem")
		e.Community(steward, "bakers", community.Public, community.Open)
		e.SetMembership("bakers", member, community.RoleMember, community.ActiveMember)
		svc := practice.NewService(d, e.Communities, nil)
		create := func(in practice.Input) practice.Entry {
			t.Helper()
			en, err := svc.Create(ctx, member, "bakers", in)
			if err != nil {
				t.Fatalf("create %q: %v", in.Title, err)
			}
			return en
		}
		older := create(practice.Input{Kind: practice.Lesson, Title: "Proofing in the cold", Summary: "Slow dough tastes better.",
			Body: "Leave it **overnight**.", Tags: "dough", Publish: true})
		create(practice.Input{Kind: practice.Story, Title: "Draft nobody sees", Summary: "Not yet.", Body: "Secret draft body."})
		newer := create(practice.Input{Kind: practice.Practice, Title: "Scoring loaves", Summary: "Cut at an angle.",
			Body: "See [the guide](https://example.org/guide).", Publish: true})

		f, raw := readFeed(t, e, "/c/bakers/feed.atom")
		if strings.Contains(raw, "Draft nobody sees") || strings.Contains(raw, "Secret draft body") {
			t.Error("the feed shows a draft")
		}
		if f.Title.Type != "text" || !strings.Contains(f.Title.Text, "Community bakers") || f.Updated == "" || f.ID == "" {
			t.Errorf("feed head: %+v", f)
		}
		base := e.Server.URL
		links := map[string]string{}
		for _, l := range f.Links {
			links[l.Rel] = l.Href
		}
		if links["self"] != base+"/c/bakers/feed.atom" || links["alternate"] != base+"/c/bakers/practice" {
			t.Errorf("feed links = %v", links)
		}
		if len(f.Entries) != 2 || f.Entries[0].Title.Text != newer.Title || f.Entries[1].Title.Text != older.Title {
			t.Fatalf("entries = %+v, want %q then %q", f.Entries, newer.Title, older.Title)
		}
		ids := map[string]bool{}
		for i, en := range f.Entries {
			want := []practice.Entry{newer, older}[i]
			if !strings.HasPrefix(en.ID, "tag:127.0.0.1,") || ids[en.ID] {
				t.Errorf("entry id %q: want a unique tag: URI", en.ID)
			}
			ids[en.ID] = true
			if len(en.Links) != 1 || en.Links[0].Rel != "alternate" || en.Links[0].Href != base+"/c/bakers/practice/"+want.Slug {
				t.Errorf("entry links = %+v, want the absolute permalink", en.Links)
			}
			if en.Title.Type != "text" || en.Summary.Type != "text" || en.Summary.Text != want.Summary || en.Content.Type != "html" {
				t.Errorf("entry text constructs: %+v", en)
			}
			if len(en.Authors) != 1 || en.Authors[0].Name != "Mem Tester" {
				t.Errorf("authors = %+v", en.Authors)
			}
			for _, ts := range []string{en.Updated, en.Published} {
				if _, err := time.Parse(time.RFC3339, ts); err != nil {
					t.Errorf("date %q: %v", ts, err)
				}
			}
		}
		if !strings.Contains(f.Entries[1].Content.Text, "<strong>overnight</strong>") ||
			!strings.Contains(f.Entries[0].Content.Text, `href="https://example.org/guide"`) {
			t.Errorf("content is not the rendered body: %q / %q", f.Entries[1].Content.Text, f.Entries[0].Content.Text)
		}
		if len(f.Entries[1].Categories) != 1 || f.Entries[1].Categories[0].Term != "dough" {
			t.Errorf("categories = %+v", f.Entries[1].Categories)
		}
		if f.Updated != f.Entries[0].Updated {
			t.Errorf("feed updated %s, newest entry %s", f.Updated, f.Entries[0].Updated)
		}

		// The community's pages announce the feed to feed readers.
		link := `<link rel="alternate" type="application/atom+xml" href="/c/bakers/feed.atom"`
		for _, path := range []string{"/c/bakers", "/c/bakers/charter"} {
			if res := e.Visitor().Get(path); !strings.Contains(res.Body, link) {
				t.Errorf("%s does not link its feed", path)
			}
		}
	})
}

func TestAtomFeedOnlyForPublicCommunities(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		steward := e.Person("stew")
		svc := practice.NewService(d, e.Communities, nil)
		stew := e.As("stew")
		for _, vis := range []community.Visibility{community.Institution, community.Private} {
			slug := "closed-" + string(vis)
			e.Community(steward, slug, vis, community.Open)
			if _, err := svc.Create(context.Background(), steward, slug, practice.Input{Kind: practice.Lesson, Title: "Inside knowledge",
				Summary: "For members.", Publish: true}); err != nil {
				t.Fatal(err)
			}
			path := "/c/" + slug + "/feed.atom"
			for who, c := range map[string]*apptest.Client{"visitor": e.Visitor(), "steward": stew} {
				res := c.Get(path)
				if res.Status != http.StatusNotFound || strings.Contains(res.Body, "Inside knowledge") {
					t.Errorf("%s feed to a %s: status %d, want 404 (a feed reader has no session)", vis, who, res.Status)
				}
			}
			if res := stew.Get("/c/" + slug); strings.Contains(res.Body, "application/atom+xml") {
				t.Errorf("the %s community's home links a feed", vis)
			}
		}
		if res := e.Visitor().Get("/c/no-such/feed.atom"); res.Status != http.StatusNotFound {
			t.Errorf("feed of no community: status %d", res.Status)
		}
	})
}

// TestAtomFeedKeepsPayloadsInert puts every payload of the XSS corpus in a
// title, a summary and a body, and checks the feed with AssertFeedInert:
// titles and summaries must come back as the same text, bodies as
// sanitised HTML escaped as text.
func TestAtomFeedKeepsPayloadsInert(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		steward := e.Person("stew")
		e.Community(steward, "xss", community.Public, community.Open)
		svc := practice.NewService(d, e.Communities, nil)
		payloads := xsstest.Payloads
		n := len(payloads)
		for start := 0; start < n; start += practice.FeedSize {
			want := map[string][2]string{} // permalink -> title, summary as stored
			for k := start; k < min(start+practice.FeedSize, n); k++ {
				// Each entry carries three payloads; over the loop, every
				// payload is a title, a summary and a body once.
				in := practice.Input{Kind: practice.Story, Title: payloads[k], Summary: payloads[(k+1)%n], Body: payloads[(k+2)%n], Publish: true}
				en, err := svc.Create(ctx, steward, "xss", in)
				if err != nil {
					t.Fatalf("create with payload %d: %v", k, err)
				}
				want[e.Server.URL+"/c/xss/practice/"+en.Slug] = [2]string{en.Title, en.Summary}
			}
			f, raw := readFeed(t, e, "/c/xss/feed.atom")
			xsstest.AssertFeedInert(t, raw)
			seen := map[string]bool{}
			for _, en := range f.Entries {
				if len(en.Links) != 1 {
					t.Fatalf("entry links: %+v", en.Links)
				}
				w, ok := want[en.Links[0].Href]
				if !ok {
					continue
				}
				seen[en.Links[0].Href] = true
				if en.Title.Type != "text" || en.Title.Text != w[0] || en.Summary.Type != "text" || en.Summary.Text != w[1] {
					t.Errorf("payload entry: title %q (type %q), summary %q (type %q), want %q and %q",
						en.Title.Text, en.Title.Type, en.Summary.Text, en.Summary.Type, w[0], w[1])
				}
			}
			if len(seen) != len(want) {
				t.Errorf("found %d of the %d payload entries just written in the feed", len(seen), len(want))
			}
		}
	})
}
