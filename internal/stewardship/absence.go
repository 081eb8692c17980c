package stewardship

import (
	"context"
	"strings"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Absence is the contributor absence factor of a period: the fewest
// members who made half the contributions (everything the participation
// count calls a contribution or a reply), and half the answers alone.
type Absence struct {
	All, Answers int
}

// writingVerbs are the verbs counted as contributions here: the
// participation count's contributions and replies.
func writingVerbs() string {
	verbs := append(people.ContributionVerbs(), people.ReplyVerbs()...)
	for i, v := range verbs {
		verbs[i] = "'" + v + "'" // constants of package activity: no quotes inside
	}
	return strings.Join(verbs, ", ")
}

// absence counts the contributions of each person in (from, to].
func absence(ctx context.Context, q db.Q, communityID int64, from, to time.Time) (Absence, error) {
	rows, err := q.QueryContext(ctx, `SELECT SUM(CASE WHEN verb IN (`+writingVerbs()+`) THEN 1 ELSE 0 END),
			SUM(CASE WHEN verb = '`+activity.AnswerAdded+`' THEN 1 ELSE 0 END)
		FROM activities WHERE community_id = $1 AND created_at > $2 AND created_at <= $3 AND actor_id IS NOT NULL
		GROUP BY actor_id`, communityID, from, to)
	if err != nil {
		return Absence{}, errs.Wrap(err, "count contributions")
	}
	defer rows.Close()
	var all, answers []int
	for rows.Next() {
		var a, b int
		if err := rows.Scan(&a, &b); err != nil {
			return Absence{}, errs.Wrap(err, "count contributions")
		}
		all, answers = append(all, a), append(answers, b)
	}
	return Absence{All: AbsenceFactor(all), Answers: AbsenceFactor(answers)}, errs.Wrap(rows.Err(), "count contributions")
}
