package search_test

import (
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// oddQueries are inputs that break naive full-text queries in one engine or
// the other.
var oddQueries = []string{
	"",
	"   ",
	`"`,
	`"""`,
	`"unbalanced`,
	`bread"`,
	"(",
	"((bread",
	"bread)",
	"AND",
	"OR OR OR",
	"NOT bread",
	"bread AND NOT",
	"NEAR(bread jam, 2)",
	"bread NEAR/3 jam",
	"*",
	"bread*",
	"*bread",
	"title:bread",
	":",
	"-bread",
	"--",
	"bread -",
	"!bread & | <-> :*",
	"'",
	"''bread''",
	`\`,
	`bread\`,
	"^bread",
	"{bread}",
	"+bread",
	"bread ~ 2",
	"%_%",
	"; DROP TABLE entries; --",
	"🍞",
	"🍞 bread 🔥",
	"\x00",
	"\xff\xfe",
	"\uE000bread\uE001",
	"ﬁne ǅ ẞ",
	"日本語のパン",
	"²³ ½",
	"the a an of",
	strings.Repeat("bread ", 400),
	strings.Repeat("(", 2000),
	strings.Repeat(`"`, 2001),
	strings.Repeat("x", 2000),
	strings.Repeat("é", 3000),
	strings.Repeat("a-", 1000),
}

func TestOddQueriesNeverFail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		slug := w.entry("mia", "bread", practice.Input{Title: "Bread and jam", Body: "Bread, jam, NEAR and NOT: a (small) \"test\"."}, false)
		w.comment("sam", "bread", slug, "More bread.")
		for _, q := range oddQueries {
			for _, f := range []search.Query{{Text: q}, {Text: q, Kind: q, Maturity: q, Tag: q, Author: q, Community: q, Page: 99999}} {
				if _, err := search.Search(t.Context(), d, w.as("mia"), f); err != nil {
					t.Errorf("search %.40q: %v", q, err)
				}
			}
		}
		if got := w.found("visitor", "NOT bread"); len(got) != 0 && !has(got, "Bread and jam") {
			t.Errorf("NOT bread found %s", join(got))
		}
		if got := w.found("visitor", `((bread`); !has(got, "Bread and jam") {
			t.Errorf("((bread found %s", join(got))
		}
	})
}

// Words joined by underscores are found by each word on both engines (on
// PostgreSQL they are split before its parser sees them: a long run of them
// costs its parser time that grows with the square of the run).
func TestUnderscoreJoinedWordsAreFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.entry("mia", "bread", practice.Input{Title: "Naming", Body: "Call it sourdough_starter_feeding, and " + strings.Repeat("a_", 20000) + "end."}, false)
		for _, q := range []string{"sourdough", "feeding", "starter"} {
			if got := w.found("visitor", q); !has(got, "Naming") {
				t.Errorf("%s found %s", q, join(got))
			}
		}
	})
}
