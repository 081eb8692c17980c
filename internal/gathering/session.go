package gathering

import (
	"context"
	"database/sql"
	"errors"
	"html/template"
	"strconv"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
)

// A conference is a one-off gathering with a programme: sessions within
// its time, each with a room and a track, speakers (people of Hearth or
// guests), a description and its own optional capacity. Attendees (those
// going to the gathering) build their schedule from the sessions; past a
// session's capacity they wait, and are promoted in order.

// ProgrammePage is how many sessions the programme shows at a time.
const ProgrammePage = 25

// Session is one part of a gathering's programme.
type Session struct {
	ID          int64
	GatheringID int64
	Title       string
	Start, End  time.Time // UTC
	Room        string
	Track       string
	Description string
	HTML        template.HTML
	Capacity    int // 0: no limit
	Going       int
	Waiting     int
	UpdatedAt   time.Time
	Speakers    []Speaker
	Mine        string // the reader's place: Going, Waitlist or ""
}

// Full reports whether every place of the session is taken.
func (s Session) Full() bool { return s.Capacity > 0 && s.Going >= s.Capacity }

// When is the session's time in the gathering's zone and the viewer's.
func (s Session) When(g Gathering, viewerZone string) When {
	return NewWhen(s.Start, s.End, g.Zone, viewerZone)
}

// Speaker is a person of Hearth (ID set) or a guest named in words.
type Speaker struct {
	Person
	Guest string
}

// Label is the speaker's name as shown.
func (sp Speaker) Label() string {
	if sp.ID != 0 {
		return sp.Name
	}
	return sp.Guest
}

// ProgrammeURL is the address of gathering id's programme.
func ProgrammeURL(slug string, id int64) string { return URL(slug, id) + "/programme" }

// SessionURL is the address of a session of gathering id.
func SessionURL(slug string, id, session int64) string {
	return URL(slug, id) + "/sessions/" + strconv.FormatInt(session, 10)
}

// ScheduleURL is the address of one's own schedule of gathering id.
func ScheduleURL(slug string, id int64) string { return URL(slug, id) + "/schedule" }

var errNoProgramme = errs.NotFoundf("This gathering is a series: programmes belong to one-off gatherings, such as a conference.")

var errNoSession = errs.NotFoundf("There is no such session in this programme.")

// HasProgramme reports whether the gathering may have a programme: a
// one-off gathering (a series has none).
func (g Gathering) HasProgramme() bool { return !g.Recurring() }

// conferenceDate is the only occurrence of one-off gathering v.
func (s *Service) conferenceDate(ctx context.Context, q db.Q, v View, lock bool) (Occurrence, error) {
	if !v.HasProgramme() {
		return Occurrence{}, errNoProgramme
	}
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM gathering_occurrences WHERE gathering_id = $1 ORDER BY starts_at, id LIMIT 1`, v.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Occurrence{}, errNoProgramme
	}
	if err != nil {
		return Occurrence{}, errs.Wrap(err, "read the conference's date")
	}
	return s.occurrence(ctx, q, v.ID, id, lock)
}

// Conference returns one-off gathering id, with its date, for reading.
func (s *Service) Conference(ctx context.Context, a auth.Actor, slug string, id int64) (View, Occurrence, error) {
	v, err := s.Get(ctx, a, slug, id)
	if err != nil {
		return View{}, Occurrence{}, err
	}
	o, err := s.conferenceDate(ctx, s.db, v, false)
	return v, o, err
}

// sessionColumns are a session's columns, of gathering_sessions s.
const sessionColumns = `s.id, s.gathering_id, s.title, s.starts_at, s.ends_at, s.room, s.track, s.description, s.description_html,
	s.render_version, COALESCE(s.capacity, 0), s.going, s.waiting, s.updated_at`

func (s *Service) scanSession(sc interface{ Scan(...any) error }, x *Session, extra ...any) error {
	var html string
	var version int
	if err := sc.Scan(append([]any{&x.ID, &x.GatheringID, &x.Title, &x.Start, &x.End, &x.Room, &x.Track, &x.Description, &html,
		&version, &x.Capacity, &x.Going, &x.Waiting, &x.UpdatedAt}, extra...)...); err != nil {
		return err
	}
	x.HTML = template.HTML(html) // sanitised when it was saved
	if x.Description != "" && version < markup.Version {
		x.HTML = s.md.Render(x.Description)
	}
	x.Start, x.End, x.UpdatedAt = x.Start.UTC(), x.End.UTC(), x.UpdatedAt.UTC()
	return nil
}

// session reads session sid of gathering id through q (locked when lock).
func (s *Service) session(ctx context.Context, q db.Q, id, sid int64, lock bool) (Session, error) {
	clause := ""
	if lock {
		clause = s.db.ForUpdate()
	}
	var x Session
	err := s.scanSession(q.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM gathering_sessions s WHERE s.id = $1 AND s.gathering_id = $2`+clause, sid, id), &x)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, errNoSession
	}
	if err != nil {
		return Session{}, errs.Wrap(err, "read session")
	}
	sp, err := s.speakersOf(ctx, q, []Session{x})
	if err != nil {
		return Session{}, err
	}
	x.Speakers = sp[x.ID]
	return x, nil
}

// Programme returns gathering id with its date and a page of its sessions
// in order (keyset by (starts_at, id) from the session after), with the
// reader's place in each (and the reader's answer for the date, in its
// Mine), and the session to read the next page after (0 when none): two
// queries, the sessions themselves from the kept pages.
func (s *Service) Programme(ctx context.Context, a auth.Actor, slug string, id, after int64) (View, Occurrence, []Session, int64, error) {
	v, date, live, err := s.withDate(ctx, a, slug, id, after)
	if err != nil {
		return View{}, Occurrence{}, nil, 0, err
	}
	list, next, err := s.programmePage(ctx, a, v, after, live)
	return v, date, list, next, err
}

