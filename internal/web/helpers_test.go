package web_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/app"
	"hearth/internal/apptest"
	"hearth/internal/config"
	"hearth/internal/db"
)

// Helpers shared by the HTTP tests of this package. Each fails the test itself.

// form builds url.Values from key, value pairs.
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// count runs a query that returns one integer.
func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// text runs a query that returns one string, or "" when it returns no row.
func text(t *testing.T, d *db.DB, query string, args ...any) string {
	t.Helper()
	var s string
	err := d.QueryRowContext(context.Background(), query, args...).Scan(&s)
	if err != nil && !strings.Contains(err.Error(), "no rows") {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}

// membership returns "role/status" of handle in the community slug, or "".
func membership(t *testing.T, d *db.DB, slug, handle string) string {
	t.Helper()
	return text(t, d, `SELECT m.role || '/' || m.status FROM memberships m JOIN communities c ON c.id = m.community_id
		JOIN people p ON p.id = m.person_id WHERE c.slug = $1 AND p.handle = $2`, slug, handle)
}

// snapshot describes everything an action on the community slug could
// change: its row, its memberships and the mail queued anywhere.
func snapshot(t *testing.T, d *db.DB, slug string) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	var name, purpose, stage, status, vis, join string
	err := d.QueryRowContext(ctx, `SELECT name, purpose, stage, status, visibility, join_policy FROM communities WHERE slug = $1`, slug).
		Scan(&name, &purpose, &stage, &status, &vis, &join)
	if err != nil {
		t.Fatalf("snapshot %s: %v", slug, err)
	}
	b.WriteString(strings.Join([]string{name, purpose, stage, status, vis, join}, "|"))
	rows, err := d.QueryContext(ctx, `SELECT p.handle, m.role, m.status FROM memberships m JOIN communities c ON c.id = m.community_id
		JOIN people p ON p.id = m.person_id WHERE c.slug = $1`, slug)
	if err != nil {
		t.Fatal(err)
	}
	var ms []string
	for rows.Next() {
		var h, r, s string
		if err := rows.Scan(&h, &r, &s); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, h+":"+r+":"+s)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(ms)
	b.WriteString(" members=" + strings.Join(ms, ","))
	b.WriteString(" mail=" + strconv.Itoa(count(t, d, "SELECT COUNT(*) FROM mail_outbox")))
	return b.String()
}

// contains fails unless body holds every one of subs.
func contains(t *testing.T, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("%s: missing %q", what, s)
		}
	}
}

// lacks fails when body holds any of subs.
func lacks(t *testing.T, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(body, s) {
			t.Errorf("%s: should not contain %q", what, s)
		}
	}
}

// controlTag returns the opening tag of the input, textarea or select whose
// id is "f-"+id.
func controlTag(t *testing.T, body, id string) string {
	t.Helper()
	re := regexp.MustCompile(`<(?:input|textarea|select)\b[^>]*\bid="f-` + regexp.QuoteMeta(id) + `"[^>]*>`)
	tag := re.FindString(body)
	if tag == "" {
		t.Fatalf("no control with id f-%s in the page:\n%s", id, body)
	}
	return tag
}

// fieldError checks that the control f-id is marked invalid and that msg is
// shown next to it, tied to it by aria-describedby.
func fieldError(t *testing.T, body, id, msg string) {
	t.Helper()
	tag := controlTag(t, body, id)
	if !strings.Contains(tag, `aria-invalid="true"`) {
		t.Errorf("control f-%s is not aria-invalid: %s", id, tag)
	}
	if !strings.Contains(tag, "e-"+id) {
		t.Errorf("control f-%s is not described by its error: %s", id, tag)
	}
	want := `<p class="error" id="e-` + id + `">` + html.EscapeString(msg) + `</p>`
	if !strings.Contains(body, want) {
		t.Errorf("missing the error next to f-%s: %s", id, want)
	}
}

