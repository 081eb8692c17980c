package xsstest

import "testing"

// AssertInert fails t, naming each offending element, when the HTML fragment
// (or whole document) holds anything that could run script; see Inspect for
// the rules. Use it on rendered Markdown and other user-content fragments.
func AssertInert(t testing.TB, fragment string) {
	t.Helper()
	for _, p := range Inspect(fragment) {
		t.Errorf("active markup: %s\nHTML: %s", p, shorten(fragment, 500))
	}
}

// AssertPageInert is AssertInert for a whole page served by Hearth: it allows
// the layout's own head elements and forms (see InspectPage) and holds the
// rest of the page to the fragment rules.
func AssertPageInert(t testing.TB, page string) {
	t.Helper()
	for _, p := range InspectPage(page) {
		t.Errorf("active markup in page: %s", p)
	}
}

// AssertFeedInert fails t when an Atom feed is not well-formed XML, links to
// a dangerous URL, or carries HTML (type="html" or "xhtml" text constructs)
// that AssertInert would refuse.
func AssertFeedInert(t testing.TB, feed string) {
	t.Helper()
	for _, p := range InspectFeed(feed) {
		t.Errorf("active markup in feed: %s", p)
	}
}
