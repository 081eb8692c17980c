package search

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/ratelimit"
)

// Limited is Search for a reader at the client address, counted against the
// searches limit of l: per person when signed in (people behind one address
// do not share it), per address for a visitor. A query without words finds
// nothing, costs nothing and is not counted.
func Limited(ctx context.Context, d *db.DB, l *ratelimit.Limiter, a auth.Actor, client string, q Query) (Results, error) {
	if !parse(q.Text).empty() {
		if err := l.Take(ctx, ratelimit.Search, ratelimit.PersonOrAddress(a.PersonID, client)); err != nil {
			return Results{Page: min(max(q.Page, 1), MaxPage)}, err
		}
	}
	return Search(ctx, d, a, q)
}
