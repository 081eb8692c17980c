package gathering

import (
	"context"
	"database/sql"
	"errors"
	"html/template"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
)

// gatheringColumns are a gathering's columns, of gatherings g.
const gatheringColumns = `g.id, g.community_id, g.title, g.description, g.description_html, g.render_version, g.time_zone, g.starts_at,
	g.minutes, g.rrule, g.online_url, g.place, COALESCE(g.capacity, 0), COALESCE(g.split_from, 0), COALESCE(g.created_by, 0),
	g.created_at, g.updated_at, g.sequence, g.cancelled_at IS NOT NULL,
	(SELECT string_agg(p.id || ' ' || p.handle || ' ' || p.name, '|' ORDER BY p.name, p.id) FROM gathering_hosts h JOIN people p ON p.id = h.person_id WHERE h.gathering_id = g.id),
	g.guests_open, g.programme_version, g.posts_version`

func (s *Service) scanGathering(sc interface{ Scan(...any) error }, g *Gathering, extra ...any) error {
	r := gatheringRow{g: g}
	if err := sc.Scan(append(r.fields(), extra...)...); err != nil {
		return err
	}
	s.finish(&r)
	return nil
}

// gatheringRow is where gatheringColumns are scanned, before finish makes
// them g.
type gatheringRow struct {
	g       *Gathering
	html    string
	version int
	hosts   sql.NullString
}

func (r *gatheringRow) fields() []any {
	g := r.g
	return []any{&g.ID, &g.CommunityID, &g.Title, &g.Description, &r.html, &r.version, &g.Zone, &g.Start, &g.Minutes, &g.Rule,
		&g.OnlineURL, &g.Place, &g.Capacity, &g.SplitFrom, &g.CreatedBy, &g.CreatedAt, &g.UpdatedAt, &g.Sequence, &g.Cancelled, &r.hosts, &g.GuestsOpen, &g.ProgrammeVersion, &g.PostsVersion}
}

func (s *Service) finish(r *gatheringRow) {
	g := r.g
	g.HTML = template.HTML(r.html) // sanitised when it was saved
	if g.Description != "" && r.version < markup.Version {
		g.HTML = s.md.Render(g.Description) // stored by an older version
	}
	g.Start = g.Start.UTC()
	g.Hosts = parseHosts(r.hosts.String)
}

// parseHosts reads "id handle name|…" (names may hold spaces, not '|').
func parseHosts(s string) []Person {
	var out []Person
	for _, part := range strings.Split(s, "|") {
		f := strings.SplitN(part, " ", 3)
		if len(f) != 3 {
			continue
		}
		var p Person
		p.Handle, p.Name = f[1], f[2]
		for _, c := range f[0] {
			p.ID = p.ID*10 + int64(c-'0')
		}
		out = append(out, p)
	}
	return out
}

// load reads gathering id of community c through q, locking its row when lock.
func (s *Service) load(ctx context.Context, q db.Q, c community.View, id int64, lock bool) (View, error) {
	clause := ""
	if lock {
		clause = s.db.ForUpdate()
		if clause != "" {
			clause += " OF g"
		}
	}
	var g Gathering
	err := s.scanGathering(q.QueryRowContext(ctx, `SELECT `+gatheringColumns+` FROM gatherings g WHERE g.id = $1 AND g.community_id = $2`+clause, id, c.ID), &g)
	if errors.Is(err, sql.ErrNoRows) {
		return View{}, errNotFound
	}
	if err != nil {
		return View{}, errs.Wrap(err, "read gathering")
	}
	return View{Gathering: g, Community: c}, nil
}

// Get returns gathering id of the community for reading: the community
// and the gathering in one statement.
func (s *Service) Get(ctx context.Context, a auth.Actor, slug string, id int64) (View, error) {
	var g Gathering
	r := gatheringRow{g: &g}
	c, found, err := s.communities.GetWith(ctx, a, slug, community.With{Columns: gatheringColumns,
		Join: `JOIN gatherings g ON g.community_id = c.id AND g.id = $3`, Args: []any{id}, Dest: r.fields()})
	if err != nil {
		return View{}, err
	}
	if err := mayRead(c); err != nil {
		return View{}, err
	}
	if !found {
		return View{}, errNotFound
	}
	s.finish(&r)
	return View{Gathering: g, Community: c}, nil
}

// ForManaging returns gathering id for its edit and cancel forms.
func (s *Service) ForManaging(ctx context.Context, a auth.Actor, slug string, id int64) (View, error) {
	v, err := s.Get(ctx, a, slug, id)
	if err != nil {
		return View{}, err
	}
	return v, mayManage(v)
}

