package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// suggested asks the @-suggestions of the community slug for q and returns
// the status and the handles answered, in order.
func suggested(t *testing.T, c *apptest.Client, slug, q string) (int, []string) {
	t.Helper()
	res := c.Get("/c/" + slug + "/people/suggest?q=" + q)
	if res.Status != http.StatusOK {
		return res.Status, nil
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("suggest answered %s, want application/json", ct)
	}
	var out struct {
		People []struct{ Handle, Name string }
	}
	if err := json.Unmarshal([]byte(res.Body), &out); err != nil {
		t.Fatalf("suggest answered %q: %v", res.Body, err)
	}
	handles := []string{}
	for _, p := range out.People {
		if p.Name == "" {
			t.Errorf("suggestion %q has no name", p.Handle)
		}
		handles = append(handles, p.Handle)
	}
	return res.Status, handles
}

// addMember puts a person into the community straight in the database (no
// password hash), with this name and membership status.
func addMember(t *testing.T, e *apptest.Env, slug, handle, name string, status community.MemberStatus) {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := e.DB.Writer().QueryRowContext(ctx, `INSERT INTO people (handle, email, name, password_hash, created_at)
		VALUES ($1, $2, $3, 'x', $4) RETURNING id`, handle, handle+"@example.org", name, db.Now()).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.DB.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
		SELECT id, $2, 'member', $3, $4, $4 FROM communities WHERE slug = $1`, slug, id, status, db.Now())
	if err != nil {
		t.Fatal(err)
	}
}

// TestSuggestPeopleMatchesMembersForReaders: the @-suggestions list the
// community's active members whose handle or a word of their name begins
// with what was typed (handles first, at most 8, the writer left out), and
// answer 404 to a visitor and to an outsider of a private community.
func TestSuggestPeopleMatchesMembersForReaders(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Person("oli") // signed in, in no community
		e.Community(sam, "bread", community.Private, community.Invite)
		addMember(t, e, "bread", "mason", "Mason Reed", community.ActiveMember)
		addMember(t, e, "bread", "tom", "Tom Marsh", community.ActiveMember)
		addMember(t, e, "bread", "mia", "Mia Okafor", community.ActiveMember)
		addMember(t, e, "bread", "max", "Max Pending", community.PendingMember)
		addMember(t, e, "bread", "mal", "Mal Gone", community.ActiveMember)
		if _, err := d.ExecContext(context.Background(), "UPDATE people SET disabled_at = $1 WHERE handle = 'mal'", db.Now()); err != nil {
			t.Fatal(err)
		}

		for who, c := range map[string]*apptest.Client{"visitor": e.Visitor(), "outsider": e.As("oli")} {
			for _, slug := range []string{"bread", "no-such-place"} {
				res := c.Get("/c/" + slug + "/people/suggest?q=ma")
				if res.Status != http.StatusNotFound || !strings.Contains(res.Body, `"status":404`) || strings.Contains(res.Body, "mason") {
					t.Errorf("%s asks %s: %d %s, want a 404 problem naming nobody", who, slug, res.Status, res.Body)
				}
			}
		}

		member := e.As("sam")
		if status, got := suggested(t, member, "bread", "ma"); status != http.StatusOK || !slices.Equal(got, []string{"mason", "tom"}) {
			t.Errorf("ma: %d %q, want mason (handle) then tom (Tom Marsh), no pending or disabled member", status, got)
		}
		if _, got := suggested(t, member, "bread", "%40MI"); !slices.Equal(got, []string{"mia"}) {
			t.Errorf("@MI: %q, want mia, whatever the case and with the @", got)
		}
		if _, got := suggested(t, member, "bread", "sa"); len(got) != 0 {
			t.Errorf("sa: %q, want nobody (the writer is left out)", got)
		}
		if _, got := suggested(t, member, "bread", "%25"); len(got) != 0 {
			t.Errorf("%%: %q, want nobody (a wildcard typed matches itself)", got)
		}
		res := member.Get("/c/bread/people/suggest?q=" + strings.Repeat("m", community.MaxSuggestQuery+1))
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `"q":`) {
			t.Errorf("a query of 33 characters: %d %s, want 422 with an error on q", res.Status, res.Body)
		}

		for _, h := range []string{"mb1", "mb2", "mb3", "mb4", "mb5", "mb6", "mb7", "mb8", "mb9"} {
			addMember(t, e, "bread", h, "Many "+h, community.ActiveMember)
		}
		if _, got := suggested(t, member, "bread", "mb"); len(got) != community.SuggestLimit {
			t.Errorf("mb: %d people, want at most %d", len(got), community.SuggestLimit)
		}
	})
}

// TestSuggestPeopleInPublicCommunity: a signed-in reader of a public
// community gets its members; a visitor still gets 404.
func TestSuggestPeopleInPublicCommunity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "soup", community.Public, community.Open)
		e.Person("oli")
		addMember(t, e, "soup", "mia", "Mia Okafor", community.ActiveMember)
		if status, got := suggested(t, e.As("oli"), "soup", "o"); status != http.StatusOK || !slices.Equal(got, []string{"mia"}) {
			t.Errorf("reader asks o: %d %q, want mia (Mia Okafor)", status, got)
		}
		if status, _ := suggested(t, e.Visitor(), "soup", "mi"); status != http.StatusNotFound {
			t.Errorf("visitor: %d, want 404", status)
		}
	})
}

// TestWritingFormsOfferSuggestions: the entry form's text and the comment
// form name the community's suggestions for the script, which every page
// loads from a file (the CSP allows no inline script).
func TestWritingFormsOfferSuggestions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		sam := e.As("sam")
		const attr = `data-mentions="/c/bread/people/suggest"`
		res := sam.Get("/c/bread/practice/new")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `name="body"`) || !strings.Contains(res.Body, attr) {
			t.Fatalf("the new entry form (%d) has no body textarea with %s", res.Status, attr)
		}
		res = sam.Post("/c/bread/practice/new", entryForm("Rye", "Some **rye**.", "publish"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.Status)
		}
		res = sam.Get(res.Location)
		if !strings.Contains(res.Body, `<script src="/static/mentions.js" defer></script>`) {
			t.Error("the entry page does not load /static/mentions.js with defer")
		}
		if !regexp.MustCompile(`<textarea id="f-body" name="body"[^>]*` + attr).MatchString(res.Body) {
			t.Errorf("the comment form's textarea has no %s", attr)
		}
		js := sam.Get("/static/mentions.js")
		if js.Status != http.StatusOK || !strings.Contains(js.Header.Get("Content-Type"), "javascript") || !strings.Contains(js.Body, "data-mentions") {
			t.Errorf("/static/mentions.js: %d %s", js.Status, js.Header.Get("Content-Type"))
		}
	})
}
