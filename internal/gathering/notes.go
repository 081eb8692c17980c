package gathering

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/revision"
)

// Each date of a gathering has two texts written together in Markdown: the
// agenda (before: its hosts and the stewards plan it) and the notes (during
// and after: every member may add to them). A save names the revision it
// started from; when someone saved meanwhile it saves nothing and returns a
// *TextConflict, so the form shows their version and keeps what was typed.

// Parts of a date's shared text.
const (
	Agenda = "agenda"
	Notes  = "notes"
)

// MaxText bounds an agenda or notes (in characters).
const MaxText = 100000

// Text is a date's agenda or notes.
type Text struct {
	Part      string
	Body      string
	HTML      template.HTML
	Revision  int // 0: never written
	UpdatedBy string
	UpdatedAt time.Time
}

// TextInput is a save of an agenda or notes.
type TextInput struct {
	Body         string
	BaseRevision int // the revision the writer started from
	Note         string
}

// TextConflict is returned by SaveText when the text moved on since the
// writer's base revision: nothing is saved.
type TextConflict struct {
	Current Text
	Theirs  TextInput
}

func (c *TextConflict) Error() string {
	return fmt.Sprintf("%s changed since revision %d (now %d)", c.Current.Part, c.Theirs.BaseRevision, c.Current.Revision)
}

// Unwrap makes the conflict an errs.Conflict for callers that only ask the kind.
func (c *TextConflict) Unwrap() error {
	return errs.Conflictf("Someone saved this while you were writing.")
}

// AsTextConflict returns the TextConflict in err, if any.
func AsTextConflict(err error) (*TextConflict, bool) {
	var c *TextConflict
	ok := errors.As(err, &c)
	return c, ok
}

// textSubject names the revisions of part of occurrence occ.
func textSubject(part string, occ int64) revision.Subject {
	return revision.Subject{Type: "gathering-" + part, ID: occ}
}

// CanEditAgenda reports whether the actor may write a date's agenda: those
// who manage the gathering.
func (v View) CanEditAgenda() bool { return v.CanManage() }

// CanEditNotes reports whether the actor may write a date's notes: the
// members of the active community (those who may come).
func (v View) CanEditNotes() bool { return v.CanAnswer() }

// CanEdit reports whether the actor may write part.
func (v View) CanEdit(part string) bool {
	if part == Agenda {
		return v.CanEditAgenda()
	}
	return v.CanEditNotes()
}

// mayEditText says why the actor may not write part of a date.
func mayEditText(v View, part string) error {
	switch {
	case v.CanEdit(part):
		return nil
	case !v.Community.Actor.SignedIn():
		return errs.New(errs.Unauthenticated, "Please sign in.")
	case v.Community.Status != community.Active:
		return errs.Forbiddenf("This community is not active: its gatherings cannot change.")
	case part == Agenda:
		return errs.Forbiddenf("The gathering's hosts and the community's stewards write the agenda; add to the notes instead.")
	}
	return errs.Forbiddenf("Join the community to write its gatherings' notes.")
}

func checkPart(part string) error {
	if part != Agenda && part != Notes {
		return errs.NotFoundf("There is no such page.")
	}
	return nil
}

// Texts returns the agenda and notes of occurrence o of v (empty when
// never written): none when neither ever was, else kept under the date's
// texts version, read in one query when it changed.
func (s *Service) Texts(ctx context.Context, v View, o Occurrence) (agenda, notes Text, err error) {
	if o.TextsVersion == 0 {
		return Text{Part: Agenda}, Text{Part: Notes}, nil
	}
	key := textsKey{occurrence: o.ID, version: o.TextsVersion}
	if kept, ok := s.texts.Get(key); ok {
		return kept[0], kept[1], nil
	}
	agenda, notes, err = s.readTexts(ctx, v, o.ID)
	if err == nil {
		s.texts.Put(key, [2]Text{agenda, notes}, 256+len(agenda.Body)+len(agenda.HTML)+len(notes.Body)+len(notes.HTML))
	}
	return agenda, notes, err
}

// textsKey names the texts of a date at one version of them.
type textsKey struct{ occurrence, version int64 }

// textsKeptBudget bounds the texts kept.
const textsKeptBudget = 4 << 20

// readTexts reads the agenda and notes of occurrence occ of v in one query.
func (s *Service) readTexts(ctx context.Context, v View, occ int64) (agenda, notes Text, err error) {
	agenda, notes = Text{Part: Agenda}, Text{Part: Notes}
	rows, err := s.db.QueryContext(ctx, `SELECT n.part, n.body, n.body_html, n.render_version, n.revision, COALESCE(p.name, ''), n.updated_at
		FROM gathering_notes n JOIN gathering_occurrences o ON o.id = n.occurrence_id LEFT JOIN people p ON p.id = n.updated_by
		WHERE n.occurrence_id = $1 AND o.gathering_id = $2`, occ, v.ID)
	if err != nil {
		return agenda, notes, errs.Wrap(err, "read notes")
	}
	defer rows.Close()
	for rows.Next() {
		t, err := s.scanText(rows)
		if err != nil {
			return agenda, notes, errs.Wrap(err, "read notes")
		}
		if t.Part == Agenda {
			agenda = t
		} else {
			notes = t
		}
	}
	return agenda, notes, errs.Wrap(rows.Err(), "read notes")
}

