package search

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strconv"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/jobs"
)

// KindTrimLists is the job that cuts posting lists grown long again and
// counts again the frequencies of cut words, hourly.
const KindTrimLists = "search.trim_lists"

// RegisterJobs makes r run the lists' upkeep on d every hour.
func RegisterJobs(r *jobs.Runner, d *db.DB) {
	r.Handle(KindTrimLists, func(ctx context.Context, _ jobs.Run) error { return trim(ctx, d, listLimit) })
	r.Every(jobs.Schedule{Kind: KindTrimLists, Period: hourly})
}

// hourly is a period of one hour.
func hourly(now time.Time) (string, time.Time) {
	due := now.UTC().Truncate(time.Hour)
	return due.Format("2006-01-02T15"), due
}

// recountBatch is how many cut words one run counts again (each count
// reads the word's every match in the full-text index).
const recountBatch = 100

// trim cuts the lists longer than a quarter over limit to their limit best
// documents (writes add to uncut lists, and to cut ones above the floor),
// then counts again the document frequencies of the recountBatch cut words
// counted longest ago. Lists that deletes shortened stay as they are: a
// reading that runs to the end of a cut list falls back to the newest
// matches, so they cost speed, never results.
func trim(ctx context.Context, d *db.DB, limit int) error {
	rows, err := d.QueryContext(ctx, "SELECT term, COUNT(*) FROM search_postings GROUP BY term HAVING COUNT(*) > $1", limit+limit/4)
	if err != nil {
		return errs.Wrap(err, "trim posting lists")
	}
	long := map[string]int{}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			rows.Close()
			return errs.Wrap(err, "trim posting lists")
		}
		long[t] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "trim posting lists")
	}
	for t, n := range long {
		if err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error { return cut(ctx, tx, t, n, limit) }); err != nil {
			return err
		}
	}
	return recount(ctx, d)
}

// cut keeps the limit best postings of term's list (of n) and records the
// highest impact it removed as the list's floor.
func cut(ctx context.Context, tx *db.Tx, term string, n, limit int) error {
	var impact int
	var doc int64
	err := tx.QueryRowContext(ctx, `SELECT impact, doc_id FROM search_postings WHERE term = $1
		ORDER BY impact DESC, doc_id DESC LIMIT 1 OFFSET `+strconv.Itoa(limit), term).Scan(&impact, &doc)
	if errors.Is(err, sql.ErrNoRows) { // deletes shortened it since it was counted
		return nil
	}
	if err != nil {
		return errs.Wrap(err, "trim posting lists")
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM search_postings WHERE term = $1 AND (impact, doc_id) <= ($2, $3)", term, impact, doc); err != nil {
		return errs.Wrap(err, "trim posting lists")
	}
	// An uncut list held every document with the word: n is its frequency.
	_, err = tx.ExecContext(ctx, `INSERT INTO search_terms (term, df, floor, counted) VALUES ($1, $2, $3, $4)
		ON CONFLICT (term) DO UPDATE SET floor = CASE WHEN search_terms.floor > excluded.floor THEN search_terms.floor ELSE excluded.floor END`,
		term, n, impact, time.Now().Unix())
	return errs.Wrap(err, "trim posting lists")
}

// recount counts again the frequencies of the cut words counted longest ago.
func recount(ctx context.Context, d *db.DB) error {
	rows, err := d.QueryContext(ctx, "SELECT term FROM search_terms ORDER BY counted LIMIT "+strconv.Itoa(recountBatch))
	if err != nil {
		return errs.Wrap(err, "count words")
	}
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return errs.Wrap(err, "count words")
		}
		terms = append(terms, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "count words")
	}
	e := engineFor(d.Dialect)
	for _, t := range terms {
		n, err := e.count(ctx, d, e.match([]qterm{{stems: []string{t}}}), math.MaxInt32)
		if err != nil {
			return errs.Wrap(err, "count words")
		}
		if _, err := d.ExecContext(ctx, "UPDATE search_terms SET df = $1, counted = $2 WHERE term = $3", n, time.Now().Unix(), t); err != nil {
			return errs.Wrap(err, "count words")
		}
	}
	return nil
}
