package stewardship

import (
	"context"
	"database/sql"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// question is a question asked and when someone other than its asker
// first replied (invalid: nobody yet).
type question struct {
	Asked time.Time
	First sql.NullTime
}

// firstReplySQL joins each thread t to its first post by someone other than
// its author (deleted posts do not count), as a row so that both engines
// scan its time the same way.
const firstReplySQL = `LEFT JOIN posts p ON p.id = (SELECT f.id FROM posts f WHERE f.subject_kind = 'thread' AND f.subject_id = t.id
	AND f.deleted_at IS NULL AND f.author_id IS NOT NULL AND f.author_id <> COALESCE(t.author_id, 0) ORDER BY f.created_at, f.id LIMIT 1)`

// questions are the community's questions asked after since, with their
// first reply by another person.
func questions(ctx context.Context, q db.Q, communityID int64, since time.Time) ([]question, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.created_at, p.created_at FROM threads t `+firstReplySQL+`
		WHERE t.community_id = $1 AND t.kind = 'question' AND t.created_at > $2`, communityID, since)
	if err != nil {
		return nil, errs.Wrap(err, "read questions")
	}
	defer rows.Close()
	var out []question
	for rows.Next() {
		var x question
		if err := rows.Scan(&x.Asked, &x.First); err != nil {
			return nil, errs.Wrap(err, "read questions")
		}
		out = append(out, x)
	}
	return out, errs.Wrap(rows.Err(), "read questions")
}

// ResponseStats is the time to first response of the questions asked in
// a period: the median and 90th percentile in hours over those that got a
// reply, and the share answered within AnsweredWithin among those asked
// at least that long ago.
type ResponseStats struct {
	Questions, Answered, Judged, InTime int
	Median, P90                         sql.NullFloat64
}

// Share is the share answered in time, invalid when no question is judged.
func (r ResponseStats) Share() sql.NullFloat64 {
	if r.Judged == 0 {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: float64(r.InTime) / float64(r.Judged), Valid: true}
}

// responseStats measures the questions asked in [from, to), as of now.
func responseStats(qs []question, from, to, now time.Time) ResponseStats {
	var r ResponseStats
	var hours []float64
	for _, x := range qs {
		if x.Asked.Before(from) || !x.Asked.Before(to) {
			continue
		}
		r.Questions++
		took := time.Duration(0)
		if x.First.Valid {
			took = x.First.Time.Sub(x.Asked)
			r.Answered++
			hours = append(hours, took.Hours())
		}
		if !x.Asked.After(now.Add(-AnsweredWithin)) {
			r.Judged++
			if x.First.Valid && took <= AnsweredWithin {
				r.InTime++
			}
		}
	}
	if m, ok := Median(hours); ok {
		r.Median = sql.NullFloat64{Float64: m, Valid: true}
	}
	if p, ok := Percentile(hours, 90); ok {
		r.P90 = sql.NullFloat64{Float64: p, Valid: true}
	}
	return r
}

// WeekStart is the Monday 00:00 UTC of t's week.
func WeekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// Week is the time to first response of the questions asked in one week.
type Week struct {
	Start time.Time
	ResponseStats
}

// weeks measures each week with questions, oldest first.
func weeks(qs []question, now time.Time) []Week {
	seen := map[time.Time]bool{}
	var out []Week
	for _, x := range qs {
		w := WeekStart(x.Asked)
		if seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, Week{Start: w, ResponseStats: responseStats(qs, w, w.AddDate(0, 0, 7), now)})
	}
	sortWeeks(out)
	return out
}
