package gathering

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// RosterPage is how many people the attendee list and the check-in page
// show at a time.
const RosterPage = 50

// MaxSearch bounds a name search.
const MaxSearch = 100

// CheckInOpens is how long before a gathering starts its hosts may check
// people in at the door.
const CheckInOpens = 24 * time.Hour

// Roster is a page of those going to a conference, by name.
type Roster struct {
	View
	Date   Occurrence
	People []Attendee
	Search string
	Next   int64 // the person to read the next page after; 0: none
}

// AttendeeList returns a page of those going to one-off gathering id, by
// name (keyset from the person after), whose name or handle holds search:
// for members (and administrators).
func (s *Service) AttendeeList(ctx context.Context, a auth.Actor, slug string, id int64, search string, after int64) (Roster, error) {
	v, o, err := s.Conference(ctx, a, slug, id)
	if err != nil {
		return Roster{}, err
	}
	switch {
	case v.CanSeeAttendees():
	case !a.SignedIn():
		return Roster{}, errs.New(errs.Unauthenticated, "Please sign in to see who is coming.")
	default:
		return Roster{}, errs.Forbiddenf("Members of the community see who is coming.")
	}
	return s.roster(ctx, v, o, search, after)
}

// ForCheckIn is AttendeeList for the door: the gathering's hosts and the
// community's stewards.
func (s *Service) ForCheckIn(ctx context.Context, a auth.Actor, slug string, id int64, search string, after int64) (Roster, error) {
	v, o, err := s.Conference(ctx, a, slug, id)
	if err != nil {
		return Roster{}, err
	}
	if err := mayManage(v); err != nil {
		return Roster{}, err
	}
	return s.roster(ctx, v, o, search, after)
}

func (s *Service) roster(ctx context.Context, v View, o Occurrence, search string, after int64) (Roster, error) {
	search = strings.TrimSpace(search)
	if utf8.RuneCountInString(search) > MaxSearch {
		return Roster{}, errs.Field("q", "Search with at most 100 characters.")
	}
	r := Roster{View: v, Date: o, Search: search}
	args := []any{o.ID}
	where := ""
	if search != "" {
		args = append(args, "%"+likeEscape(strings.ToLower(search))+"%")
		where += ` AND (LOWER(p.name) LIKE $2 ESCAPE '\' OR LOWER(p.handle) LIKE $2 ESCAPE '\')`
	}
	if after != 0 {
		args = append(args, after)
		n := strconv.Itoa(len(args))
		where += ` AND (p.name, p.id) > (SELECT k.name, k.id FROM people k WHERE k.id = $` + n + `)`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.handle, p.name, r.answer, r.attended FROM gathering_rsvps r JOIN people p ON p.id = r.person_id
		WHERE r.occurrence_id = $1 AND r.answer = 'going'`+where+` ORDER BY p.name, p.id LIMIT `+strconv.Itoa(RosterPage+1), args...)
	if err != nil {
		return Roster{}, errs.Wrap(err, "list attendees")
	}
	defer rows.Close()
	for rows.Next() {
		var at Attendee
		if err := scanAttendee(rows, &at); err != nil {
			return Roster{}, errs.Wrap(err, "list attendees")
		}
		r.People = append(r.People, at)
	}
	if err := rows.Err(); err != nil {
		return Roster{}, errs.Wrap(err, "list attendees")
	}
	if len(r.People) > RosterPage {
		r.People = r.People[:RosterPage]
		r.Next = r.People[RosterPage-1].ID
	}
	return r, nil
}

// likeEscape escapes LIKE's wildcards (with \ as the escape character).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// CheckIn records at the door whether person came to one-off gathering id
// (came false undoes a check-in): its hosts and the community's stewards,
// from CheckInOpens before it starts.
func (s *Service) CheckIn(ctx context.Context, a auth.Actor, slug string, id, person int64, came bool) (Attendee, error) {
	var out Attendee
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, err := s.writeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		o, err := s.conferenceDate(ctx, tx, v, false)
		switch {
		case err != nil:
			return err
		case o.Cancelled:
			return errs.Conflictf("This gathering is cancelled.")
		case s.now().Before(o.Start.Add(-CheckInOpens)):
			return errs.Conflictf("Check-in opens a day before the gathering starts.")
		}
		if err := tx.QueryRowContext(ctx, `UPDATE gathering_rsvps SET attended = $1 WHERE occurrence_id = $2 AND person_id = $3 AND answer = 'going'
			RETURNING person_id, (SELECT p.handle FROM people p WHERE p.id = person_id), (SELECT p.name FROM people p WHERE p.id = person_id)`,
			came, o.ID, person).Scan(&out.ID, &out.Handle, &out.Name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errs.NotFoundf("This person is not among those going.")
			}
			return errs.Wrap(err, "check in")
		}
		out.Answer, out.Attended = Going, &came
		return nil
	})
	return out, err
}
