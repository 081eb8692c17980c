package gathering

import (
	"context"
	"fmt"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/notify"
)

// Guests have no account, so they hear by e-mail what members who answered
// going hear in Hearth: that their date changed or was cancelled, and, the
// day before, that it is near (members choose their reminder; a guest gets
// the day's). Only guests with a confirmed place on a date still ahead are
// told.

// guestOnDate is a confirmed guest of a date ahead, with that date.
type guestOnDate struct {
	name, email string
	occurrence  Occurrence
}

// guestsAhead returns the confirmed guests of date occ of gathering id, or
// of every date ahead when occ is 0, read through q before the change.
func (s *Service) guestsAhead(ctx context.Context, q db.Q, g Gathering, occ int64) ([]guestOnDate, error) {
	rows, err := q.QueryContext(ctx, `SELECT gg.name, gg.email, o.starts_at, o.ends_at, COALESCE(o.title, ''), COALESCE(o.place, ''),
		COALESCE(o.online_url, '') FROM gathering_guests gg JOIN gathering_occurrences o ON o.id = gg.occurrence_id
		WHERE o.gathering_id = $1 AND ($2 = 0 OR o.id = $2) AND gg.status = 'going' AND o.starts_at > $3 AND o.cancelled_at IS NULL
		ORDER BY o.starts_at, gg.id`, g.ID, occ, s.now())
	if err != nil {
		return nil, errs.Wrap(err, "read guests")
	}
	defer rows.Close()
	var out []guestOnDate
	for rows.Next() {
		var x guestOnDate
		o := &x.occurrence
		if err := rows.Scan(&x.name, &x.email, &o.Start, &o.End, &o.Title, &o.Place, &o.OnlineURL); err != nil {
			return nil, errs.Wrap(err, "read guests")
		}
		o.Start, o.End = o.Start.UTC(), o.End.UTC()
		if o.Title == "" {
			o.Title = g.Title
		}
		if o.Place == "" {
			o.Place = g.Place
		}
		if o.OnlineURL == "" {
			o.OnlineURL = g.OnlineURL
		}
		out = append(out, x)
	}
	return out, errs.Wrap(rows.Err(), "read guests")
}

// tellGuests mails each guest what happened to their date: subject is
// prefixed to the title, news is a sentence about it.
func (s *Service) tellGuests(ctx context.Context, q db.Q, v View, guests []guestOnDate, subject string, news string) error {
	mails := make([]notify.Mail, 0, len(guests))
	for _, x := range guests {
		w := x.occurrence.When(v.Gathering, "")
		mails = append(mails, notify.Mail{To: x.email, Subject: subject + ": " + x.occurrence.Title,
			Body: fmt.Sprintf("Hello %s,\n\n%s\n\nYour place: %s, a gathering of %s, %s (%s)%s\nThe gathering: %s\n\n"+
				"You receive this because you have a place at this gathering. The link in the e-mail that confirmed your place "+
				"gives it back if you cannot come.\n",
				x.name, news, x.occurrence.Title, v.Community.Name, w.Local(), v.Zone, wherePlain(x.occurrence), s.baseURL+v.URL())})
	}
	return notify.QueueMany(ctx, q, mails)
}

// remindGuestsOf mails the guests of date occ of gathering id that it is a
// day away. Guests come only to public communities' gatherings: it reads
// the gathering as a visitor would, and tells nobody when a visitor may no
// longer see it.
func (s *Service) remindGuestsOf(ctx context.Context, tx *db.Tx, slug string, id, occ int64) error {
	v, err := s.readTx(ctx, tx, auth.Actor{}, slug, id)
	if errs.Is(err, errs.NotFound) || errs.Is(err, errs.Unauthenticated) {
		return nil
	}
	if err != nil {
		return err
	}
	guests, err := s.guestsAhead(ctx, tx, v.Gathering, occ)
	if err != nil {
		return err
	}
	return s.tellGuests(ctx, tx, v, guests, "Tomorrow", "A reminder: your gathering is tomorrow.")
}

// What guests are told.
const (
	movedNews     = "The date of your place has changed: below is when and where it now takes place."
	cancelledNews = "This date is cancelled: your place is no longer needed. We are sorry."
	changedNews   = "The hosts have changed this gathering. Please check its page before you come: the date of your place may have moved or gone."
)
