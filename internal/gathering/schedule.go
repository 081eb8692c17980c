package gathering

import (
	"context"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/ratelimit"
)

// Schedule creates a gathering (and its occurrences) in the community.
func (s *Service) Schedule(ctx context.Context, a auth.Actor, slug string, in Input) (View, error) {
	if err := s.limits.Take(ctx, ratelimit.Entry, ratelimit.Person(a.PersonID)); err != nil {
		return View{}, err
	}
	c, invalid := in.check()
	var body markup.Rendered
	if invalid == nil {
		body = s.md.RenderBoth(c.description) // before the transaction: rendering is the slow part of a save
	}
	var v View
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		cv, err := s.communities.ViewTx(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if err := mayRead(cv); err != nil {
			return err
		}
		if err := maySchedule(cv); err != nil {
			return err // before the input's problems: those are for people who may write
		}
		if invalid != nil {
			return invalid
		}
		rule := c.repeat.RRule(c.start)
		starts, err := Expand(rule, c.start)
		if err != nil {
			return err
		}
		hosts, err := s.hostIDs(ctx, tx, cv.ID, a.PersonID, c.hosts)
		if err != nil {
			return err
		}
		now := s.now()
		g := Gathering{CommunityID: cv.ID, Title: c.title, Description: c.description, HTML: body.HTML, Zone: c.zone, Start: c.start.UTC(),
			Minutes: c.minutes, Rule: rule, OnlineURL: c.onlineURL, Place: c.place, Capacity: c.capacity, CreatedBy: a.PersonID,
			CreatedAt: now, UpdatedAt: now}
		if g.ID, err = db.InsertID(ctx, tx, `INSERT INTO gatherings (community_id, title, description, description_html, description_text, render_version,
			time_zone, starts_at, minutes, rrule, online_url, place, capacity, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
			cv.ID, g.Title, g.Description, string(body.HTML), body.Text, markup.Version, g.Zone, g.Start, g.Minutes, g.Rule,
			g.OnlineURL, g.Place, nullInt(g.Capacity), a.PersonID, now); err != nil {
			return errs.Wrap(err, "schedule gathering")
		}
		if err := s.setHosts(ctx, tx, g.ID, hosts); err != nil {
			return err
		}
		if _, err := s.sync(ctx, tx, g, starts); err != nil {
			return err
		}
		if err := indexGathering(ctx, tx, g.ID); err != nil {
			return err
		}
		v = View{Gathering: g, Community: cv}
		if v.Hosts, err = s.hostsOf(ctx, tx, g.ID); err != nil {
			return err
		}
		return recordScheduled(ctx, tx, a, v, body.Text)
	})
	return v, err
}

// Edit changes what a whole gathering's occurrences share: its rule and
// times too, re-expanded from its first date (occurrences keep their
// answers when their date survives; those changed on their own keep their
// times). Hosts and stewards only.
func (s *Service) Edit(ctx context.Context, a auth.Actor, slug string, id int64, in Input) (View, error) {
	c, invalid := in.check()
	var body markup.Rendered
	if invalid == nil {
		body = s.md.RenderBoth(c.description)
	}
	var v View
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		if v, err = s.writeTx(ctx, tx, a, slug, id); err != nil {
			return err
		}
		if v.Cancelled {
			return errs.Conflictf("This gathering is cancelled: it cannot change.")
		}
		if invalid != nil {
			return invalid
		}
		rule := c.repeat.RRule(c.start)
		starts, err := Expand(rule, c.start)
		if err != nil {
			return err
		}
		if err := programmeFits(ctx, tx, id, rule, c.start, c.start.Add(time.Duration(c.minutes)*time.Minute)); err != nil {
			return err
		}
		hosts, err := s.hostIDs(ctx, tx, v.Community.ID, a.PersonID, c.hosts)
		if err != nil {
			return err
		}
		before := v.Gathering
		g := v.Gathering
		g.Title, g.Description, g.HTML, g.Zone, g.Start, g.Minutes, g.Rule = c.title, c.description, body.HTML, c.zone, c.start.UTC(), c.minutes, rule
		g.OnlineURL, g.Place, g.Capacity, g.UpdatedAt, g.Sequence = c.onlineURL, c.place, c.capacity, s.now(), g.Sequence+1
		if _, err := tx.ExecContext(ctx, `UPDATE gatherings SET title = $1, description = $2, description_html = $3, description_text = $4,
			render_version = $5, time_zone = $6, starts_at = $7, minutes = $8, rrule = $9, online_url = $10, place = $11, capacity = $12,
			updated_at = $13, sequence = $14 WHERE id = $15`, g.Title, g.Description, string(body.HTML), body.Text, markup.Version, g.Zone,
			g.Start, g.Minutes, g.Rule, g.OnlineURL, g.Place, nullInt(g.Capacity), g.UpdatedAt, g.Sequence, g.ID); err != nil {
			return errs.Wrap(err, "edit gathering")
		}
		if err := s.setHosts(ctx, tx, g.ID, hosts); err != nil {
			return err
		}
		told, err := s.attendees(ctx, tx, g.ID, 0) // before the sync: answers on dates that go are lost with them
		if err != nil {
			return err
		}
		var guests []guestOnDate // told only when their dates may have moved
		if !g.Start.Equal(before.Start) || g.Minutes != before.Minutes || g.Rule != before.Rule || g.Zone != before.Zone ||
			g.Place != before.Place || g.OnlineURL != before.OnlineURL {
			if guests, err = s.guestsAhead(ctx, tx, before, 0); err != nil {
				return err
			}
		}
		if _, err := s.sync(ctx, tx, g, starts); err != nil {
			return err
		}
		if g.Capacity > before.Capacity || (before.Capacity > 0 && g.Capacity == 0) {
			if err := s.promoteAll(ctx, tx, a, View{Gathering: g, Community: v.Community}); err != nil {
				return err
			}
		}
		if err := indexGathering(ctx, tx, g.ID); err != nil {
			return err
		}
		v.Gathering = g
		if v.Hosts, err = s.hostsOf(ctx, tx, g.ID); err != nil {
			return err
		}
		if err := s.tellGuests(ctx, tx, v, guests, "Changed", changedNews); err != nil {
			return err
		}
		return recordChanged(ctx, tx, a, v, URL(slug, g.ID), "", told)
	})
	return v, err
}

// Cancel cancels a whole gathering: every occurrence, and the series.
// Those who answered going or maybe are told.
func (s *Service) Cancel(ctx context.Context, a auth.Actor, slug string, id int64) (View, error) {
	var v View
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		if v, err = s.writeTx(ctx, tx, a, slug, id); err != nil {
			return err
		}
		if v.Cancelled {
			return nil // cancelled already: nothing to tell
		}
		guests, err := s.guestsAhead(ctx, tx, v.Gathering, 0)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE gatherings SET cancelled_at = $1, updated_at = $1, sequence = sequence + 1 WHERE id = $2`, now, v.ID); err != nil {
			return errs.Wrap(err, "cancel gathering")
		}
		v.Cancelled, v.Sequence = true, v.Sequence+1
		if err := s.tellGuests(ctx, tx, v, guests, "Cancelled", cancelledNews); err != nil {
			return err
		}
		told, err := s.attendees(ctx, tx, v.ID, 0)
		if err != nil {
			return err
		}
		return recordCancelled(ctx, tx, a, v, v.URL(), told)
	})
	return v, err
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
