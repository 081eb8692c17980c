package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/search"
)

// sessionData is a session of the demo conference: its day (0 or 1), start
// and length on the conference's clock, and speakers (@handle of a member,
// or a guest's name).
type sessionData struct {
	Day                int
	Start              string // 15:04
	Minutes            int
	Title, Room, Track string
	Speakers           []string
	Capacity           int
	Description        string
}

// conferenceData is the demo conference: a two-day one-off gathering a few
// weeks ahead, with a programme.
var conferenceData = struct {
	Community, Title, Description, Zone, Place string
	Days                                       int // from now to the first day
	Sessions                                   []sessionData
}{
	Community: "open-educational-resources", Title: "Open Educational Resources Summit", Zone: "Europe/Berlin", Days: 24,
	Place:       "Main auditorium, Learning Centre",
	Description: "Two days on finding, adapting and sharing open course materials: talks, hands-on workshops and a licensing clinic.\n\nBuild your own schedule from the programme; workshops have limited places.",
	Sessions: []sessionData{
		{0, "09:30", 45, "Opening: why open matters for our courses", "Auditorium", "Plenary", []string{"@0", "Prof. Helen Ward"}, 0,
			"Where the institution stands with open materials, and what we hope to learn in two days."},
		{0, "10:30", 60, "Licensing clinic: CC BY, BY-SA and what they ask of you", "Room 2.14", "Licensing", []string{"@1"}, 20,
			"Bring a resource you want to adapt: we work through the licence, the attribution and the mixing rules together."},
		{0, "10:30", 60, "Finding quality OER in your discipline", "Auditorium", "Finding", []string{"@2", "Marta Silva (library)"}, 0,
			"Repositories, search strategies and a quick quality checklist."},
		{0, "13:30", 90, "Workshop: adapting a textbook chapter", "Lab 1", "Adapting", []string{"@0", "@3"}, 12,
			"Hands-on: take a chapter of an open textbook and adapt it for your course, with version control for the changes."},
		{0, "15:30", 45, "Accessibility of open materials", "Auditorium", "Adapting", []string{"Sam Okafor"}, 0,
			"Alt text, headings and colour contrast: what to check before you publish."},
		{1, "09:30", 60, "Students as co-authors", "Auditorium", "Sharing", []string{"@2", "Student panel"}, 0,
			"Three courses where students wrote part of the material: what worked and what did not."},
		{1, "11:00", 90, "Workshop: publishing to the repository", "Lab 1", "Sharing", []string{"@1"}, 12,
			"Metadata, licences and formats: leave with your first resource published."},
		{1, "14:00", 45, "Closing: what we take home", "Auditorium", "Plenary", []string{"@0"}, 0, ""},
	},
}

// loadConference writes the demo conference: its date, the members going,
// its programme, and the sessions some of them chose (one workshop full,
// with a waitlist).
func loadConference(ctx context.Context, tx *db.Tx, l *loaded) error {
	cd := conferenceData
	com, ok := l.communities[cd.Community]
	if !ok {
		return errUnknown("community", cd.Community)
	}
	members := l.membersOf(cd.Community)
	if len(members) < 4 {
		return fmt.Errorf("community %s has too few members for the conference", cd.Community)
	}
	loc, err := time.LoadLocation(cd.Zone)
	if err != nil {
		return err
	}
	d := l.now.In(loc).AddDate(0, 0, cd.Days)
	start := time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, loc)
	end := time.Date(d.Year(), d.Month(), d.Day()+1, 17, 0, 0, 0, loc)
	host := members[0]
	created := later(l.now.AddDate(0, 0, -20), l.joined[memberKey(cd.Community, host)].Add(time.Hour))
	md := markup.New()
	desc := md.RenderBoth(cd.Description)
	var id, occ int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO gatherings (community_id, title, description, description_html, description_text, render_version,
		time_zone, starts_at, minutes, rrule, online_url, place, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', '', $10, $11, $12, $12) RETURNING id`,
		com.ID, cd.Title, cd.Description, string(desc.HTML), desc.Text, markup.Version, cd.Zone, start.UTC(), int(end.Sub(start)/time.Minute),
		cd.Place, l.people[host].ID, created).Scan(&id); err != nil {
		return errs.Wrap(err, "insert conference")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_hosts (gathering_id, person_id) VALUES ($1, $2)`, id, l.people[host].ID); err != nil {
		return errs.Wrap(err, "insert host")
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at)
		VALUES ($1, $2, $3, $3, $4) RETURNING id`, id, com.ID, start.UTC(), end.UTC()).Scan(&occ); err != nil {
		return errs.Wrap(err, "insert conference date")
	}
	// Every member who had joined by then is going.
	var going []string
	for j, h := range members {
		answered := later(created, l.joined[memberKey(cd.Community, h)]).Add(time.Duration(j+1) * time.Hour)
		if answered.After(l.now) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at) VALUES ($1, $2, 'going', $3)`,
			occ, l.people[h].ID, answered); err != nil {
			return errs.Wrap(err, "insert answer")
		}
		going = append(going, h)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET going = $1 WHERE id = $2`, len(going), occ); err != nil {
		return errs.Wrap(err, "count answers")
	}
	for i, sd := range cd.Sessions {
		if err := loadSession(ctx, tx, l, md, id, loc, start, members, going, i, sd, created); err != nil {
			return errs.Wrap(err, "session "+sd.Title)
		}
	}
	return search.Index(ctx, tx, tx.Dialect(), search.KindGathering, id)
}

