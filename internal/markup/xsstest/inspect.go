package xsstest

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Inspect parses HTML the way a browser would (as the content of a body, or
// as a whole document when it starts with <!doctype or <html) and lists what
// in it could run script or take over the page; nil means inert. Every
// element is checked by the fragment rules: no script, iframe, frame(set),
// object, embed, applet, base, meta, link, style or form element; no
// attribute named on*, srcdoc or hx-*; no URL attribute (href, src, action,
// formaction, xlink:href, background, poster, data, ...) whose value, with
// ASCII whitespace and control characters removed, starts with javascript:,
// vbscript: or data:; no style attribute with expression, url(, behavior,
// -moz-binding, @import or CSS escapes.
func Inspect(fragment string) []string {
	doc := fragment
	if !looksLikeDocument(fragment) {
		// Parsed as the body of a document rather than with
		// html.ParseFragment, so that what a browser would hoist out of the
		// fragment (<body onload>, <html onclick>, <frameset>) is still seen.
		doc = "<!DOCTYPE html><html><head></head>" + fragment
	}
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return []string{"cannot parse: " + err.Error()}
	}
	c := &checker{}
	c.walk(root, false)
	return c.problems
}

// InspectPage is Inspect for a whole Hearth page. It allows what Hearth's own
// layout puts in <head> — scripts with a src under /static/ ending in .js and
// no inline code, <link rel="stylesheet"|"icon"> under /static/ and
// <link rel="alternate"> to a same-origin path, <meta charset> and
// <meta name=...> — forms whose action is a same-origin path, and htmx
// attributes other than hx-on*, hx-vars and js: values. Everything else is
// held to the fragment rules, wherever it is.
func InspectPage(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"cannot parse: " + err.Error()}
	}
	c := &checker{page: true}
	c.walk(doc, false)
	return c.problems
}

func looksLikeDocument(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "<!doctype") || strings.HasPrefix(s, "<html")
}

// checker walks a parsed tree and collects problems.
type checker struct {
	page     bool // InspectPage's allowances apply
	problems []string
}

func (c *checker) report(n *html.Node, format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...)+" in "+snippet(n))
}

func (c *checker) walk(n *html.Node, inHead bool) {
	if n.Type == html.ElementNode {
		c.element(n, inHead)
		if n.Namespace == "" && n.DataAtom == atom.Head {
			inHead = true
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, inHead)
	}
}

// forbidden are elements never allowed in user content.
var forbidden = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true,
	"object": true, "embed": true, "applet": true, "base": true,
	"link": true, "style": true, "meta": true, "form": true,
	"portal": true, "isindex": true,
}

func (c *checker) element(n *html.Node, inHead bool) {
	name := strings.ToLower(n.Data)
	switch {
	case name == "meta" && hasAttr(n, "http-equiv"):
		c.report(n, "<meta http-equiv>")
	case c.page && c.ownHeadElement(n, name, inHead):
	case c.page && name == "form" && sameOriginPath(attr(n, "action")):
	case forbidden[name]:
		c.report(n, "<%s> element", name)
	}
	if n.Namespace == "svg" && (strings.HasPrefix(name, "animate") || name == "set") {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(attr(n, "attributename"))), "on") {
			c.report(n, "SVG animation of an event handler")
		}
	}
	for _, a := range n.Attr {
		c.attribute(n, a)
	}
}

// ownHeadElement reports whether n is one of the head elements Hearth's
// layout writes itself.
func (c *checker) ownHeadElement(n *html.Node, name string, inHead bool) bool {
	if !inHead || n.Namespace != "" {
		return false
	}
	switch name {
	case "script":
		src := attr(n, "src")
		return strings.HasPrefix(src, "/static/") && strings.HasSuffix(src, ".js") &&
			!strings.Contains(src, "//") && strings.TrimSpace(textOf(n)) == ""
	case "link":
		href := attr(n, "href")
		switch strings.ToLower(strings.TrimSpace(attr(n, "rel"))) {
		case "stylesheet", "icon":
			return strings.HasPrefix(href, "/static/") && sameOriginPath(href)
		case "alternate":
			return sameOriginPath(href)
		}
		return false
	case "meta":
		return hasAttr(n, "charset") || hasAttr(n, "name")
	}
	return false
}