func (s *Service) scanText(sc interface{ Scan(...any) error }) (Text, error) {
	var t Text
	var html string
	var version int
	if err := sc.Scan(&t.Part, &t.Body, &html, &version, &t.Revision, &t.UpdatedBy, &t.UpdatedAt); err != nil {
		return t, err
	}
	t.HTML = template.HTML(html) // sanitised when it was saved
	if t.Body != "" && version < markup.Version {
		t.HTML = s.md.Render(t.Body)
	}
	return t, nil
}

// text reads part of occurrence occ through q.
func (s *Service) text(ctx context.Context, q db.Q, occ int64, part string) (Text, error) {
	t, err := s.scanText(q.QueryRowContext(ctx, `SELECT n.part, n.body, n.body_html, n.render_version, n.revision, COALESCE(p.name, ''), n.updated_at
		FROM gathering_notes n LEFT JOIN people p ON p.id = n.updated_by WHERE n.occurrence_id = $1 AND n.part = $2`, occ, part))
	if errors.Is(err, sql.ErrNoRows) {
		return Text{Part: part}, nil
	}
	return t, errs.Wrap(err, "read "+part)
}

// ForText returns a date and its part for the writing form, refusing those
// who may not write it.
func (s *Service) ForText(ctx context.Context, a auth.Actor, slug string, id, occ int64, part string) (View, Occurrence, Text, error) {
	if err := checkPart(part); err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	v, err := s.Get(ctx, a, slug, id)
	if err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	o, err := s.occurrence(ctx, s.db, id, occ, false)
	if err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	if err := mayEditText(v, part); err != nil {
		return View{}, Occurrence{}, Text{}, err
	}
	t, err := s.text(ctx, s.db, occ, part)
	return v, o, t, err
}

// SaveText saves part (agenda or notes) of occurrence occ as a new
// revision, unless it moved on since in.BaseRevision (a *TextConflict).
// The occurrence's row is locked, so two saves from the same base cannot
// both win.
func (s *Service) SaveText(ctx context.Context, a auth.Actor, slug string, id, occ int64, part string, in TextInput) (Text, error) {
	if err := checkPart(part); err != nil {
		return Text{}, err
	}
	body := strings.TrimSpace(strings.ReplaceAll(in.Body, "\r\n", "\n"))
	var invalid error
	switch {
	case utf8.RuneCountInString(body) > MaxText:
		invalid = errs.Field("body", fmt.Sprintf("At most %d characters, please: this text has %d.", MaxText, utf8.RuneCountInString(body)))
	case utf8.RuneCountInString(in.Note) > 200:
		invalid = errs.Field("note", "At most 200 characters, please.")
	}
	var r markup.Rendered
	if invalid == nil {
		r = s.md.RenderBoth(body)
	}
	var saved Text
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		c, err := s.communities.ViewTx(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if err := mayRead(c); err != nil {
			return err
		}
		v, err := s.load(ctx, tx, c, id, false)
		if err != nil {
			return err
		}
		if _, err := s.occurrence(ctx, tx, id, occ, true); err != nil {
			return err
		}
		if err := mayEditText(v, part); err != nil {
			return err
		}
		if invalid != nil {
			return invalid // after the permission: the input's problems are for those who may write
		}
		cur, err := s.text(ctx, tx, occ, part)
		if err != nil {
			return err
		}
		if cur.Revision != in.BaseRevision {
			return &TextConflict{Current: cur, Theirs: in}
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_notes (occurrence_id, part, body, body_html, render_version, revision, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (occurrence_id, part) DO UPDATE SET body = excluded.body,
			body_html = excluded.body_html, render_version = excluded.render_version, revision = excluded.revision,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			occ, part, body, string(r.HTML), markup.Version, cur.Revision+1, a.PersonID, now); err != nil {
			return errs.Wrap(err, "save "+part)
		}
		if _, err := revision.Record(ctx, tx, textSubject(part, occ), revision.Snapshot{Body: body}, a.PersonID, in.Note, 0, now); err != nil {
			return err
		}
		if err := indexGathering(ctx, tx, id); err != nil {
			return err
		}
		saved = Text{Part: part, Body: body, HTML: r.HTML, Revision: cur.Revision + 1, UpdatedBy: a.Name, UpdatedAt: now}
		return recordWritten(ctx, tx, a, v, OccurrenceURL(slug, id, occ), part)
	})
	return saved, err
}

// TextHistory lists the revisions of part of a date, newest first.
func (s *Service) TextHistory(ctx context.Context, a auth.Actor, slug string, id, occ int64, part string) (View, Occurrence, []revision.Revision, error) {
	if err := checkPart(part); err != nil {
		return View{}, Occurrence{}, nil, err
	}
	v, err := s.Get(ctx, a, slug, id)
	if err != nil {
		return View{}, Occurrence{}, nil, err
	}
	o, err := s.occurrence(ctx, s.db, id, occ, false)
	if err != nil {
		return View{}, Occurrence{}, nil, err
	}
	revs, err := revision.List(ctx, s.db, textSubject(part, occ), 100, 0)
	return v, o, revs, err
}