// fieldValid checks that the control f-id is not marked invalid.
func fieldValid(t *testing.T, body, id string) {
	t.Helper()
	if tag := controlTag(t, body, id); strings.Contains(tag, "aria-invalid") {
		t.Errorf("control f-%s should not be invalid: %s", id, tag)
	}
}

// inputValue checks that the input f-id keeps the value typed.
func inputValue(t *testing.T, body, id, value string) {
	t.Helper()
	tag := controlTag(t, body, id)
	if !strings.Contains(tag, `value="`+html.EscapeString(value)+`"`) {
		t.Errorf("input f-%s does not keep %q: %s", id, value, tag)
	}
}

// textareaValue checks that the textarea f-id keeps the text typed.
func textareaValue(t *testing.T, body, id, value string) {
	t.Helper()
	tag := controlTag(t, body, id)
	if !strings.Contains(body, tag+html.EscapeString(value)+"</textarea>") {
		t.Errorf("textarea f-%s does not keep %q", id, value)
	}
}

// wantStatus fails when res has another status.
func wantStatus(t *testing.T, what string, res apptest.Response, status int) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, res.Status, status, res.Body)
	}
}

// wantRedirect fails unless res is a 303 to location.
func wantRedirect(t *testing.T, what string, res apptest.Response, location string) {
	t.Helper()
	if res.Status != http.StatusSeeOther || res.Location != location {
		t.Fatalf("%s: %d to %q, want 303 to %q\n%s", what, res.Status, res.Location, location, res.Body)
	}
}

// wantSignin fails unless res sends the browser to sign in, coming back to next.
func wantSignin(t *testing.T, what string, res apptest.Response, next string) {
	t.Helper()
	u, err := url.Parse(res.Location)
	if res.Status != http.StatusSeeOther || err != nil || u.Path != "/signin" || u.Query().Get("next") != next {
		t.Errorf("%s: %d to %q, want 303 to /signin?next=%s", what, res.Status, res.Location, next)
	}
}

// problem is the JSON problem document the API answers errors with.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// wantProblem fails unless res is a JSON problem with status.
func wantProblem(t *testing.T, what string, res apptest.Response, status int) problem {
	t.Helper()
	var p problem
	if res.Status != status {
		t.Errorf("%s: status %d, want %d\n%s", what, res.Status, status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
	}
	if err := json.Unmarshal([]byte(res.Body), &p); err != nil {
		t.Errorf("%s: not JSON: %v\n%s", what, err, res.Body)
	}
	if p.Status != status {
		t.Errorf("%s: problem status %d, want %d", what, p.Status, status)
	}
	return p
}

// cookie returns the Set-Cookie of res named name.
func cookie(res apptest.Response, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// signedOut reports whether a page shows the visitor's header.
func signedOut(body string) bool {
	return strings.Contains(body, `<a href="/signin">Sign in</a>`) && !strings.Contains(body, `action="/signout"`)
}

// bareEnv serves the real application over d without setting it up, for
// the first-run and configuration tests; cfg adjusts the configuration.
func bareEnv(t *testing.T, d *db.DB, cfg func(*config.Config)) *apptest.Env {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	c := config.Defaults()
	c.BaseURL = "http://" + srv.Listener.Addr().String()
	c.Addr = srv.Listener.Addr().String()
	if cfg != nil {
		cfg(&c)
	}
	h, _, err := app.Build(c, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	return &apptest.Env{T: t, DB: d, Server: srv}
}

var idPattern = regexp.MustCompile(`\sid="([^"]+)"`)

// uniqueIDs fails when two elements of a page share an id (a label would
// then name the wrong control).
func uniqueIDs(t *testing.T, what, body string) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range idPattern.FindAllStringSubmatch(body, -1) {
		if seen[m[1]] {
			t.Errorf("%s: the id %q is used twice", what, m[1])
		}
		seen[m[1]] = true
	}
}
