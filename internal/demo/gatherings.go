package demo

import (
	"context"
	"fmt"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/links"
	"hearth/internal/markup"
	"hearth/internal/revision"
	"hearth/internal/search"
)

// seriesData is a demo gathering series: its rule, and the notes of its
// past dates (in turn), the agenda of its next one, and the entry (of the
// same community) captured from the notes of its last past date.
type seriesData struct {
	Community, Title, Description string
	Zone                          string
	Rule                          string
	First                         func(now time.Time, loc *time.Location) time.Time // the first date's start
	Minutes                       int
	Place, OnlineURL              string
	Notes                         []string
	Agenda                        string
	Captured                      string // an entry slug, or ""
}

var series = []seriesData{
	{Community: "kitchen-food-safety", Title: "Friday pre-service huddle", Zone: "Europe/London", Rule: "FREQ=WEEKLY;COUNT=16;BYDAY=FR",
		Description: "Fifteen minutes before Friday service: allergens on the menu, what went wrong last week, who is on the pass.",
		First: func(now time.Time, loc *time.Location) time.Time {
			d := now.In(loc).AddDate(0, 0, -70)
			for d.Weekday() != time.Friday {
				d = d.AddDate(0, 0, 1)
			}
			return time.Date(d.Year(), d.Month(), d.Day(), 14, 30, 0, 0, loc)
		}, Minutes: 30, Place: "Training kitchen, by the pass",
		Notes: []string{
			"## Allergens\n- Almond flour in the frangipane: labelled, on the board.\n\n## Last week\n- The near miss with the almond flour: the tub had no label. **Decided:** every decanted tub gets a label before it leaves the store.",
			"## Allergens\n- Sesame in the dressing: tell the pass.\n\n## Last week\n- Cooling log had gaps on Tuesday. Probes back in the drawer after use.",
			"## Allergens\n- No changes.\n\n## Last week\n- Two-stage cooling worked: all trays under 8 °C within 90 minutes.",
		},
		Agenda:   "1. Allergens on this week's menu\n2. Last week's near misses\n3. Who is on the pass",
		Captured: "the-almond-flour-near-miss"},
	{Community: "simulation-in-nursing-education", Title: "Debriefing practice circle", Zone: "Europe/London", Rule: "FREQ=MONTHLY;COUNT=12;BYDAY=1TU",
		Description: "Once a month we debrief a recorded scenario together and practise one debriefing technique.",
		First: func(now time.Time, loc *time.Location) time.Time {
			m := now.In(loc).AddDate(0, -5, 0)
			d := time.Date(m.Year(), m.Month(), 1, 16, 0, 0, 0, loc)
			for d.Weekday() != time.Tuesday {
				d = d.AddDate(0, 0, 1)
			}
			return d
		}, Minutes: 90, OnlineURL: "https://meet.example.org/debrief-circle",
		Notes: []string{
			"We practised **plus/delta**. Learners named more deltas when the facilitator went first with one of their own.",
			"Advocacy-inquiry on the sepsis scenario. Keep the inquiry genuinely open: \"I saw… I wondered…\".",
		},
		Agenda: "1. Watch the 5-minute clip\n2. Debrief in pairs\n3. What we would change"},
	// Held in Berlin's time so that the health page's rhythm has a zone of
	// its own, and attended across departments, so that its follow-through
	// and exchange between departments show something.
	{Community: "teaching-with-generative-ai", Title: "Prompt clinic", Zone: "Europe/Berlin", Rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=WE",
		Description: "Bring an assignment and the prompts your students used: we try them together and rewrite the task if it needs it.",
		First: func(now time.Time, loc *time.Location) time.Time {
			d := now.In(loc).AddDate(0, 0, -100)
			for d.Weekday() != time.Wednesday {
				d = d.AddDate(0, 0, 1)
			}
			return time.Date(d.Year(), d.Month(), d.Day(), 12, 30, 0, 0, loc)
		}, Minutes: 60, OnlineURL: "https://meet.example.org/prompt-clinic",
		Notes: []string{
			"Rewrote the lab-report task: students now submit their prompt log with the report.",
			"Compared three feedback prompts; the one asking for a single next step was the most useful.",
		},
		Agenda: "1. Your assignment\n2. Try the prompts\n3. Rewrite the task"},
}

// loadGatherings writes the demo series with their dates, answers, notes
// (with their first revision), the next date's agenda and a captured entry.
func loadGatherings(ctx context.Context, tx *db.Tx, l *loaded) error {
	md := markup.New()
	for _, s := range series {
		if err := loadSeries(ctx, tx, l, md, s); err != nil {
			return errs.Wrap(err, "gathering "+s.Title)
		}
	}
	return nil
}

