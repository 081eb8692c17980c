package search_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/search"
)

func TestAllWordsFirstThenMostWords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		// Worst first, so insertion order cannot pass for ranking; the
		// one-word documents have the word in their titles, which weigh most.
		w.entry("mia", "bread", practice.Input{Title: "Cooking", Body: "Cooking for the whole team."}, false)
		w.entry("mia", "bread", practice.Input{Title: "Unrelated", Body: "Nothing about food here."}, false)
		w.entry("mia", "bread", practice.Input{Title: "Notes", Body: "We ran a cooking class for new starters."}, false)
		w.entry("mia", "bread", practice.Input{Title: "Cooking class", Body: "A cooking class, twice a year."}, false)
		got := w.found("visitor", "cooking class")
		want := []string{"Cooking class", "Notes", "Cooking"}
		if join(got) != join(want) {
			t.Errorf("cooking class = %s, want %s", join(got), join(want))
		}
		// Three words: all three, then two, then one.
		w.entry("mia", "bread", practice.Input{Title: "Weekend", Body: "A cooking weekend."}, false)
		w.entry("mia", "bread", practice.Input{Title: "All three", Body: "A weekend cooking class."}, false)
		got = w.found("visitor", "weekend cooking class")
		if len(got) != 5 || got[0] != "All three" || !has(got[1:4], "Cooking class") || !has(got[1:4], "Notes") || !has(got[1:4], "Weekend") || got[4] != "Cooking" {
			t.Errorf("weekend cooking class = %s", join(got))
		}
		// A word nobody wrote does not hide what the others find.
		if got := w.found("visitor", "cooking zyzzyva"); len(got) != 5 {
			t.Errorf("cooking zyzzyva = %s", join(got))
		}
	})
}

func TestStemmingAccentsAndHighlight(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.entry("mia", "bread", practice.Input{Title: "Crème brûlée at the Café", Body: "How we cook for the École's open day."}, false)
		for _, q := range []string{"creme brulee", "CAFÉ", "cafe", "ecole", "cooking", "cooked", "Brûlée"} {
			if got := w.found("visitor", q); len(got) != 1 {
				t.Errorf("%q found %s", q, join(got))
			}
		}
		res := w.search("visitor", search.Query{Text: "cafe creme"})
		if len(res.Hits) != 1 || string(res.Hits[0].Title) != "<mark>Crème</mark> brûlée at the <mark>Café</mark>" {
			t.Errorf("title = %+v", res.Hits)
		}
		res = w.search("visitor", search.Query{Text: "cooks"})
		if len(res.Hits) != 1 || !strings.Contains(string(res.Hits[0].Snippet), "we <mark>cook</mark> for") {
			t.Errorf("snippet = %+v", res.Hits)
		}
	})
}

func TestCommunitiesAndPeopleAreFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		ps := people.NewService(d, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err := ps.UpdateProfile(ctx, w.as("oli"), people.ProfileInput{Name: "Oli Baker", Title: "Head of pastry"}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.communities.Create(ctx, w.as("sam"), community.Charter{Name: "Pastry guild", Slug: "pastry",
			Purpose: "Laminated doughs and croissants.", Tags: "baking, pastry", Visibility: community.Public, JoinPolicy: community.Open}); err != nil {
			t.Fatal(err)
		}
		w.entry("mia", "bread", practice.Input{Title: "Pastry lessons", Body: "Keep the butter cold."}, false)

		kindsOf := func(who string, q search.Query) map[string]string {
			out := map[string]string{}
			for _, h := range w.search(who, q).Hits {
				out[h.Kind] += h.Name + h.EntryTitle + " " + h.URL + ";"
			}
			return out
		}
		got := kindsOf("mia", search.Query{Text: "pastry"})
		if got["person"] != "Oli Baker /people/oli;" || got["community"] != "Pastry guild /c/pastry;" || !strings.HasPrefix(got["entry"], "Pastry lessons") {
			t.Errorf("mia found %v", got)
		}
		// Profiles are for the signed-in, as on their pages.
		if got := kindsOf("visitor", search.Query{Text: "pastry"}); got["person"] != "" || got["community"] == "" {
			t.Errorf("a visitor found %v", got)
		}
		// The kind filter.
		if got := kindsOf("mia", search.Query{Text: "pastry", Kind: "person"}); len(got) != 1 || got["person"] == "" {
			t.Errorf("kind person = %v", got)
		}
		if got := kindsOf("mia", search.Query{Text: "pastry", Kind: "community"}); len(got) != 1 || got["community"] == "" {
			t.Errorf("kind community = %v", got)
		}
		// A charter's edit is found at once; the old name is not.
		if err := w.communities.UpdateCharter(ctx, w.as("sam"), "pastry", community.Charter{Name: "Viennoiserie circle",
			Purpose: "Croissants.", Visibility: community.Private, JoinPolicy: community.Invite}); err != nil {
			t.Fatal(err)
		}
		if got := kindsOf("mia", search.Query{Text: "viennoiserie"}); got["community"] != "" {
			t.Errorf("a private community was found by a non-member: %v", got)
		}
		if got := kindsOf("sam", search.Query{Text: "viennoiserie"}); got["community"] != "Viennoiserie circle /c/pastry;" {
			t.Errorf("its steward found %v", got)
		}
		if got := kindsOf("sam", search.Query{Text: "guild"}); got["community"] != "" {
			t.Errorf("old name still found: %v", got)
		}
	})
}

