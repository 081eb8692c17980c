package search_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/ratelimit"
	"hearth/internal/search"
)

// Searches are limited per person, and per client address for visitors; a
// query without words is not counted.
func TestSearchesLimited(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		l := ratelimit.New(d, map[ratelimit.Action]ratelimit.Rule{ratelimit.Search: {Max: 2, Window: time.Minute}}, nil)
		visitor, mia, oli := auth.Actor{}, auth.Actor{PersonID: 41}, auth.Actor{PersonID: 42}
		try := func(a auth.Actor, client, text string) error {
			_, err := search.Limited(ctx, d, l, a, client, search.Query{Text: text})
			return err
		}
		for range 5 {
			if err := try(visitor, "10.0.0.1", "   "); err != nil {
				t.Fatalf("an empty query: %v", err)
			}
		}
		for range 2 {
			if err := try(visitor, "10.0.0.1", "bread"); err != nil {
				t.Fatal(err)
			}
		}
		err := try(visitor, "10.0.0.1", "bread")
		if !errs.Is(err, errs.TooManyRequests) || errs.RetryAfterOf(err) <= 0 {
			t.Fatalf("third search from one address: %v", err)
		}
		if err := try(visitor, "10.0.0.2", "bread"); err != nil {
			t.Fatalf("another address is limited too: %v", err)
		}
		for range 2 { // people behind the limited address search as themselves
			if err := try(mia, "10.0.0.1", "bread"); err != nil {
				t.Fatal(err)
			}
		}
		if !errs.Is(try(mia, "10.0.0.3", "bread"), errs.TooManyRequests) {
			t.Fatal("a person is not limited when changing address")
		}
		if err := try(oli, "10.0.0.1", "bread"); err != nil {
			t.Fatalf("another person is limited too: %v", err)
		}
	})
}
