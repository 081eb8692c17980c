package markup

import (
	"net/url"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// contentPolicy is the allow-list for rendered Markdown: bluemonday's policy
// for user content, plus what goldmark's GFM output needs. It allows http,
// https and mailto links (and relative ones, for our own attachments), adds
// rel="nofollow" to links, never target, style, iframes or forms.
func contentPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto") // UGCPolicy's set, stated here on purpose
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)

	// goldmark's links carry rel="noopener"; bluemonday appends "nofollow".
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^noopener$`)).OnElements("a")

	// Mentions: <a class="mention" href="/people/ada">@ada</a>.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^mention$`)).OnElements("a")

	// Fenced code: <code class="language-go">.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w.+#-]{1,40}$`)).OnElements("code")

	// Ordered lists that start elsewhere than 1.
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")

	// Task lists: <input checked="" disabled="" type="checkbox">.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")

	// Alt text and titles are text; bluemonday escapes attribute values on
	// output, so any printable text is safe. (UGCPolicy's own pattern drops
	// text with "?", ":" or quotes, and with it the image's description.)
	text := regexp.MustCompile(`^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$`)
	p.AllowAttrs("alt").Matching(text).OnElements("img")
	p.AllowAttrs("title").Matching(text).OnElements("a", "img")

	// Images: only http, https or relative sources (mailto is a link scheme).
	p.RewriteSrc(func(u *url.URL) {
		if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			*u = url.URL{}
		}
	})
	return p
}