// withDate reads the community, gathering id, its date, the reader's
// answer for it and the live counts of the programme's page after session
// after (liveColumn) in one statement: a gathering with a programme is a
// one-off, its date the only one.
func (s *Service) withDate(ctx context.Context, a auth.Actor, slug string, id, after int64) (View, Occurrence, []live, error) {
	var g Gathering
	var o Occurrence
	var packed string
	r := gatheringRow{g: &g}
	args, afterArg := []any{id}, ""
	if after != 0 {
		args, afterArg = append(args, after), "$4"
	}
	c, found, err := s.communities.GetWith(ctx, a, slug, community.With{
		Columns: gatheringColumns + `, ` + occurrenceColumns + `, ` + mineColumns + `, ` + liveColumn(s.db.Dialect, "$2", afterArg),
		Join:    `JOIN gatherings g ON g.community_id = c.id AND g.id = $3 JOIN gathering_occurrences o ON o.gathering_id = g.id` + mineJoin("$2"),
		Tail:    ` ORDER BY o.starts_at, o.id LIMIT 1`, Args: args,
		Dest: append(append(append(r.fields(), occurrenceFields(&o)...), mineFields(&o)...), &packed)})
	if err != nil {
		return View{}, Occurrence{}, nil, err
	}
	if err := mayRead(c); err != nil {
		return View{}, Occurrence{}, nil, err
	}
	if !found {
		return View{}, Occurrence{}, nil, errNotFound
	}
	s.finish(&r)
	o.inUTC()
	v := View{Gathering: g, Community: c}
	if !v.HasProgramme() {
		return View{}, Occurrence{}, nil, errNoProgramme
	}
	live, err := unpackLive(packed)
	return v, o, live, errs.Wrap(err, "read programme")
}

// programmePage reads the page of v's programme after session after, from
// the kept pages (with the live counts read with v) when it was read at v's
// programme version already.
func (s *Service) programmePage(ctx context.Context, a auth.Actor, v View, after int64, live []live) ([]Session, int64, error) {
	id := v.ID
	key := programmeKey{gathering: id, version: v.ProgrammeVersion, after: after}
	if kept, ok := s.programmes.get(key); ok {
		if list, fresh := withLiveCounts(kept.sessions, live); fresh {
			return list, kept.next, nil
		}
	}
	list, err := s.sessions(ctx, `SELECT `+s.listColumns()+`, COALESCE(m.state, '') FROM gathering_sessions s
		LEFT JOIN gathering_session_places m ON m.session_id = s.id AND m.person_id = $2
		WHERE s.gathering_id = $1`+programmeKeyset(after)+` ORDER BY s.starts_at, s.id LIMIT `+strconv.Itoa(ProgrammePage+1),
		programmeArgs(a, id, after)...)
	if err != nil {
		return nil, 0, err
	}
	var next int64
	if len(list) > ProgrammePage {
		list = list[:ProgrammePage]
		next = list[ProgrammePage-1].ID
	}
	s.programmes.put(key, list, next)
	return list, next, nil
}

// programmeKeyset is the condition for the sessions after session after
// (none when 0), with programmeArgs.
func programmeKeyset(after int64) string {
	if after == 0 {
		return ""
	}
	return ` AND (s.starts_at, s.id) > (SELECT k.starts_at, k.id FROM gathering_sessions k WHERE k.id = $3 AND k.gathering_id = $1)`
}

func programmeArgs(a auth.Actor, id, after int64) []any {
	if after == 0 {
		return []any{id, a.PersonID}
	}
	return []any{id, a.PersonID, after}
}

// sessions reads the sessions query selects (listColumns and the reader's
// place), with their speakers, in one query.
func (s *Service) sessions(ctx context.Context, query string, args ...any) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read programme")
	}
	defer rows.Close()
	var list []Session
	for rows.Next() {
		var x Session
		var speakers string
		if err := s.scanSession(rows, &x, &speakers, &x.Mine); err != nil {
			return nil, errs.Wrap(err, "read programme")
		}
		if x.Speakers, err = unpackSpeakers(speakers); err != nil {
			return nil, errs.Wrap(err, "read programme")
		}
		list = append(list, x)
	}
	return list, errs.Wrap(rows.Err(), "read programme")
}

// listColumns are a session's columns and its packed speakers, for sessions.
func (s *Service) listColumns() string {
	return sessionColumns + ", " + speakersColumn(s.db.Dialect)
}

// speakersOf reads the speakers of the sessions in one query.
func (s *Service) speakersOf(ctx context.Context, q db.Q, list []Session) (map[int64][]Speaker, error) {
	out := map[int64][]Speaker{}
	if len(list) == 0 {
		return out, nil
	}
	ids := make([]int64, len(list))
	for i, x := range list {
		ids[i] = x.ID
	}
	in, args := db.InIDs(1, ids)
	rows, err := q.QueryContext(ctx, `SELECT sp.session_id, COALESCE(p.id, 0), COALESCE(p.handle, ''), COALESCE(p.name, ''), COALESCE(sp.guest_name, '')
		FROM gathering_session_speakers sp LEFT JOIN people p ON p.id = sp.person_id
		WHERE sp.session_id IN (`+in+`) ORDER BY sp.session_id, sp.position`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read speakers")
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		var sp Speaker
		if err := rows.Scan(&sid, &sp.ID, &sp.Handle, &sp.Name, &sp.Guest); err != nil {
			return nil, errs.Wrap(err, "read speakers")
		}
		out[sid] = append(out[sid], sp)
	}
	return out, errs.Wrap(rows.Err(), "read speakers")
}
