package xsstest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// textConstructs are the Atom elements whose content may be HTML.
var textConstructs = map[string]bool{
	"title": true, "subtitle": true, "summary": true, "content": true, "rights": true,
}

// hasChildElement reports whether inner (the raw XML inside an element)
// holds an element rather than only text and CDATA.
func hasChildElement(inner string) bool {
	d := xml.NewDecoder(strings.NewReader(inner))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if _, ok := tok.(xml.StartElement); ok {
			return true
		}
	}
}

// InspectFeed lists the problems AssertFeedInert reports for an Atom feed:
// XML that does not parse, href or src attributes with a dangerous URL, and
// the fragment problems (see Inspect) of each text construct of type "html"
// (its text is HTML) or "xhtml" (its children are). A construct of type
// "text" (the default) or "html" must hold no child elements; its text is
// then inert.
func InspectFeed(feed string) []string {
	var problems []string
	d := xml.NewDecoder(strings.NewReader(feed))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return problems
		}
		if err != nil {
			return append(problems, "feed is not well-formed XML: "+err.Error())
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range start.Attr {
			if (a.Name.Local == "href" || a.Name.Local == "src") && dangerousURL(a.Value) {
				problems = append(problems, fmt.Sprintf("<%s %s=%q>", start.Name.Local, a.Name.Local, a.Value))
			}
		}
		if !textConstructs[start.Name.Local] {
			continue
		}
		var tc struct {
			Type  string `xml:"type,attr"`
			Text  string `xml:",chardata"`
			Inner string `xml:",innerxml"`
		}
		if err := d.DecodeElement(&tc, &start); err != nil {
			return append(problems, "feed is not well-formed XML: "+err.Error())
		}
		typ := strings.TrimSpace(strings.ToLower(tc.Type))
		if typ != "xhtml" && hasChildElement(tc.Inner) {
			// Text and html constructs hold escaped text only; a reader
			// given elements there may well render them.
			problems = append(problems, fmt.Sprintf("<%s type=%q> has child elements: %s", start.Name.Local, tc.Type, shorten(tc.Inner, 200)))
			continue
		}
		var body string
		switch typ {
		case "html":
			body = tc.Text
		case "xhtml":
			body = tc.Inner
		default:
			continue
		}
		for _, p := range Inspect(body) {
			problems = append(problems, fmt.Sprintf("<%s type=%q>: %s", start.Name.Local, tc.Type, p))
		}
	}
}
