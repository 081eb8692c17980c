package markup

import (
	"slices"
	"strings"
	"testing"
)

func TestMentionsBecomeProfileLinks(t *testing.T) {
	r := New()
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{"Thanks @ada, and @Grace-Hopper!", []string{"ada", "grace-hopper"}},
		{"@ada @ada @bob", []string{"ada", "bob"}},
		{"Write to ada@example.org or visit /x/@ada", nil},
		{"`@ada` in code, and\n\n    @bob indented", nil},
		{"[@ada](https://example.org) is a link already", nil},
		{"@ and @- and @-ada alone", nil},
		{"a very long @" + strings.Repeat("x", 40), nil},
		{"ends with a hyphen @ada-.", []string{"ada"}},
	} {
		got := r.Mentions(tc.src)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Mentions(%q) = %q, want %q", tc.src, got, tc.want)
		}
		if both := r.RenderBoth(tc.src).Mentions; !slices.Equal(both, tc.want) {
			t.Errorf("RenderBoth(%q).Mentions = %q, want %q", tc.src, both, tc.want)
		}
	}
	html := string(r.Render("Thanks @ada!"))
	if !strings.Contains(html, `<a href="/people/ada"`) || !strings.Contains(html, `class="mention"`) || !strings.Contains(html, ">@ada</a>") {
		t.Errorf("rendered %s", html)
	}
	many := strings.Repeat("@p ", 0)
	for i := range 30 {
		many += "@person" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + " "
	}
	if n := len(r.Mentions(many)); n != maxMentions {
		t.Errorf("%d mentions kept, want at most %d", n, maxMentions)
	}
}
