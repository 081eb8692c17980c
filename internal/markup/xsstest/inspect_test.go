package xsstest

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing, so that
// the assertions themselves can be tested.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestCorpusIsLargeAndDistinct(t *testing.T) {
	if len(Payloads) < 70 {
		t.Fatalf("%d payloads, want at least 70", len(Payloads))
	}
	seen := map[string]bool{}
	for _, p := range Payloads {
		if seen[p] {
			t.Errorf("duplicate payload %q", p)
		}
		seen[p] = true
	}
}

// knownBad are fragments that would run script (or load a foreign
// document) in a browser; each must be reported.
var knownBad = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<p>ok</p><img src=x onerror=alert(1)>`,
	`<img/src="x"/onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
	`<svg><a><animate attributeName=href values="javascript:alert(1)"/></a></svg>`,
	`<svg><set attributeName=onmouseover to=alert(1) /></svg>`,
	`<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>`,
	`<body onload=alert(1)>`,
	`<details open ontoggle=alert(1)>`,
	`<input autofocus onfocus=alert(1)>`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="  JaVaScRiPt:alert(1)">x</a>`,
	`<a href="jav&#x09;ascript:alert(1)">x</a>`,
	`<a href="&#x6A;avascript:alert(1)">x</a>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<img src="data:image/png;base64,iVBORw0KGgo=">`,
	`<img srcset="a.png 1x, javascript:alert(1) 2x">`,
	`<iframe src="https://example.com"></iframe>`,
	`<iframe srcdoc="x"></iframe>`,
	`<object data="x.swf"></object>`,
	`<embed src="x.swf">`,
	`<frameset><frame src="javascript:alert(1)"></frameset>`,
	`<base href="https://evil.example/">`,
	`<meta http-equiv="refresh" content="0;url=https://evil.example">`,
	`<meta charset="utf-7">`,
	`<link rel="stylesheet" href="/static/style.css">`,
	`<style>p{}</style>`,
	`<form action="/signout" method="post"><button>x</button></form>`,
	`<button formaction="javascript:alert(1)">x</button>`,
	`<table background="javascript:alert(1)"></table>`,
	`<video poster="javascript:alert(1)"></video>`,
	`<div style="width:expression(alert(1))">x</div>`,
	`<div style="background:URL(x.png)">x</div>`,
	`<div style="x:\65xpression(alert(1))">x</div>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<div hx-get="/signout" hx-trigger="load">x</div>`,
	`<div data-hx-on:click="alert(1)">x</div>`,
	`<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>`,
}

func TestInspectReportsKnownBad(t *testing.T) {
	for _, bad := range knownBad {
		if len(Inspect(bad)) == 0 {
			t.Errorf("Inspect found nothing in %q", bad)
		}
		rec := &recorder{}
		AssertInert(rec, bad)
		if len(rec.errors) == 0 {
			t.Errorf("AssertInert did not fail on %q", bad)
		} else if !strings.Contains(rec.errors[0], "active markup") {
			t.Errorf("AssertInert message %q does not say what is wrong", rec.errors[0])
		}
	}
}

// knownGood is the HTML that sanitised Markdown legitimately produces.
var knownGood = []string{
	``,
	`plain text`,
	`<h2 id="h-steps">Steps</h2><p><em>a</em> <strong>b</strong> <del>c</del> <code>d</code></p>`,
	`<p><a href="https://example.com/x?a=1&amp;b=2" rel="noopener nofollow">x</a> <a href="/c/x/practice/y">y</a> <a href="mailto:a@example.com">m</a> <a href="#h-steps">s</a></p>`,
	`<p><img src="/c/x/attachments/1" alt="diagram" title="t"> <img src="https://example.com/a.png" alt=""></p>`,
	`<pre><code class="language-go">if a &lt; b &amp;&amp; c { fmt.Println("&lt;script&gt;") }</code></pre>`,
	`<ul><li><input checked="" disabled="" type="checkbox"> done</li></ul>`,
	`<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td>javascript:alert(1)</td></tr></tbody></table>`,
	`<blockquote cite="https://example.com"><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></blockquote>`,
	`<p title="javascript:alert(1)">a title is not a URL</p>`,
	`<svg viewBox="0 0 10 10" role="img" aria-label="activity"><rect x="0" y="0" width="4" height="8"></rect><title>8 posts</title></svg>`,
	`<p style="color: red">a plain style is not script</p>`,
}

func TestInspectAcceptsLegitimateHTML(t *testing.T) {
	for _, good := range knownGood {
		AssertInert(t, good)
	}
}

// TestEscapedPayloadsAreInert: any payload escaped as text, or as a quoted
// attribute value, is inert; the checker must not cry wolf.
func TestEscapedPayloadsAreInert(t *testing.T) {
	page := template.Must(template.New("p").Parse(`<p title="{{.}}">{{.}}</p><a href="/search?q={{.}}">{{.}}</a>`))
	for _, p := range Payloads {
		AssertInert(t, "<p>"+html.EscapeString(p)+"</p>")
		var b strings.Builder
		if err := page.Execute(&b, p); err != nil {
			t.Fatal(err)
		}
		AssertInert(t, b.String())
	}
}

// TestRawPayloadsMostlyCaught: fed raw, as a careless page would, the HTML
// payloads must be caught. Those left are text to an HTML parser: Markdown
// syntax, attribute breakouts outside an attribute, template syntax, tags
// cut off at the end of input, comments and CDATA.
func TestRawPayloadsMostlyCaught(t *testing.T) {
	caught := 0
	for _, p := range Payloads {
		if len(Inspect(p)) > 0 {
			caught++
		}
	}
	if caught < 100 {
		t.Errorf("only %d of %d raw payloads caught", caught, len(Payloads))
	}
}

const hearthPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s · Hearth</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="alternate" type="application/atom+xml" href="/c/ops/feed.atom">
<script src="/static/htmx.min.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><form method="get" action="/search" role="search"><input name="q" aria-label="Search"></form></header>
<main id="main">%s</main>
<form method="post" action="/signout"><button type="submit" class="link">Sign out</button></form>
<form method="get" action="/communities" hx-get="/communities" hx-target="#directory" hx-trigger="change"></form>
</body>
</html>`

