package revision

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name   string
		chunks []Chunk
		want   string
	}{
		{"nothing", nil, ""},
		{"kept, deleted, inserted", []Chunk{eq("Offer "), del("tea"), ins("coffee"), eq(".")},
			"Offer <del>tea</del><ins>coffee</ins>."},
		{"line breaks", []Chunk{eq("One\n"), ins("Two\n\n"), eq("Three")},
			"One<br>\n<ins>Two<br>\n<br>\n</ins>Three"},
		{"markup is text", []Chunk{eq(`<script>alert("x")</script>`), ins(`<img src=x onerror=alert(1)>`), del(`a & b 'c'`)},
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;<ins>&lt;img src=x onerror=alert(1)&gt;</ins><del>a &amp; b &#39;c&#39;</del>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(HTML(tt.chunks)); got != tt.want {
				t.Errorf("HTML(%q)\n got %s\nwant %s", tt.chunks, got, tt.want)
			}
		})
	}
}

func TestHTMLOfDiffEscapesEverything(t *testing.T) {
	old := "Safe text.\n<p>para</p>"
	new := "Safe <script>alert(1)</script> text.\n<p onclick=\"x()\">para</p>"
	got := string(HTML(Diff(old, new)))
	for _, bad := range []string{"<script", "<p", "onclick=\""} {
		if strings.Contains(got, bad) {
			t.Errorf("HTML of a diff contains %q: %s", bad, got)
		}
	}
	if !strings.Contains(got, "&lt;script&gt;") {
		t.Errorf("HTML of a diff lost the inserted text: %s", got)
	}
	// Only our own tags remain once the escaped text is taken out.
	rest := got
	for _, tag := range []string{"<ins>", "</ins>", "<del>", "</del>", "<br>"} {
		rest = strings.ReplaceAll(rest, tag, "")
	}
	if strings.ContainsAny(rest, "<>\"") {
		t.Errorf("HTML of a diff has markup beyond ins, del and br: %s", got)
	}
}
