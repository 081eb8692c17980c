package markup_test

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"hearth/internal/markup"
	"hearth/internal/markup/xsstest"
)

// contexts place a payload in the Markdown constructs it could try to escape.
var contexts = []string{
	"%s",
	"text before %s text after",
	"# %s",
	"> %s\n> more",
	"- %s\n- next",
	"1. %s",
	"| h | i |\n|---|---|\n| %s | x |",
	"[%s](https://example.com)",
	"**%s** and *%s*",
	"`%s`",
	"```\n%s\n```",
	"para\n\n%s\n\npara <img src=x>",
	"%s\n\n[ok](https://example.com) <p>after</p>",
}

func TestPayloadsRenderInert(t *testing.T) {
	r := markup.New()
	for _, p := range xsstest.Payloads {
		for _, c := range contexts {
			src := strings.ReplaceAll(c, "%s", p)
			got := string(r.Render(src))
			if problems := xsstest.Inspect(got); len(problems) > 0 {
				t.Errorf("Render(%q) is active:\n%s\n%s", src, strings.Join(problems, "\n"), got)
			}
		}
	}
}

func TestPayloadsPlainInert(t *testing.T) {
	r := markup.New()
	page := template.Must(template.New("p").Parse(`<p title="{{.}}">{{.}}</p>`))
	for _, p := range xsstest.Payloads {
		var b strings.Builder
		if err := page.Execute(&b, r.Plain(p, 120)); err != nil {
			t.Fatal(err)
		}
		xsstest.AssertInert(t, b.String())
	}
}

func ExampleRenderer_Render() {
	r := markup.New()
	fmt.Println(r.Render("**Hello** <script>alert(1)</script> [site](javascript:alert(1))"))
	// Output: <p><strong>Hello</strong> &lt;script&gt;alert(1)&lt;/script&gt; <a rel="noopener">site</a></p>
}