func loadSeries(ctx context.Context, tx *db.Tx, l *loaded, md *markup.Renderer, s seriesData) error {
	com, ok := l.communities[s.Community]
	if !ok {
		return errUnknown("community", s.Community)
	}
	members := l.takingPart(s.Community)
	if len(members) < 2 {
		return fmt.Errorf("community %s has too few members", s.Community)
	}
	loc, err := time.LoadLocation(s.Zone)
	if err != nil {
		return err
	}
	first := s.First(l.now, loc)
	starts, err := gathering.Expand(s.Rule, first)
	if err != nil {
		return err
	}
	host := members[0]
	created := later(later(first.Add(-7*24*time.Hour), l.joined[memberKey(s.Community, host)].Add(time.Hour)), com.At.Add(time.Hour))
	desc := md.RenderBoth(s.Description)
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO gatherings (community_id, title, description, description_html, description_text, render_version,
		time_zone, starts_at, minutes, rrule, online_url, place, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
		com.ID, s.Title, s.Description, string(desc.HTML), desc.Text, markup.Version, s.Zone, first.UTC(), s.Minutes, s.Rule,
		s.OnlineURL, s.Place, l.people[host].ID, created).Scan(&id); err != nil {
		return errs.Wrap(err, "insert gathering")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_hosts (gathering_id, person_id) VALUES ($1, $2)`, id, l.people[host].ID); err != nil {
		return errs.Wrap(err, "insert host")
	}
	var past []int64
	agendaDone := false
	for i, at := range starts {
		end := at.Add(time.Duration(s.Minutes) * time.Minute)
		var occ int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at)
			VALUES ($1, $2, $3, $3, $4) RETURNING id`, id, com.ID, at, end).Scan(&occ); err != nil {
			return errs.Wrap(err, "insert date")
		}
		// The members who had joined answer going (a few each time), near
		// dates only; a later date may still be the next, with its agenda.
		if !at.After(l.now.Add(30 * 24 * time.Hour)) {
			if err := answerGoing(ctx, tx, l, s, members, created, i, occ, at, end); err != nil {
				return err
			}
		}
		if end.Before(l.now) {
			past = append(past, occ)
			continue
		}
		if !agendaDone {
			agendaDone = true
			// Written three days before the date, or now if that is still to come.
			written := later(created, at.Add(-72*time.Hour))
			if written.After(l.now) {
				written = l.now
			}
			if err := loadText(ctx, tx, md, occ, gathering.Agenda, s.Agenda, l.people[host].ID, written); err != nil {
				return err
			}
		}
	}
	// The notes of the last past dates, newest first.
	for k, text := range s.Notes {
		if k >= len(past) {
			break
		}
		occ := past[len(past)-1-k]
		by := members[(k+1)%len(members)]
		at := starts[len(past)-1-k].Add(time.Duration(s.Minutes+30) * time.Minute) // half an hour after it ended, or now
		if at.After(l.now) {
			at = l.now
		}
		if err := loadText(ctx, tx, md, occ, gathering.Notes, text, l.people[by].ID, at); err != nil {
			return err
		}
		if k == 0 && s.Captured != "" {
			e, ok := l.entries[entryKey(s.Community, s.Captured)]
			if !ok {
				return errUnknown("entry", s.Captured)
			}
			if err := links.Add(ctx, tx, links.Thing{Kind: gathering.OccurrenceKind, ID: occ}, links.Thing{Kind: "entry", ID: e.ID},
				links.Became, l.people[by].ID, later(at, e.At)); err != nil {
				return err
			}
		}
	}
	return search.Index(ctx, tx, tx.Dialect(), search.KindGathering, id)
}

// answerGoing writes the answers of a date: members who had joined by then
// going, a few each time, and whether they came to a past one.
func answerGoing(ctx context.Context, tx *db.Tx, l *loaded, s seriesData, members []string, created time.Time, i int, occ int64, at, end time.Time) error {
	going := 0
	for j, h := range members {
		answered := later(created, at.Add(-time.Duration(48+j)*time.Hour))
		if (i+j)%3 == 2 || !l.joined[memberKey(s.Community, h)].Before(answered) || answered.After(l.now) {
			continue
		}
		attended := any(nil)
		if end.Before(l.now) {
			attended = (i+j)%4 != 0
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended)
			VALUES ($1, $2, 'going', $3, $4)`, occ, l.people[h].ID, answered, attended); err != nil {
			return errs.Wrap(err, "insert answer")
		}
		going++
	}
	_, err := tx.ExecContext(ctx, `UPDATE gathering_occurrences SET going = $1 WHERE id = $2`, going, occ)
	return errs.Wrap(err, "count answers")
}

// loadText writes a date's agenda or notes as its first revision.
func loadText(ctx context.Context, tx *db.Tx, md *markup.Renderer, occ int64, part, body string, by int64, at time.Time) error {
	r := md.RenderBoth(body)
	if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_notes (occurrence_id, part, body, body_html, render_version, revision, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, 1, $6, $7)`, occ, part, body, string(r.HTML), markup.Version, by, at); err != nil {
		return errs.Wrap(err, "insert "+part)
	}
	_, err := revision.Record(ctx, tx, revision.Subject{Type: "gathering-" + part, ID: occ}, revision.Snapshot{Body: body}, by, "", 0, at)
	return err
}