func loadSession(ctx context.Context, tx *db.Tx, l *loaded, md *markup.Renderer, id int64, loc *time.Location, first time.Time,
	members, going []string, i int, sd sessionData, created time.Time) error {
	clock, err := time.Parse("15:04", sd.Start)
	if err != nil {
		return err
	}
	day := first.AddDate(0, 0, sd.Day)
	at := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, loc)
	capacity := sql.NullInt64{Int64: int64(sd.Capacity), Valid: sd.Capacity > 0}
	var sid int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO gathering_sessions (gathering_id, title, starts_at, ends_at, room, track, description,
		description_html, render_version, capacity, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		id, sd.Title, at.UTC(), at.Add(time.Duration(sd.Minutes)*time.Minute).UTC(), sd.Room, sd.Track, sd.Description,
		string(md.Render(sd.Description)), markup.Version, capacity, created.Add(time.Duration(i)*time.Minute)).Scan(&sid); err != nil {
		return errs.Wrap(err, "insert session")
	}
	for k, sp := range sd.Speakers {
		person, guest := sql.NullInt64{}, sql.NullString{String: sp, Valid: true}
		if sp[0] == '@' {
			var n int
			fmt.Sscan(sp[1:], &n)
			person, guest = sql.NullInt64{Int64: l.people[members[n%len(members)]].ID, Valid: true}, sql.NullString{}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_session_speakers (session_id, position, person_id, guest_name) VALUES ($1, $2, $3, $4)`,
			sid, k+1, person, guest); err != nil {
			return errs.Wrap(err, "insert speaker")
		}
	}
	// Those going choose sessions: every other session for each, and the
	// first workshop fills up, so that its last choosers wait.
	var placed, waiting int
	for j, h := range going {
		if (i+j)%2 == 1 {
			continue
		}
		state := "going"
		if sd.Capacity > 0 && placed >= min(sd.Capacity, 2) && i == 3 {
			state = "waitlist"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_session_places (session_id, person_id, state, added_at) VALUES ($1, $2, $3, $4)`,
			sid, l.people[h].ID, state, later(created, l.now.Add(-time.Duration(len(going)-j)*time.Hour))); err != nil {
			return errs.Wrap(err, "insert place")
		}
		if state == "going" {
			placed++
		} else {
			waiting++
		}
	}
	if i == 3 && placed > 0 {
		// The first workshop is full: its capacity is the places taken.
		if _, err := tx.ExecContext(ctx, `UPDATE gathering_sessions SET capacity = $1 WHERE id = $2`, placed, sid); err != nil {
			return errs.Wrap(err, "fill workshop")
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE gathering_sessions SET going = $1, waiting = $2 WHERE id = $3`, placed, waiting, sid)
	return errs.Wrap(err, "count places")
}
