package gathering

import (
	"context"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
)

// Scopes of a change made from one occurrence.
const (
	ThisOne      = "this"
	AndFollowing = "following"
)

// OccurrenceInput is a change to one occurrence: its date and times (in the
// gathering's zone), title, link and place.
type OccurrenceInput struct {
	Title     string
	Date      string
	StartTime string
	EndDate   string
	EndTime   string
	OnlineURL string
	Place     string
}

// ChangeOccurrence changes occurrence occ of gathering id on its own (an
// override: the series keeps its rule, calendars get a RECURRENCE-ID event).
func (s *Service) ChangeOccurrence(ctx context.Context, a auth.Actor, slug string, id, occ int64, in OccurrenceInput) (View, Occurrence, error) {
	var v View
	var o Occurrence
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		if v, err = s.writeTx(ctx, tx, a, slug, id); err != nil {
			return err
		}
		if o, err = s.occurrence(ctx, tx, id, occ, true); err != nil {
			return err
		}
		if o.Cancelled {
			return errs.Conflictf("This date is cancelled: it cannot change.")
		}
		full := Input{Title: in.Title, Description: v.Description, Zone: v.Zone, Date: in.Date, StartTime: in.StartTime, EndDate: in.EndDate,
			EndTime: in.EndTime, OnlineURL: in.OnlineURL, Place: in.Place}
		c, err := full.check()
		if err != nil {
			return err
		}
		override := func(value, series string) any {
			if value == series {
				return nil
			}
			return value
		}
		start, end := c.start.UTC(), c.start.UTC().Add(time.Duration(c.minutes)*time.Minute)
		if err := programmeFits(ctx, tx, id, v.Rule, start, end); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET starts_at = $1, ends_at = $2, title = $3, online_url = $4, place = $5,
			changed_at = $6 WHERE id = $7`, start, end, override(c.title, v.Title), override(c.onlineURL, v.OnlineURL), override(c.place, v.Place),
			s.now(), occ); err != nil {
			return errs.Wrap(err, "change occurrence")
		}
		if err := s.bump(ctx, tx, v.ID); err != nil {
			return err
		}
		if err := s.scheduleReminders(ctx, tx, occ, start); err != nil {
			return err
		}
		told, err := s.attendees(ctx, tx, id, occ)
		if err != nil {
			return err
		}
		guests, err := s.guestsAhead(ctx, tx, v.Gathering, occ)
		if err != nil {
			return err
		}
		if err := s.tellGuests(ctx, tx, v, guests, "Changed", movedNews); err != nil {
			return err
		}
		o.Start, o.End, o.Title, o.OnlineURL, o.Place, o.Changed = start, end, c.title, c.onlineURL, c.place, true
		return recordChanged(ctx, tx, a, v, OccurrenceURL(slug, id, occ), "Now "+o.When(v.Gathering, "").Local()+" ("+v.Zone+").", told)
	})
	return v, o, err
}

// CancelOccurrence cancels one date of a gathering (EXDATE in calendars).
func (s *Service) CancelOccurrence(ctx context.Context, a auth.Actor, slug string, id, occ int64) (View, error) {
	var v View
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		if v, err = s.writeTx(ctx, tx, a, slug, id); err != nil {
			return err
		}
		o, err := s.occurrence(ctx, tx, id, occ, true)
		if err != nil {
			return err
		}
		if o.Cancelled {
			return nil
		}
		guests, err := s.guestsAhead(ctx, tx, v.Gathering, occ)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET cancelled_at = $1 WHERE id = $2`, s.now(), occ); err != nil {
			return errs.Wrap(err, "cancel occurrence")
		}
		if err := s.tellGuests(ctx, tx, v, guests, "Cancelled", cancelledNews); err != nil {
			return err
		}
		if err := s.bump(ctx, tx, v.ID); err != nil {
			return err
		}
		told, err := s.attendees(ctx, tx, id, occ)
		if err != nil {
			return err
		}
		return recordCancelled(ctx, tx, a, v, OccurrenceURL(slug, id, occ), told)
	})
	return v, err
}

// bump marks the gathering changed (its iCalendar SEQUENCE moves on).
func (s *Service) bump(ctx context.Context, q db.Q, id int64) error {
	_, err := q.ExecContext(ctx, `UPDATE gatherings SET sequence = sequence + 1, updated_at = $1 WHERE id = $2`, s.now(), id)
	return errs.Wrap(err, "mark gathering changed")
}

