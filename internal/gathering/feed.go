package gathering

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// A personal feed is a person's own calendar of gatherings at a secret
// address that calendar programs fetch without signing in: the series they
// host or answered going, waitlisted or maybe for a date not long past, in
// the communities they may still read.

// feedPast is how long after a date a person's answer keeps its series in
// their feed, so a calendar keeps last week's meeting.
const feedPast = 30 * 24 * time.Hour

// ErrNoFeed is the answer to an address that is not (or no longer) a feed.
var ErrNoFeed = errs.NotFoundf("There is no such calendar: its address was replaced or turned off.")

// Feed is the state of a person's feed. Its address is shown only when it
// is made: Hearth keeps a hash of the token, not the token.
type Feed struct {
	Exists  bool
	Created time.Time
}

// FeedState reports whether a has a feed and since when.
func (s *Service) FeedState(ctx context.Context, a auth.Actor) (Feed, error) {
	if !a.SignedIn() {
		return Feed{}, errs.Forbiddenf("Sign in to have a calendar of your gatherings.")
	}
	var f Feed
	err := s.db.QueryRowContext(ctx, `SELECT created_at FROM calendar_feeds WHERE person_id = $1`, a.PersonID).Scan(&f.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, nil
	}
	f.Exists = err == nil
	return f, errs.Wrap(err, "read calendar feed")
}

// NewFeed gives a a new feed token, replacing (so turning off) any before,
// and returns it: the only time it can be read.
func (s *Service) NewFeed(ctx context.Context, a auth.Actor) (string, error) {
	if !a.SignedIn() {
		return "", errs.Forbiddenf("Sign in to have a calendar of your gatherings.")
	}
	raw, hash := auth.NewToken()
	_, err := s.db.ExecContext(ctx, `INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
		a.PersonID, hash, s.now())
	return raw, errs.Wrap(err, "make calendar feed")
}

// StopFeed turns a's feed off.
func (s *Service) StopFeed(ctx context.Context, a auth.Actor) error {
	if !a.SignedIn() {
		return errs.Forbiddenf("Sign in to change your calendar.")
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE person_id = $1`, a.PersonID)
	return errs.Wrap(err, "turn calendar feed off")
}

// FeedCalendar is the iCalendar text of the feed whose token is token:
// ErrNoFeed for an unknown token or a disabled person. At most FeedSize
// series, the most recently changed first; three queries in all.
func (s *Service) FeedCalendar(ctx context.Context, token, baseURL string) (string, error) {
	if token == "" || len(token) > 128 {
		return "", ErrNoFeed
	}
	var a auth.Actor
	err := s.db.QueryRowContext(ctx, `SELECT p.id, p.is_admin, p.name FROM calendar_feeds f JOIN people p ON p.id = f.person_id
		WHERE f.token_hash = $1 AND p.disabled_at IS NULL`, auth.HashToken(token)).Scan(&a.PersonID, &a.Admin, &a.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNoFeed
	}
	if err != nil {
		return "", errs.Wrap(err, "read calendar feed")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+gatheringColumns+`, c.slug FROM gatherings g JOIN communities c ON c.id = g.community_id
		WHERE g.id IN (SELECT h.gathering_id FROM gathering_hosts h WHERE h.person_id = $1
			UNION SELECT o.gathering_id FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
			WHERE r.person_id = $1 AND r.answer IN ('going', 'waitlist', 'maybe') AND o.ends_at > $2)
		ORDER BY g.updated_at DESC, g.id DESC LIMIT `+strconv.Itoa(FeedSize), a.PersonID, s.now().Add(-feedPast))
	if err != nil {
		return "", errs.Wrap(err, "read calendar feed")
	}
	var list []Gathering
	slugs := map[int64]string{}
	for rows.Next() {
		var g Gathering
		var slug string
		if err := s.scanGathering(rows, &g, &slug); err != nil {
			rows.Close()
			return "", errs.Wrap(err, "read calendar feed")
		}
		list = append(list, g)
		slugs[g.CommunityID] = slug
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", errs.Wrap(err, "read calendar feed")
	}
	ids := make([]int64, 0, len(slugs))
	for id := range slugs {
		ids = append(ids, id)
	}
	// A person who left a private community no longer sees its gatherings.
	readable, err := s.communities.ReadableAmong(ctx, a, ids)
	if err != nil {
		return "", err
	}
	kept := list[:0]
	for _, g := range list {
		if readable[g.CommunityID] {
			kept = append(kept, g)
		}
	}
	byGathering, err := s.occurrencesOfAll(ctx, kept)
	if err != nil {
		return "", err
	}
	cal := newCalendar("Gatherings of " + a.Name)
	for _, g := range kept {
		s.addGathering(cal, g, byGathering[g.ID], baseURL+URL(slugs[g.CommunityID], g.ID))
	}
	return cal.Serialize(ics.WithNewLine("\r\n")), nil
}