func TestPageInertAcceptsHearthLayout(t *testing.T) {
	title := template.HTMLEscapeString(`</title><script>alert(1)</script>`)
	AssertPageInert(t, fmt.Sprintf(hearthPage, title, `<article><h1>Lesson</h1><p>&lt;img src=x onerror=alert(1)&gt;</p></article>`))
	// An unescaped title is still text to a browser: <title> is RCDATA.
	AssertPageInert(t, fmt.Sprintf(hearthPage, `<script>alert(1)</script>`, ``))
}

func TestPageInertReportsInjections(t *testing.T) {
	for _, inj := range []struct{ head, body string }{
		{body: `<script src="/static/htmx.min.js"></script>`}, // ours, but not in head
		{body: `<img src=x onerror=alert(1)>`},
		{body: `<a href="javascript:alert(1)">x</a>`},
		{body: `<form action="https://evil.example/"><input name=password></form>`},
		{body: `<form action="//evil.example/"></form>`},
		{body: `<meta name="x" content="y">`},
		{body: `<div hx-on:click="alert(1)">x</div>`},
		{body: `<div hx-vals="js:{a: alert(1)}">x</div>`},
		{body: `</main></body><body onload=alert(1)>`},
		{head: `<script>alert(1)</script>`},
		{head: `<script src="/static/x.js">alert(1)</script>`},
		{head: `<script src="https://evil.example/x.js"></script>`},
		{head: `<script src="//evil.example/static/x.js"></script>`},
		{head: `<link rel="stylesheet" href="https://evil.example/x.css">`},
		{head: `<link rel="import" href="/static/x.html">`},
		{head: `<meta http-equiv="refresh" content="0;url=https://evil.example">`},
		{head: `<base href="https://evil.example/">`},
		{head: `<style>body{}</style>`},
	} {
		page := fmt.Sprintf(hearthPage, "t", inj.body)
		page = strings.Replace(page, "</head>", inj.head+"</head>", 1)
		rec := &recorder{}
		AssertPageInert(rec, page)
		if len(rec.errors) == 0 {
			t.Errorf("AssertPageInert accepted head %q body %q", inj.head, inj.body)
		}
	}
}

const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">%s</title>
  <link href="https://hearth.example/c/ops/feed.atom" rel="self"></link>
  <entry>
    <title type="text">%s</title>
    <link href="%s" rel="alternate"></link>
    <summary type="html">%s</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s</div></content>
  </entry>
</feed>`

func TestFeedInert(t *testing.T) {
	esc := func(s string) string {
		var b strings.Builder
		template.HTMLEscape(&b, []byte(s))
		return b.String()
	}
	payload := `<script>alert(1)</script>`
	good := fmt.Sprintf(feed, esc(payload), esc(payload), "https://hearth.example/c/ops/practice/x",
		esc("<p>"+esc(payload)+"</p>"), "<p>fine</p>")
	AssertFeedInert(t, good)

	for name, bad := range map[string]string{
		"html summary":  fmt.Sprintf(feed, "t", "t", "/x", esc(`<img src=x onerror=alert(1)>`), ""),
		"xhtml content": fmt.Sprintf(feed, "t", "t", "/x", "", `<a href="javascript:alert(1)">x</a>`),
		"link href":     fmt.Sprintf(feed, "t", "t", "javascript:alert(1)", "", ""),
		"not xml":       fmt.Sprintf(feed, payload, "t", "/x", "", ""),
	} {
		rec := &recorder{}
		AssertFeedInert(rec, bad)
		if len(rec.errors) == 0 {
			t.Errorf("%s: AssertFeedInert accepted\n%s", name, bad)
		}
	}
}
