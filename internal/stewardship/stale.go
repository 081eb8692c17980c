package stewardship

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// StaleShown is how many stale entries the health page lists.
const StaleShown = 20

// staleRow is an entry past review, as the job stores it.
type staleRow struct {
	EntryID  int64
	Views    int
	ReviewBy sql.NullTime
}

// stale lists the community's entries past review, by the library's own
// rule (practice.StaleCondition, with the community's stale_after_days),
// the most viewed first: those whose staleness misleads the most readers.
func stale(ctx context.Context, q db.Q, communityID int64, now time.Time) ([]staleRow, error) {
	var days int
	if err := q.QueryRowContext(ctx, `SELECT stale_after_days FROM communities WHERE id = $1`, communityID).Scan(&days); err != nil {
		return nil, errs.Wrap(err, "read the stale rule")
	}
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.views, e.review_by FROM entries e
		WHERE e.community_id = $1 AND `+practice.StaleCondition("$2", "$3")+`
		ORDER BY e.views DESC, e.id LIMIT $4`, communityID, now, now.AddDate(0, 0, -days), StaleShown)
	if err != nil {
		return nil, errs.Wrap(err, "list stale entries")
	}
	defer rows.Close()
	var out []staleRow
	for rows.Next() {
		var r staleRow
		if err := rows.Scan(&r.EntryID, &r.Views, &r.ReviewBy); err != nil {
			return nil, errs.Wrap(err, "list stale entries")
		}
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "list stale entries")
}

// StaleEntry is an entry past review, as the health page lists it.
type StaleEntry struct {
	Slug, Title string
	Views       int
	ReviewBy    sql.NullTime // "" when it is stale for want of an edit or verification
}

func (h Health) staleTable() Table {
	t := Table{Name: "stale", Title: "Stale knowledge", Head: []string{"entry", "address", "views", "review by"}}
	for _, e := range h.Stale {
		by := ""
		if e.ReviewBy.Valid {
			by = e.ReviewBy.Time.UTC().Format(time.DateOnly)
		}
		t.Rows = append(t.Rows, []string{e.Title, "/c/" + h.C.Slug + "/practice/" + e.Slug, strconv.Itoa(e.Views), by})
	}
	return t
}
