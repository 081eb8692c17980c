package gathering

import (
	"context"
	"strconv"

	"hearth/internal/errs"
)

// Answers is who answered for one date, as its page lists them: a page of
// those going (and the person to read the next page after, 0 when none),
// and the first AttendeePage of those who might come and of the waitlist.
type Answers struct {
	Going, Maybe, Waiting []Attendee
	Next                  int64
}

// Answers reads the three lists of date occ of v in one statement (they
// were three round trips), those going from the person after (keyset).
// Members only: others get none.
func (s *Service) Answers(ctx context.Context, v View, occ, after int64) (Answers, error) {
	var out Answers
	if !v.CanSeeAttendees() {
		return out, nil
	}
	args := []any{occ}
	keyset := ""
	if after != 0 {
		args = append(args, after)
		keyset = ` AND (r.answered_at, r.person_id) > (SELECT k.answered_at, k.person_id FROM gathering_rsvps k WHERE k.occurrence_id = $1 AND k.person_id = $2)`
	}
	list := func(answer, keyset string) string {
		return `SELECT * FROM (SELECT p.id, p.handle, p.name, r.answer, r.attended, r.answered_at FROM gathering_rsvps r JOIN people p ON p.id = r.person_id
			WHERE r.occurrence_id = $1 AND r.answer = '` + answer + `'` + keyset + ` ORDER BY r.answered_at, r.person_id LIMIT ` + strconv.Itoa(AttendeePage+1) + `) ` + answer
	}
	rows, err := s.db.QueryContext(ctx, list(Going, keyset)+` UNION ALL `+list(Maybe, "")+` UNION ALL `+list(Waitlist, "")+
		` ORDER BY answer, answered_at, id`, args...)
	if err != nil {
		return out, errs.Wrap(err, "list attendees")
	}
	defer rows.Close()
	for rows.Next() {
		var at Attendee
		var answered any
		if err := scanAttendee(rows, &at, &answered); err != nil {
			return out, errs.Wrap(err, "list attendees")
		}
		switch at.Answer {
		case Going:
			out.Going = append(out.Going, at)
		case Maybe:
			out.Maybe = append(out.Maybe, at)
		case Waitlist:
			out.Waiting = append(out.Waiting, at)
		}
	}
	if err := rows.Err(); err != nil {
		return out, errs.Wrap(err, "list attendees")
	}
	if len(out.Going) > AttendeePage {
		out.Going = out.Going[:AttendeePage]
		out.Next = out.Going[AttendeePage-1].ID
	}
	out.Maybe, out.Waiting = out.Maybe[:min(len(out.Maybe), AttendeePage)], out.Waiting[:min(len(out.Waiting), AttendeePage)]
	return out, nil
}
