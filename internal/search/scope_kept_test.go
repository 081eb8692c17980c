package search_test

import (
	"context"
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