// SplitFrom changes a series from occurrence occ on ("this and
// following"): the old series ends before it, a new gathering takes the
// dates from it on with the input's values (a new rule may be given), and
// the occurrences that fall on the same dates move to it with their
// answers. It returns the new gathering.
func (s *Service) SplitFrom(ctx context.Context, a auth.Actor, slug string, id, occ int64, in Input) (View, error) {
	c, invalid := in.check()
	var body markup.Rendered
	if invalid == nil {
		body = s.md.RenderBoth(c.description)
	}
	var nv View
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, err := s.writeTx(ctx, tx, a, slug, id)
		if err != nil {
			return err
		}
		if !v.Recurring() || v.Cancelled {
			return errs.Conflictf("Only a series that goes on can change from one date on.")
		}
		o, err := s.occurrence(ctx, tx, id, occ, true)
		if err != nil {
			return err
		}
		if invalid != nil {
			return invalid
		}
		if o.OriginalStart.Equal(v.Start) {
			return errs.Field("scope", "This is the first date: change the whole series instead.")
		}
		rule := c.repeat.RRule(c.start)
		starts, err := Expand(rule, c.start)
		if err != nil {
			return err
		}
		hosts, err := s.hostIDs(ctx, tx, v.Community.ID, a.PersonID, c.hosts)
		if err != nil {
			return err
		}
		// The old series ends the day before this occurrence (UNTIL, in its zone).
		old := v.Repeat()
		old.Count, old.Until = 0, o.OriginalStart.In(v.Location()).AddDate(0, 0, -1)
		oldRule := old.RRule(v.LocalStart())
		oldStarts, err := Expand(oldRule, v.LocalStart())
		if err != nil {
			return err
		}
		now := s.now()
		g := Gathering{CommunityID: v.Community.ID, Title: c.title, Description: c.description, HTML: body.HTML, Zone: c.zone, Start: c.start.UTC(),
			Minutes: c.minutes, Rule: rule, OnlineURL: c.onlineURL, Place: c.place, Capacity: c.capacity, SplitFrom: v.ID, CreatedBy: a.PersonID,
			CreatedAt: now, UpdatedAt: now, GuestsOpen: v.GuestsOpen} // the guests' places move with their dates
		if g.ID, err = db.InsertID(ctx, tx, `INSERT INTO gatherings (community_id, title, description, description_html, description_text, render_version,
			time_zone, starts_at, minutes, rrule, online_url, place, capacity, split_from, created_by, created_at, updated_at, guests_open)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)`,
			g.CommunityID, g.Title, g.Description, string(body.HTML), body.Text, markup.Version, g.Zone, g.Start, g.Minutes, g.Rule,
			g.OnlineURL, g.Place, nullInt(g.Capacity), v.ID, a.PersonID, now, g.GuestsOpen); err != nil {
			return errs.Wrap(err, "split gathering")
		}
		// The occurrences from this one on move to the new series (the
		// same date in the new zone keeps its row and answers); sync
		// then removes the future ones no rule holds.
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET gathering_id = $1 WHERE gathering_id = $2 AND original_start >= $3`,
			g.ID, v.ID, o.OriginalStart); err != nil {
			return errs.Wrap(err, "move occurrences")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gatherings SET rrule = $1, sequence = sequence + 1, updated_at = $2 WHERE id = $3`, oldRule, now, v.ID); err != nil {
			return errs.Wrap(err, "end series")
		}
		old2 := v.Gathering
		old2.Rule = oldRule
		if _, err := s.sync(ctx, tx, old2, oldStarts); err != nil {
			return err
		}
		if err := s.setHosts(ctx, tx, g.ID, hosts); err != nil {
			return err
		}
		told, err := s.attendees(ctx, tx, g.ID, 0)
		if err != nil {
			return err
		}
		guests, err := s.guestsAhead(ctx, tx, g, 0) // before the sync, as the answers
		if err != nil {
			return err
		}
		if _, err := s.sync(ctx, tx, g, starts); err != nil {
			return err
		}
		nv = View{Gathering: g, Community: v.Community}
		if err := s.tellGuests(ctx, tx, nv, guests, "Changed", changedNews); err != nil {
			return err
		}
		if g.Capacity > v.Capacity || (v.Capacity > 0 && g.Capacity == 0) {
			if err := s.promoteAll(ctx, tx, a, nv); err != nil {
				return err
			}
		}
		if err := indexGathering(ctx, tx, v.ID, g.ID); err != nil {
			return err
		}
		if nv.Hosts, err = s.hostsOf(ctx, tx, g.ID); err != nil {
			return err
		}
		return recordChanged(ctx, tx, a, nv, nv.URL(), "From "+o.When(v.Gathering, "").Local()+" on, this series changes.", told)
	})
	return nv, err
}