// TestNarrowScopeWalkStopsOrGoesOn: in a narrow scope (a community filter),
// a bounded newest-first walk of a word's matches stops once it has enough
// documents of the scope (on SQLite, among its first matches, else it goes
// on to every match); either way a search in the scope finds all of its
// matches.
func TestNarrowScopeWalkStopsOrGoesOn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		// Five older entries in the vault, then twenty newer in bread: the
		// newest matches are all bread's.
		for i := range 5 {
			w.entry("mia", "vault", practice.Input{Title: fmt.Sprintf("Vault walnut %d", i), Body: "Walnuts kept dry."}, false)
		}
		for i := range 20 {
			w.entry("mia", "bread", practice.Input{Title: fmt.Sprintf("Bread walnut %d", i), Body: "Walnut loaves."}, false)
		}
		mia := w.as("mia")
		pg := d.Dialect == db.Postgres
		inVault := search.Query{Text: "walnut", Community: "vault"}
		vault := map[string]bool{}
		for _, h := range w.search("mia", inVault).Hits {
			vault[fmt.Sprintf("%s:%d", h.Kind, h.SubjectID)] = true
		}
		// A bounded walk in one community asks for as many as are enough
		// (3), newest first: SQLite walks the vault's documents alone (its
		// token is in the match), PostgreSQL the vault's index.
		got, every, err := search.Walk(ctx, d, mia, inVault, 10, 3, 10)
		if err != nil || len(got) != 3 || every {
			t.Errorf("walk of the first 10 matches: %v, every %v, %v", got, every, err)
		}
		for _, h := range got {
			if !vault[h] {
				t.Errorf("the walk in the vault found %s, not one of the vault's %v", h, vault)
			}
		}
		// Filtered by a kind alone (that of every entry here), the walk reads
		// every community's matches, newest first: bread's, not the vault's.
		lessons := search.Query{Text: "walnut", Kind: "lesson"}
		got, every, err = search.Walk(ctx, d, mia, lessons, 10, 3, 10)
		if err != nil || (!pg && len(got) != 10) || (pg && len(got) != 3) || every {
			t.Errorf("walk of the first 10 lessons: %v, every %v, %v", got, every, err)
		}
		for _, h := range got {
			if vault[h] {
				t.Errorf("the newest lessons hold %s, the vault's (older than bread's)", h)
			}
		}
		// A word never matches a community's token ("_c" and its id),
		// whatever the reader types.
		for _, text := range []string{"_c1", "c1", "_c2 walnut", "scope"} {
			if res := w.search("mia", search.Query{Text: text}); len(res.Hits) != 0 && text != "_c2 walnut" {
				t.Errorf("%q found %s", text, join(titles(res)))
			}
		}
		if res := w.search("mia", search.Query{Text: "_c2 walnut"}); len(res.Hits) == 0 {
			t.Errorf("\"_c2 walnut\" found nothing, not even the walnut entries")
		}
		// Asked for more than there are, a bounded walk knows it has them all.
		got, every, err = search.Walk(ctx, d, mia, search.Query{Text: "walnut", Community: "vault"}, 10, 8, 10)
		if err != nil || len(got) != 5 || !every {
			t.Errorf("walk for 8 of 5 matches: %v, every %v, %v", got, every, err)
		}
		// Unbounded, as for a query without filters, the walk fills its n.
		if got, every, err := search.Walk(ctx, d, mia, search.Query{Text: "walnut"}, 10, 0, 0); err != nil || len(got) != 10 || every || !strings.HasPrefix(got[0], "entry:") {
			t.Errorf("unbounded walk: %v, every %v, %v", got, every, err)
		}
		if res := w.search("mia", search.Query{Text: "walnut", Community: "vault"}); len(res.Hits) != 5 {
			t.Errorf("walnut in the vault found %s", join(titles(res)))
		}
	})
}
