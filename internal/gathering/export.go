package gathering

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// ForExport checks that a may export the attendees of one-off gathering id:
// its hosts and the community's stewards.
func (s *Service) ForExport(ctx context.Context, a auth.Actor, slug string, id int64) (View, Occurrence, error) {
	return s.ForProgramme(ctx, a, slug, id)
}

// ExportAttendees writes the people who answered going, waitlist or maybe
// to date o of v as CSV to w, streamed as they are read (in the order they
// answered), with how many sessions each took. A cell that a spreadsheet
// would read as a formula is prefixed with a quote.
func (s *Service) ExportAttendees(ctx context.Context, v View, o Occurrence, w io.Writer) error {
	rows, err := s.db.QueryContext(ctx, `SELECT p.name, p.handle, r.answer, r.answered_at, r.attended,
		(SELECT COUNT(*) FROM gathering_session_places m JOIN gathering_sessions x ON x.id = m.session_id
			WHERE m.person_id = r.person_id AND x.gathering_id = $2 AND m.state = 'going')
		FROM gathering_rsvps r JOIN people p ON p.id = r.person_id
		WHERE r.occurrence_id = $1 AND r.answer IN ('going', 'waitlist', 'maybe') ORDER BY r.answered_at, r.person_id`, o.ID, v.ID)
	if err != nil {
		return errs.Wrap(err, "export attendees")
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"name", "handle", "answer", "answered_at", "checked_in", "sessions"}); err != nil {
		return err
	}
	n := 0
	for rows.Next() {
		var name, handle, answer string
		var at time.Time
		var attended *bool
		var sessions int
		if err := rows.Scan(&name, &handle, &answer, &at, &attended, &sessions); err != nil {
			return errs.Wrap(err, "export attendees")
		}
		checked := "no"
		if attended != nil && *attended {
			checked = "yes"
		}
		if err := cw.Write([]string{CSVCell(name), CSVCell(handle), answer, at.UTC().Format(time.RFC3339), checked, strconv.Itoa(sessions)}); err != nil {
			return err
		}
		if n++; n%500 == 0 {
			if cw.Flush(); cw.Error() != nil {
				return cw.Error()
			}
		}
	}
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "export attendees")
	}
	cw.Flush()
	return cw.Error()
}

// CSVCell makes s safe to open in a spreadsheet: a cell starting with = + -
// @ (or a tab or carriage return, which some read past) is prefixed with a
// quote, so that it is text, never a formula.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