// ForScheduling returns the community for the new-gathering form.
func (s *Service) ForScheduling(ctx context.Context, a auth.Actor, slug string) (community.View, error) {
	c, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return community.View{}, err
	}
	if err := mayRead(c); err != nil {
		return community.View{}, err
	}
	return c, maySchedule(c)
}

// writeTx loads gathering id for a change by a, locked, in tx.
func (s *Service) writeTx(ctx context.Context, tx *db.Tx, a auth.Actor, slug string, id int64) (View, error) {
	c, err := s.communities.ViewTx(ctx, tx, a, slug)
	if err != nil {
		return View{}, err
	}
	if err := mayRead(c); err != nil {
		return View{}, err
	}
	v, err := s.load(ctx, tx, c, id, true)
	if err != nil {
		return View{}, err
	}
	return v, mayManage(v)
}

// occurrenceColumns are an occurrence's columns, of gathering_occurrences o
// and its gathering g.
const occurrenceColumns = `o.id, o.gathering_id, o.original_start, o.starts_at, o.ends_at, COALESCE(o.title, g.title),
	COALESCE(o.online_url, g.online_url), COALESCE(o.place, g.place), o.changed_at IS NOT NULL,
	o.cancelled_at IS NOT NULL OR g.cancelled_at IS NOT NULL, o.going, o.waiting, o.captured, o.texts_version`

func scanOccurrence(sc interface{ Scan(...any) error }, o *Occurrence, extra ...any) error {
	err := sc.Scan(append(occurrenceFields(o), extra...)...)
	o.inUTC()
	return err
}

// occurrenceFields are where occurrenceColumns are scanned into o (then
// inUTC).
func occurrenceFields(o *Occurrence) []any {
	return []any{&o.ID, &o.GatheringID, &o.OriginalStart, &o.Start, &o.End, &o.Title, &o.OnlineURL, &o.Place,
		&o.Changed, &o.Cancelled, &o.Going, &o.Waiting, &o.Captured, &o.TextsVersion}
}

func (o *Occurrence) inUTC() {
	o.OriginalStart, o.Start, o.End = o.OriginalStart.UTC(), o.Start.UTC(), o.End.UTC()
}

// occurrence reads occurrence id of gathering g through q (locked when lock).
func (s *Service) occurrence(ctx context.Context, q db.Q, g, id int64, lock bool) (Occurrence, error) {
	clause := ""
	if lock {
		clause = s.db.ForUpdate()
		if clause != "" {
			clause += " OF o"
		}
	}
	var o Occurrence
	err := scanOccurrence(q.QueryRowContext(ctx, `SELECT `+occurrenceColumns+` FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE o.id = $1 AND o.gathering_id = $2`+clause, id, g), &o)
	if errors.Is(err, sql.ErrNoRows) {
		return Occurrence{}, errs.NotFoundf("There is no such date of this gathering.")
	}
	return o, errs.Wrap(err, "read occurrence")
}

// Occurrences lists the occurrences of gathering v in order (at most
// MaxOccurrences: a series is bounded when saved).
func (s *Service) Occurrences(ctx context.Context, v View) ([]Occurrence, error) {
	return s.occurrencesOf(ctx, s.db, v.ID)
}

func (s *Service) occurrencesOf(ctx context.Context, q db.Q, id int64) ([]Occurrence, error) {
	return scanOccurrences(q.QueryContext(ctx, `SELECT `+occurrenceColumns+` FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE o.gathering_id = $1 ORDER BY o.starts_at, o.id`, id))
}

// Dates is Occurrences with a's answer for each (in its Mine), in the one
// statement: the gathering's page read the answer in a round trip of its own.
func (s *Service) Dates(ctx context.Context, a auth.Actor, v View) ([]Occurrence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+occurrenceColumns+`, `+mineColumns+` FROM gathering_occurrences o
		JOIN gatherings g ON g.id = o.gathering_id`+mineJoin("$2")+`
		WHERE o.gathering_id = $1 ORDER BY o.starts_at, o.id`, v.ID, a.PersonID)
	return scanOccurrences(rows, err, mineFields)
}

// scanOccurrences reads the rows of occurrenceColumns (and of the columns
// mine scans into, when given).
func scanOccurrences(rows *sql.Rows, err error, mine ...func(*Occurrence) []any) ([]Occurrence, error) {
	if err != nil {
		return nil, errs.Wrap(err, "list occurrences")
	}
	defer rows.Close()
	var out []Occurrence
	for rows.Next() {
		var o Occurrence
		var extra []any
		for _, m := range mine {
			extra = append(extra, m(&o)...)
		}
		if err := scanOccurrence(rows, &o, extra...); err != nil {
			return nil, errs.Wrap(err, "list occurrences")
		}
		out = append(out, o)
	}
	return out, errs.Wrap(rows.Err(), "list occurrences")
}
