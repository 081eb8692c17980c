package web_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// headersOnlyUpload sends the head of an upload announcing a body of a
// dozen MiB and never sends the body, as a client trickling its body would
// begin. It returns the response read from the connection, and whether the
// server then closed the connection.
func headersOnlyUpload(t *testing.T, e *apptest.Env, c *apptest.Client, path string) (res *http.Response, closed bool) {
	t.Helper()
	u, err := url.Parse(e.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Not a measure of speed: a guard, so that a server waiting for the body
	// fails this test instead of hanging it.
	if err := conn.SetDeadline(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	var head strings.Builder
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=b0undary\r\n", path, u.Host)
	fmt.Fprintf(&head, "Content-Length: %d\r\nOrigin: %s\r\nSec-Fetch-Site: same-origin\r\n", practice.DefaultMaxUpload+2<<20, e.Server.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		fmt.Fprintf(&head, "Cookie: %s=%s\r\n", ck.Name, ck.Value)
	}
	head.WriteString("\r\n")
	if _, err := io.WriteString(conn, head.String()); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	res, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("POST %s without its body: no answer (%v); the server waited for the body", path, err)
	}
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		t.Fatalf("POST %s: reading the answer: %v", path, err)
	}
	res.Body.Close()
	_, err = br.ReadByte()
	return res, err == io.EOF
}

// Who may attach is checked before the upload's body is read and before the
// connection gets the long deadline of an upload: a visitor, an outsider and
// a member who may not edit are answered while their body has not even
// begun, and the connection is closed rather than kept to read it.
func TestUploadRefusedBeforeBodyIsRead(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		e := apptest.New(t, d)
		stew, author, mem := e.Person("stew"), e.Person("author"), e.Person("mem")
		e.Person("out")
		e.Community(stew, "kilns", community.Public, community.Open)
		e.Community(stew, "vault", community.Private, community.Open)
		for _, slug := range []string{"kilns", "vault"} {
			e.SetMembership(slug, author, community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, mem, community.RoleMember, community.ActiveMember)
		}
		settings := community.DefaultPracticeSettings()
		settings.Editors = "authors" // so that mem may read kilns' entries but not attach to them
		if err := e.Communities.UpdatePracticeSettings(ctx, stew, "kilns", settings); err != nil {
			t.Fatal(err)
		}
		lib := practice.NewService(d, e.Communities, nil)
		open, err := lib.Create(ctx, author, "kilns", practice.Input{Kind: practice.Lesson, Title: "Firing", Summary: "Slowly.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		hidden, err := lib.Create(ctx, author, "vault", practice.Input{Kind: practice.Lesson, Title: "Secret", Summary: "Ours.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		openPath := attachmentsPath("kilns", open.Slug)
		for _, c := range []struct {
			who    string
			client *apptest.Client
			path   string
			status int
		}{
			{"visitor", e.Visitor(), openPath, http.StatusUnauthorized},
			{"signed-in outsider", e.As("out"), openPath, http.StatusForbidden},
			{"member who may not edit", e.As("mem"), openPath, http.StatusForbidden},
			{"outsider of a private community", e.As("out"), attachmentsPath("vault", hidden.Slug), http.StatusNotFound},
			{"visitor, no such entry", e.Visitor(), attachmentsPath("kilns", "no-such-entry"), http.StatusUnauthorized},
			{"member, no such entry", e.As("mem"), attachmentsPath("kilns", "no-such-entry"), http.StatusNotFound},
		} {
			res, closed := headersOnlyUpload(t, e, c.client, c.path)
			if res.StatusCode != c.status {
				t.Errorf("%s: %d, want %d", c.who, res.StatusCode, c.status)
			}
			if !res.Close || !closed {
				t.Errorf("%s: the connection was kept open (Connection: close %v, closed %v)", c.who, res.Close, closed)
			}
		}
		if n := count(t, d, "SELECT COUNT(*) FROM attachments"); n != 0 {
			t.Errorf("%d attachments stored", n)
		}
	})
}

func attachmentsPath(community, entry string) string {
	return "/c/" + community + "/practice/" + entry + "/attachments"
}
