package web

import (
	"net/url"
	"strings"
	"testing"
)

// trickyNexts are values of ?next= that must not lead a browser to another
// site, in the forms attackers use (raw and after one decoding, as the form
// parser hands them over).
var trickyNexts = []string{
	"",
	"//evil.example",
	"//evil.example/path",
	"///evil.example",
	"/\\evil.example",
	"\\\\evil.example",
	"\\/evil.example",
	"/\t/evil.example",
	"/\t\\evil.example",
	"\t//evil.example",
	"/\n/evil.example",
	"/\r\n/evil.example",
	"/ /evil.example",
	" /evil.example",
	"/evil.example\x00",
	"/\x7f/evil.example",
	"/\u00a0/evil.example",
	"/\u3000/evil.example",
	"/\u2028/evil.example",
	"/\u2215\u2215evil.example",
	"/\uff0f\uff0fevil.example",
	"https://evil.example/",
	"http:evil.example",
	"HTTPS://evil.example",
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"evil.example",
	"account",
	"./account",
	"../account",
	"/%2F%2Fevil.example",
	"/%2f/evil.example",
	"/%5Cevil.example",
	"/%5c%5cevil.example",
	"/./\\evil.example",
	"/a/..\\..\\evil.example",
	"/a/../\\evil.example",
	"/\\/evil.example",
	"/" + strings.Repeat("a", maxNext),
	"/account\\",
}

func TestSafeNextRefusesTrickyForms(t *testing.T) {
	t.Parallel()
	if len(trickyNexts) < 30 {
		t.Fatalf("only %d tricky forms", len(trickyNexts))
	}
	for _, next := range trickyNexts {
		if got := safeNext(next); got != "/" {
			t.Errorf("safeNext(%q) = %q, want /", next, got)
		}
	}
}

func TestSafeNextKeepsLocalPaths(t *testing.T) {
	t.Parallel()
	for _, next := range []string{
		"/",
		"/account",
		"/c/bakers/practice/sourdough-starter",
		"/search?q=bread+%26+butter&page=2",
		"/c/bakers#comment-12",
		"/admin/people?next=//evil.example", // a query may hold anything: it is not where the browser goes
		"/a/b/../c",
		"/%E2%9C%93",
		"/c/a%2Fb",
	} {
		if got := safeNext(next); got != next {
			t.Errorf("safeNext(%q) = %q, want it kept", next, got)
		}
	}
}

// Whatever safeNext keeps, a browser resolves on this site: tabs and
// newlines removed, backslashes read as slashes (WHATWG URL parsing), and
// after the cleaning http.Redirect does.
func TestSafeNextLeadsBrowsersOnlyHere(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://hearth.example/signin")
	browser := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/")
	for _, next := range append(trickyNexts, "/account", "/a/../b", "/.//x") {
		kept := safeNext(next)
		u, err := base.Parse(browser.Replace(kept))
		if err != nil || u.Host != base.Host {
			t.Errorf("next %q kept as %q leads a browser to %v (%v)", next, kept, u, err)
		}
	}
}
