package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// A reader's communities are kept under the directory version: searching
// again keeps the one scope, and a change to a membership or to a
// community's visibility or name, however it is made, is seen by the next
// search.
func TestReaderScopeKeptUnderDirectoryVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		w.entry("mia", "vault", practice.Input{Title: "Vault recipe"}, false)
		if got := w.found("oli", "recipe"); len(got) != 0 {
			t.Fatalf("oli, no member of the vault, found %s", join(got))
		}
		kept := search.KeptScopes()
		for range 3 {
			w.found("oli", "recipe")
		}
		if search.KeptScopes() != kept {
			t.Errorf("searching again kept %d more scopes, want the same one", search.KeptScopes()-kept)
		}

		w.member("vault", "oli", "member", "active") // straight in the table, as any write may
		if got := w.found("oli", "recipe"); !has(got, "Vault recipe") {
			t.Errorf("a new member did not find the vault's entry: %s", join(got))
		}
		if _, err := d.ExecContext(ctx, "DELETE FROM memberships WHERE person_id = $1", w.as("oli").PersonID); err != nil {
			t.Fatal(err)
		}
		if got := w.found("oli", "recipe"); len(got) != 0 {
			t.Errorf("a former member found %s", join(got))
		}

		if got := w.found("visitor", "recipe"); len(got) != 0 {
			t.Fatalf("a visitor found %s", join(got))
		}
		if _, err := d.ExecContext(ctx, "UPDATE communities SET visibility = 'public', name = 'The Open Vault' WHERE slug = 'vault'"); err != nil {
			t.Fatal(err)
		}
		res := w.search("visitor", search.Query{Text: "recipe"})
		if got := titles(res); !has(got, "Vault recipe") {
			t.Errorf("a visitor did not find the entry of a community made public: %s", join(got))
		}
		named := false
		for _, c := range res.Communities {
			named = named || c.Name == "The Open Vault"
		}
		if !named {
			t.Errorf("the community filter kept the old name: %+v", res.Communities)
		}
	})
}

// Two signed-in readers of the same communities search with the same
// statements, their person a parameter: the texts stay prepared (a person
// written into them made every reader's first search parse and plan anew).
func TestReadersOfTheSameCommunitiesShareStatements(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		w.person("max")
		q := search.Query{Text: "bread"}
		oliWalk, oliShown, oliArgs, err := search.Conditions(ctx, d, w.as("oli"), q)
		if err != nil {
			t.Fatal(err)
		}
		maxWalk, maxShown, maxArgs, err := search.Conditions(ctx, d, w.as("max"), q)
		if err != nil {
			t.Fatal(err)
		}
		if oliWalk != maxWalk || oliShown != maxShown {
			t.Errorf("two readers of the same communities have different statements:\n%s\n%s", oliWalk, maxWalk)
		}
		oli := fmt.Sprint(w.as("oli").PersonID)
		if !slices.Contains(oliArgs, any(w.as("oli").PersonID)) || !slices.Contains(maxArgs, any(w.as("max").PersonID)) {
			t.Errorf("the readers are not among the arguments: %v, %v", oliArgs, maxArgs)
		}
		if strings.Contains(oliShown, "= "+oli+" ") || strings.Contains(oliShown, "= "+oli+")") {
			t.Errorf("the reader is written into the statement: %s", oliShown)
		}
		// The draft's author still finds it, and no one else does.
		w.entry("mia", "bread", practice.Input{Title: "Unfinished loaf"}, true)
		if got := w.found("mia", "loaf"); !has(got, "Unfinished loaf") {
			t.Errorf("the author did not find their draft: %s", join(got))
		}
		if got := w.found("max", "loaf"); len(got) != 0 {
			t.Errorf("another reader found the draft: %s", join(got))
		}
	})
}