// urlAttrs hold a URL that a browser may load or navigate to.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true,
	"background": true, "poster": true, "data": true, "codebase": true,
	"cite": true, "longdesc": true, "lowsrc": true, "dynsrc": true,
	"ping": true, "manifest": true, "icon": true, "archive": true,
	"classid": true, "profile": true, "srcset": true, "imagesrcset": true,
}

// animationValues are SVG animation attributes that can set an href.
var animationValues = map[string]bool{"to": true, "from": true, "values": true, "by": true}

func (c *checker) attribute(n *html.Node, a html.Attribute) {
	key := strings.ToLower(a.Key)
	full := key
	if a.Namespace != "" {
		full = a.Namespace + ":" + key
	}
	bare := strings.TrimPrefix(key, "data-")
	switch {
	case strings.HasPrefix(key, "on"):
		c.report(n, "event handler attribute %s", full)
	case key == "srcdoc":
		c.report(n, "srcdoc attribute")
	case strings.HasPrefix(bare, "hx-on"), bare == "hx-vars":
		c.report(n, "htmx script attribute %s", full)
	case strings.HasPrefix(bare, "hx-") && !c.page:
		c.report(n, "htmx attribute %s in user content", full)
	case strings.HasPrefix(bare, "hx-") && hasScriptPrefix(a.Val):
		c.report(n, "htmx attribute %s with script", full)
	case key == "style":
		if why := unsafeStyle(a.Val); why != "" {
			c.report(n, "style attribute with %s", why)
		}
	case urlAttrs[key]:
		if s := dangerousURLList(a.Val, key == "srcset" || key == "imagesrcset" || key == "ping" || key == "archive"); s != "" {
			c.report(n, "%s=%q", full, s)
		}
	case n.Namespace != "" && animationValues[key]:
		if s := dangerousURLList(a.Val, true); s != "" {
			c.report(n, "SVG animation %s=%q", full, s)
		}
	}
}

// dangerousURLList returns the scheme-bearing part of v that is dangerous, or
// "". With list set, v may hold several URLs separated by commas, semicolons
// or spaces (srcset, SVG values, ping) and each is checked.
func dangerousURLList(v string, list bool) string {
	if !list {
		if dangerousURL(v) {
			return v
		}
		return ""
	}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if dangerousURL(part) {
			return v
		}
	}
	if dangerousURL(v) {
		return v
	}
	return ""
}

// dangerousURL reports whether a URL, as a browser reads it (ASCII
// whitespace and control characters dropped, case ignored), runs script or
// carries a document of its own. Every data: URL is refused.
func dangerousURL(v string) bool {
	u := strings.ToLower(stripControls(v))
	for _, scheme := range []string{"javascript:", "vbscript:", "livescript:", "data:"} {
		if strings.HasPrefix(u, scheme) {
			return true
		}
	}
	return false
}

func hasScriptPrefix(v string) bool {
	u := strings.ToLower(stripControls(v))
	return strings.HasPrefix(u, "js:") || strings.HasPrefix(u, "javascript:")
}

// stripControls drops ASCII whitespace and control characters anywhere.
func stripControls(v string) string {
	return strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, v)
}

// unsafeStyle names what makes an inline style dangerous, or returns "".
func unsafeStyle(v string) string {
	s := strings.ToLower(stripControls(v))
	for _, bad := range []string{"expression", "url(", "javascript:", "behavior", "-moz-binding", "@import", `\`} {
		if strings.Contains(s, bad) {
			return bad
		}
	}
	return ""
}

// sameOriginPath reports whether v is a path on this origin ("/x", not
// "//host" or "/\host").
func sameOriginPath(v string) bool {
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") && !strings.HasPrefix(v, `/\`) &&
		!dangerousURL(v)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode {
			b.WriteString(ch.Data)
		}
	}
	return b.String()
}

// snippet renders n (with its children) for a failure message, shortened.
func snippet(n *html.Node) string {
	var buf bytes.Buffer
	_ = html.Render(&buf, n)
	return shorten(buf.String(), 200)
}

func shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	for max > 0 && s[max]&0xC0 == 0x80 {
		max--
	}
	return s[:max] + "…"
}
