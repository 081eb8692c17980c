package markup_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"hearth/internal/markup"
)

func TestRenderGFM(t *testing.T) {
	r := markup.New()
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"table", "| a | b |\n|:--|--:|\n| 1 | 2 |", []string{"<table>", "<th align=\"left\">a</th>", "<td align=\"right\">2</td>"}},
		{"strikethrough", "~~gone~~", []string{"<del>gone</del>"}},
		{"autolink www", "see www.example.com today", []string{`<a href="http://www.example.com"`, ">www.example.com</a>"}},
		{"autolink url", "see https://example.com/a?b=1 today", []string{`<a href="https://example.com/a?b=1"`}},
		{"angle autolink", "<https://example.com>", []string{`<a href="https://example.com"`}},
		{"email autolink", "<ann@example.com>", []string{`<a href="mailto:ann@example.com"`}},
		{"fenced code", "```go\nif a < b {}\n```", []string{`<pre><code class="language-go">if a &lt; b {}`}},
		{"task list", "- [x] done\n- [ ] todo", []string{`<input checked="" disabled="" type="checkbox"> done`, `<input disabled="" type="checkbox"> todo`}},
		{"heading ids are prefixed", "# Main\n\n## Main", []string{`<h1 id="h-main">Main</h1>`, `<h2 id="h-main-1">Main</h2>`}},
		{"ordered list start", "3. three\n4. four", []string{`<ol start="3">`}},
		{"emphasis", "*a* **b** `c`", []string{"<em>a</em>", "<strong>b</strong>", "<code>c</code>"}},
		{"relative image", "![plan](/c/ops/attachments/1 \"Plan\")", []string{`<img src="/c/ops/attachments/1" alt="plan" title="Plan">`}},
		{"https image", "![x](https://example.com/a.png)", []string{`<img src="https://example.com/a.png" alt="x">`}},
		{"alt and title text", `![Is it: a "plan"?](/a.png 'Plan: v2 "final"?')`, []string{`alt="Is it: a &#34;plan&#34;?"`, `title="Plan: v2 &#34;final&#34;?"`}},
		{"link title", `[x](/a "Why? Because: <this>")`, []string{`title="Why? Because: &lt;this&gt;"`}},
		{"blockquote", "> quoted", []string{"<blockquote>\n<p>quoted</p>\n</blockquote>"}},
		{"no typographer", `"quotes" -- dashes...`, []string{`&#34;quotes&#34; -- dashes...`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(r.Render(tc.src))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tc.src, got, w)
				}
			}
		})
	}
}

func TestRawHTMLIsEscaped(t *testing.T) {
	r := markup.New()
	for _, tc := range []struct{ src, want string }{
		{"a <b>bold</b> word", "<p>a &lt;b&gt;bold&lt;/b&gt; word</p>"},
		{"<div onclick=\"x\">\nhi\n</div>", "<p>&lt;div onclick=&#34;x&#34;&gt;\nhi\n&lt;/div&gt;</p>"},
		{"<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"use <details> here", "<p>use &lt;details&gt; here</p>"},
		{"note <!-- hidden --> shown", "<p>note  shown</p>"},
		{"<!-- a note\nfor writers -->\n\ntext", "<p>text</p>"},
	} {
		if got := strings.TrimSpace(string(r.Render(tc.src))); got != tc.want {
			t.Errorf("Render(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestLinks(t *testing.T) {
	r := markup.New()
	got := string(r.Render("[a](https://example.com) [b](/c/ops/practice/x) https://example.org [m](mailto:ann@example.com)"))
	for _, w := range []string{
		`<a href="https://example.com" rel="noopener nofollow">a</a>`,
		`<a href="/c/ops/practice/x" rel="noopener nofollow">b</a>`,
		`<a href="https://example.org" rel="noopener nofollow">https://example.org</a>`,
		`<a href="mailto:ann@example.com" rel="noopener nofollow">m</a>`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("Render = %q, want it to contain %q", got, w)
		}
	}
	if strings.Contains(got, "target") {
		t.Errorf("Render = %q: links must not get a target", got)
	}
}

func TestDangerousURLsAreDropped(t *testing.T) {
	r := markup.New()
	for _, src := range []string{
		"[x](javascript:alert(1))",
		"[x](JAVASCRIPT:alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x](ftp://example.com/file)",
		"<javascript:alert(1)>",
		"[x][1]\n\n[1]: javascript:alert(1)",
	} {
		got := string(r.Render(src))
		if strings.Contains(got, "href") {
			t.Errorf("Render(%q) = %q, want no href", src, got)
		}
	}
	for _, src := range []string{
		"![x](javascript:alert(1))",
		"![x](data:image/png;base64,iVBORw0KGgo=)",
		"![x](mailto:ann@example.com)",
	} {
		got := string(r.Render(src))
		if strings.Contains(got, "src=\"") && !strings.Contains(got, `src=""`) {
			t.Errorf("Render(%q) = %q, want no image source", src, got)
		}
	}
}

func TestNoStylesOrUnknownClasses(t *testing.T) {
	r := markup.New()
	got := string(r.Render("| a |\n|:-:|\n| 1 |\n\n```evil\" onclick=\"x\nx\n```\n\n~~~{.x style=color:red}\nx\n~~~"))
	for _, bad := range []string{"style=", "onclick", `class="x`} {
		if strings.Contains(got, bad) {
			t.Errorf("Render = %q, should not contain %q", got, bad)
		}
	}
}

func TestMaxSource(t *testing.T) {
	r := markup.New()
	// A two-byte rune straddles the limit; the tail past it is dropped.
	src := strings.Repeat("a", markup.MaxSource-1) + "é" + " TAIL"
	got := string(r.Render(src))
	if !utf8.ValidString(got) {
		t.Error("Render cut a rune in half")
	}
	if strings.Contains(got, "TAIL") || strings.Contains(got, "é") {
		t.Error("Render kept text past MaxSource")
	}
	if !strings.Contains(got, strings.Repeat("a", 1000)) {
		t.Error("Render dropped text within MaxSource")
	}
}

func TestRenderConcurrently(t *testing.T) {
	r := markup.New()
	want := string(r.Render("# Title\n\n[x](https://example.com) ~~y~~"))
	t.Run("group", func(t *testing.T) {
		for range 8 {
			t.Run("worker", func(t *testing.T) {
				t.Parallel()
				for range 50 {
					if got := string(r.Render("# Title\n\n[x](https://example.com) ~~y~~")); got != want {
						t.Errorf("concurrent Render = %q, want %q", got, want)
						return
					}
				}
			})
		}
	})
}

func BenchmarkRender(b *testing.B) {
	r := markup.New()
	src := strings.Repeat("## Situation\n\nWe *expected* the [deploy](https://example.com) to take `5 min`.\n\n- [x] one\n- [ ] two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", 20)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		_ = r.Render(src)
	}
}
