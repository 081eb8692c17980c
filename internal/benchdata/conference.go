package benchdata

import (
	"context"
	"fmt"
	"time"

	"hearth/internal/db"
	"hearth/internal/markup"
)

// The conference of ReaderPublic, for the benchmarks of gatherings: a
// two-day gathering, ConferenceGathering, a month ahead, that every person
// attends, with ConferenceSessions sessions of two speakers each over four
// rooms, each person with a place in three of them.
const (
	ConferenceGathering = 1
	ConferenceSessions  = 40
	conferenceRooms     = 4
	sessionsPerPerson   = 3
)

// LoadConference writes the conference, in one transaction, into a
// database that has the library (LoadRows) and no gatherings yet.
func LoadConference(ctx context.Context, d *db.DB) error {
	md := markup.New()
	now := db.Now()
	start := now.Add(30 * 24 * time.Hour).Truncate(24 * time.Hour).Add(8 * time.Hour) // 08:00 UTC, a month ahead
	const minutes = 2*24*60 - 14*60                                                   // to 18:00 the next day
	err := d.WithTx(ctx, func(tx *db.Tx) error {
		ins := NewInserter(ctx, tx)
		desc := "Two days of talks and workshops on our practice: bring a colleague."
		html := md.RenderBoth(desc)
		ins.Row(`INSERT INTO gatherings (id, community_id, title, description, description_html, description_text, render_version,
			time_zone, starts_at, minutes, rrule, online_url, place, created_by, created_at, updated_at) VALUES`,
			ConferenceGathering, ReaderPublic, "Practice summit", desc, string(html.HTML), html.Text, markup.Version,
			"Europe/London", start, minutes, "", "", "The Great Hall", Steward, now, now)
		ins.Row("INSERT INTO gathering_hosts (gathering_id, person_id) VALUES", ConferenceGathering, Steward)
		ins.Row(`INSERT INTO gathering_occurrences (id, gathering_id, community_id, original_start, starts_at, ends_at, going) VALUES`,
			1, ConferenceGathering, ReaderPublic, start, start, start.Add(minutes*time.Minute), People)
		for p := 1; p <= People; p++ {
			ins.Row("INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at) VALUES", 1, p, "going", now.Add(-time.Duration(p)*time.Minute))
		}
		words := Vocabulary()
		going := make([]int, ConferenceSessions+1)
		for p := 1; p <= People; p++ {
			for k := range sessionsPerPerson {
				going[1+(p*7+k*13)%ConferenceSessions]++
			}
		}
		for s := 1; s <= ConferenceSessions; s++ {
			slot := (s - 1) / conferenceRooms // four rooms in parallel, an hour each, from 09:00, ten slots over the two days
			at := start.Add(time.Hour + time.Duration(slot%5)*time.Hour + time.Duration(slot/5)*24*time.Hour)
			about := fmt.Sprintf("What we learned about %s and %s, with examples from the floor.", words[100+s], words[300+s])
			h := md.RenderBoth(about)
			ins.Row(`INSERT INTO gathering_sessions (id, gathering_id, title, starts_at, ends_at, room, track, description, description_html,
				render_version, going, created_at, updated_at) VALUES`,
				s, ConferenceGathering, fmt.Sprintf("Session %d: %s", s, words[100+s]), at, at.Add(50*time.Minute),
				fmt.Sprintf("Room %d", 1+(s-1)%conferenceRooms), []string{"Practice", "Research", "Tools"}[s%3], about, string(h.HTML),
				markup.Version, going[s], now, now)
		}
		for s := 1; s <= ConferenceSessions; s++ {
			for pos := 1; pos <= 2; pos++ {
				ins.Row("INSERT INTO gathering_session_speakers (session_id, position, person_id) VALUES", s, pos, 1+(s*11+pos*5)%People)
			}
		}
		for p := 1; p <= People; p++ {
			for k := range sessionsPerPerson {
				ins.Row("INSERT INTO gathering_session_places (session_id, person_id, state, added_at) VALUES",
					1+(p*7+k*13)%ConferenceSessions, p, "going", now)
			}
		}
		ins.Flush()
		if ins.Err() != nil {
			return ins.Err()
		}
		if tx.Dialect() != db.Postgres {
			return nil
		}
		for _, table := range []string{"gatherings", "gathering_occurrences", "gathering_sessions"} {
			if _, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), (SELECT MAX(id) FROM "+table+"))"); err != nil {
				return fmt.Errorf("advance the ids of %s: %w", table, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load conference: %w", err)
	}
	return nil
}
