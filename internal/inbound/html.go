package inbound

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlText makes the text a person wrote in an HTML e-mail: paragraphs and
// line breaks kept, quoted blocks (blockquote) left out, and everything from
// the mark a mail client puts before the message replied to (Gmail's
// gmail_quote, Outlook's divRplyFwdMsg, Yahoo's yahoo_quoted) on dropped.
func htmlText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0 // depth inside an element whose text is not the person's
	skipTag := ""
	pre := 0
	space := false // the text so far ends in white space not yet written
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if pre > 0 {
				b.WriteString(t)
				continue
			}
			// Runs of white space are one space, and none starts a line.
			words := strings.Fields(t)
			if len(words) == 0 {
				space = space || t != ""
				continue
			}
			if (space || isSpace(t[0])) && !lineStart(&b) {
				b.WriteString(" ")
			}
			b.WriteString(strings.Join(words, " "))
			space = isSpace(t[len(t)-1])
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			attrs := attributes(z)
			if skip > 0 {
				if tag == skipTag && tt == html.StartTagToken {
					skip++
				}
				continue
			}
			if quoteMark(attrs) {
				return b.String()
			}
			switch tag {
			case "blockquote", "head", "style", "script", "title":
				if tt == html.StartTagToken {
					skip, skipTag = 1, tag
				}
			case "br":
				b.WriteString("\n")
			case "pre":
				pre++
				newline(&b)
			case "li":
				newline(&b)
				b.WriteString("- ")
			case "p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "hr":
				newline(&b)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skip > 0 {
				if tag == skipTag {
					skip--
				}
				continue
			}
			switch tag {
			case "pre":
				pre = max(0, pre-1)
				newline(&b)
			case "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table":
				newline(&b)
			}
		}
	}
}

// lineStart reports whether nothing but a list bullet is on the current line.
func lineStart(b *strings.Builder) bool {
	s := b.String()
	return s == "" || strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n- ") || s == "- "
}

// newline ends the current line, unless it is already ended.
func newline(b *strings.Builder) {
	if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// attributes are a start tag's class and id.
func attributes(z *html.Tokenizer) (out [2]string) {
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "class":
			out[0] = string(v)
		case "id":
			out[1] = string(v)
		}
		if !more {
			return out
		}
	}
}

// quoteMark reports whether an element with these class and id starts the
// message replied to, as mail clients mark it.
func quoteMark(a [2]string) bool {
	for _, c := range strings.Fields(a[0]) {
		switch c {
		case "gmail_quote", "gmail_quote_container", "yahoo_quoted", "moz-cite-prefix", "OutlookMessageHeader":
			return true
		}
	}
	switch a[1] {
	case "divRplyFwdMsg", "appendonsend", "stopSpelling":
		return true
	}
	return false
}
