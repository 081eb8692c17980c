package practice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/ratelimit"
	"hearth/internal/revision"
	"hearth/internal/search"
)

// Service is the way in to the practice library.
type Service struct {
	db          *db.DB
	communities *community.Service
	log         *slog.Logger
	now         func() time.Time
	views       *viewCounter
	md          *markup.Renderer // renders bodies when they are saved
	maxUpload   int64            // the largest attachment, in bytes (SetMaxUpload)

	limits *ratelimit.Limiter // new entries, comments and uploads per person (SetLimits); nil: none
}

// NewService returns the practice service. Permissions come from the
// community policy, through communities.
func NewService(d *db.DB, communities *community.Service, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{db: d, communities: communities, log: log, now: db.Now, views: newViewCounter(), md: markup.New(),
		maxUpload: DefaultMaxUpload}
}

// subject names an entry's history in the revision store.
func subject(entryID int64) revision.Subject { return revision.Subject{Type: "entry", ID: entryID} }

var errEntryNotFound = errs.NotFoundf("There is no such entry, or you may not see it.")

// Create adds an entry to the community's library, with its first revision;
// its creator is its author. It starts as a draft unless in.Publish is set.
func (s *Service) Create(ctx context.Context, a auth.Actor, communitySlug string, in Input) (Entry, error) {
	if err := s.limits.Take(ctx, ratelimit.Entry, ratelimit.Person(a.PersonID)); err != nil {
		return Entry{}, err
	}
	now := s.now()
	p, invalid := in.validate(now)
	var body markup.Rendered
	if invalid == nil {
		body = s.md.RenderBoth(p.Body) // before the transaction: rendering is the slow part of a save
	}
	var e Entry
	mentions := body.Mentions // found while rendering
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.communities.ViewTx(ctx, tx, a, communitySlug)
		if err != nil {
			return err
		}
		if err := mayWrite(v); err != nil {
			return err // before the input's problems: those are for people who may write
		}
		if invalid != nil {
			return invalid
		}
		maturity, publishedAt := Draft, (*time.Time)(nil)
		if p.Publish {
			maturity, publishedAt = Published, &now
		}
		var id int64
		var slug string
		for attempt := 1; id == 0; attempt++ {
			if slug, err = uniqueSlug(ctx, tx, v.ID, p.Title); err != nil {
				return err
			}
			// A free slug can be taken by an entry of the same title saved at
			// the same moment (PostgreSQL): then nothing is inserted, and we
			// look for the next free one.
			err = tx.QueryRowContext(ctx, `INSERT INTO entries (community_id, slug, kind, title, summary, body, resource_url, source,
				maturity, revision, comments_open, review_by, created_by, created_at, updated_at, published_at, body_html, body_text, render_version)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $13, $14, $15, $16, $17)
				ON CONFLICT (community_id, slug) DO NOTHING RETURNING id`,
				v.ID, slug, p.Kind, p.Title, p.Summary, p.Body, p.ResourceURL, p.Source, maturity, v.Practice.Comments == "open",
				p.reviewBy, a.PersonID, now, publishedAt, string(body.HTML), body.Text, markup.Version).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) && attempt < maxSlugAttempts {
				continue
			}
			if errors.Is(err, sql.ErrNoRows) {
				return errs.Conflictf("Many entries with this title are being saved at this moment. Please save again.")
			}
			if err != nil {
				return errs.Wrap(err, "create entry")
			}
		}
		if err := setEntryTags(ctx, tx, id, p.tags); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_people (entry_id, person_id, role, since) VALUES ($1, $2, 'author', $3)`,
			id, a.PersonID, now); err != nil {
			return errs.Wrap(err, "add author")
		}
		if _, err := revision.Record(ctx, tx, subject(id), p.snapshot(), a.PersonID, p.Note, 0, now); err != nil {
			return err
		}
		if err := search.IndexEntry(ctx, tx, tx.Dialect(), id); err != nil {
			return err
		}
		e = Entry{ID: id, CommunityID: v.ID, Slug: slug, Kind: p.Kind, Title: p.Title, Summary: p.Summary, Body: p.Body, HTML: body.HTML,
			Maturity: maturity, Revision: 1, Tags: p.tags, CreatedAt: now, UpdatedAt: now}
		if in.FromComment != 0 {
			if err := linkOrigin(ctx, tx, a, v.ID, in.FromComment, id, now); err != nil {
				return err
			}
		}
		if in.Then != nil {
			if err := in.Then(ctx, tx, id); err != nil {
				return err
			}
		}
		if maturity == Draft {
			return nil // published later, if ever: then it is news
		}
		return recordEntry(ctx, tx, a, activity.EntryPublished, v, e, p.Summary, mentions)
	})
	return e, err
}

// ForWriting returns the community whose library a is about to write in, for
// the new-entry form and its preview: NotFound to those who may not read the
// library, Unauthenticated to visitors, Forbidden to readers who may not write.
func (s *Service) ForWriting(ctx context.Context, a auth.Actor, communitySlug string) (community.View, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return community.View{}, err
	}
	err = mayWrite(v)
	if errs.Is(err, errs.Forbidden) && !a.SignedIn() {
		// A visitor on the form's page is asked to sign in rather than refused.
		err = errs.New(errs.Unauthenticated, "Please sign in to write entries.")
	}
	return v, err
}

// mayWrite is the one check of who may add entries to v's library.
func mayWrite(v community.View) error {
	switch {
	case !v.CanRead():
		return errEntryNotFound
	case !v.CanWritePractice():
		return writeRefusal(v)
	}
	return nil
}

func writeRefusal(v community.View) error {
	switch {
	case v.Archived():
		return errs.Forbiddenf("This community is archived: its library is read-only.")
	case !v.IsMember():
		return errs.Forbiddenf("Join the community to contribute to its practice library.")
	}
	return errs.Forbiddenf("In this community, only stewards write new entries. Share your idea in a comment or with a steward.")
}

// maxSlugAttempts bounds Create's search for a free slug under concurrency.
const maxSlugAttempts = 20

// uniqueSlug derives a permalink from the title, unique in the community.
func uniqueSlug(ctx context.Context, q db.Q, communityID int64, title string) (string, error) {
	base := community.Slugify(title)
	if base == "" || base == "new" {
		base = strings.TrimPrefix(base+"-entry", "-") // "new" would be the page that writes an entry
	}
	slug := base
	for i := 2; ; i++ {
		var n int
		if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM entries WHERE community_id = $1 AND slug = $2", communityID, slug).Scan(&n); err != nil {
			return "", errs.Wrap(err, "check slug")
		}
		if n == 0 {
			return slug, nil
		}
		slug = base + "-" + strconv.Itoa(i)
		if i > 1000 {
			return "", errs.Conflictf("Too many entries share this title.")
		}
	}
}

func setEntryTags(ctx context.Context, q db.Q, entryID int64, tags []string) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM entry_tags WHERE entry_id = $1", entryID); err != nil {
		return errs.Wrap(err, "clear tags")
	}
	for _, t := range tags {
		// The entry's community goes with each tag, for the walks of
		// Related (entries never change community).
		if _, err := q.ExecContext(ctx, "INSERT INTO entry_tags (entry_id, tag, community_id) SELECT $1, $2, community_id FROM entries WHERE id = $1", entryID, t); err != nil {
			return errs.Wrap(err, "add tag")
		}
	}
	return nil
}

// EditConflict is returned by Update when the entry changed since the editor
// opened it. It carries both versions, so nothing the person wrote is lost.
type EditConflict struct {
	Current Entry // the entry as it is now
	Theirs  Input // what the person submitted
}

func (c *EditConflict) Error() string {
	return fmt.Sprintf("entry changed since revision %d (now %d)", c.Theirs.BaseRevision, c.Current.Revision)
}

// Unwrap makes an edit conflict a Conflict for errs.KindOf, so that a caller
// that does not handle it specially still answers 409, not 500.
func (c *EditConflict) Unwrap() error {
	return errs.Conflictf("The entry changed while you were editing it; your text was not saved.")
}

// AsConflict returns the EditConflict in err, if any.
func AsConflict(err error) (*EditConflict, bool) {
	var c *EditConflict
	ok := errors.As(err, &c)
	return c, ok
}

// Update saves an improvement to an entry as a new revision. When the entry
// has moved on since in.BaseRevision, it saves nothing and returns an
// *EditConflict. A person other than the authors becomes a contributor.
func (s *Service) Update(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, in Input) (Entry, error) {
	now := s.now()
	p, invalid := in.validate(now)
	var body markup.Rendered
	if invalid == nil {
		body = s.md.RenderBoth(p.Body) // before the transaction: rendering is the slow part of a save
	}
	var saved Entry
	mentions := body.Mentions // found while rendering
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		if !v.CanEditEntry(e.isAuthor(a)) {
			return editRefusal(v)
		}
		if invalid != nil {
			return invalid // after the permission: the input's problems are for people who may edit
		}
		if p.BaseRevision != e.Revision {
			return &EditConflict{Current: e, Theirs: p.Input}
		}
		next := e.Revision + 1
		res, err := tx.ExecContext(ctx, `UPDATE entries SET kind = $1, title = $2, summary = $3, body = $4, resource_url = $5,
			source = $6, review_by = $7, revision = $8, updated_at = $9, body_html = $12, body_text = $13, render_version = $14
			WHERE id = $10 AND revision = $11`,
			p.Kind, p.Title, p.Summary, p.Body, p.ResourceURL, p.Source, p.reviewBy, next, now, e.ID, e.Revision,
			string(body.HTML), body.Text, markup.Version)
		if err != nil {
			return errs.Wrap(err, "update entry")
		}
		if n, err := res.RowsAffected(); err != nil {
			return errs.Wrap(err, "update entry")
		} else if n == 0 {
			// Another save was committed after we read the entry (PostgreSQL
			// waited on its row lock): a conflict too, and nothing is saved.
			cur, err := s.loadEntry(ctx, tx, v, entrySlug)
			if err != nil {
				return err
			}
			return &EditConflict{Current: cur, Theirs: p.Input}
		}
		if err := setEntryTags(ctx, tx, e.ID, p.tags); err != nil {
			return err
		}
		if err := addContributor(ctx, tx, e.ID, a.PersonID, now); err != nil {
			return err
		}
		if _, err := revision.Record(ctx, tx, subject(e.ID), p.snapshot(), a.PersonID, p.Note, 0, now); err != nil {
			return err
		}
		if err := search.IndexEntry(ctx, tx, tx.Dialect(), e.ID); err != nil {
			return err
		}
		saved = e
		saved.Kind, saved.Title, saved.Summary, saved.Body, saved.Revision, saved.UpdatedAt = p.Kind, p.Title, p.Summary, p.Body, next, now
		saved.HTML = body.HTML
		return recordEntry(ctx, tx, a, activity.EntryImproved, v, saved, p.Note, mentions)
	})
	return saved, err
}

func editRefusal(v community.View) error {
	switch {
	case v.Archived():
		return errs.Forbiddenf("This community is archived: its library is read-only.")
	case !v.IsMember():
		return errs.Forbiddenf("Join the community to improve its entries.")
	}
	return errs.Forbiddenf("In this community, only an entry's authors and the stewards improve it. Suggest your change in a comment.")
}

// addContributor records that person worked on the entry, unless they are
// already one of its people.
func addContributor(ctx context.Context, q db.Q, entryID, personID int64, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO entry_people (entry_id, person_id, role, since) VALUES ($1, $2, 'contributor', $3)
		ON CONFLICT (entry_id, person_id) DO NOTHING`, entryID, personID, now)
	return errs.Wrap(err, "add contributor")
}

// Revert restores an earlier revision (its text and the other fields it
// kept) as a new revision.
func (s *Service) Revert(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, number int) (Entry, error) {
	now := s.now()
	// The old text is read and rendered before the write transaction
	// (rendering is the slow part of a save); a revision never changes.
	ev, err := s.ForEdit(ctx, a, communitySlug, entrySlug)
	if err != nil {
		return Entry{}, err
	}
	old, err := revision.Get(ctx, s.db, subject(ev.ID), number)
	if err != nil {
		return Entry{}, err
	}
	body := s.md.RenderBoth(old.Body)
	var saved Entry
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		if !v.CanEditEntry(e.isAuthor(a)) {
			return editRefusal(v)
		}
		if e.ID != ev.ID {
			return errs.Conflictf("The entry changed while you were reverting it; nothing was saved.")
		}
		if number == e.Revision {
			return errs.Conflictf("Revision %d is the current text already.", number)
		}
		next := e.Revision + 1
		r := restored(e, old.Snapshot)
		res, err := tx.ExecContext(ctx, `UPDATE entries SET title = $1, summary = $2, body = $3, kind = $4, resource_url = $5,
			source = $6, review_by = $7, revision = $8, updated_at = $9, body_html = $12, body_text = $13, render_version = $14
			WHERE id = $10 AND revision = $11`,
			r.Title, r.Summary, r.Body, r.Kind, r.ResourceURL, r.Source, r.ReviewBy, next, now, e.ID, e.Revision,
			string(body.HTML), body.Text, markup.Version)
		if err != nil {
			return errs.Wrap(err, "revert entry")
		}
		if n, err := res.RowsAffected(); err != nil {
			return errs.Wrap(err, "revert entry")
		} else if n == 0 {
			return errs.Conflictf("Someone saved a new version at the same moment. Look at the history, then revert again if you still want to.")
		}
		if err := setEntryTags(ctx, tx, e.ID, r.Tags); err != nil {
			return err
		}
		if err := addContributor(ctx, tx, e.ID, a.PersonID, now); err != nil {
			return err
		}
		// The new revision keeps the whole entry as restored, fields included
		// even when the old revision kept only its text.
		if _, err := revision.Record(ctx, tx, subject(e.ID), snapshotOf(r), a.PersonID,
			fmt.Sprintf("Reverted to revision %d", number), number, now); err != nil {
			return err
		}
		if err := search.IndexEntry(ctx, tx, tx.Dialect(), e.ID); err != nil {
			return err
		}
		saved = r
		saved.Revision, saved.HTML = next, body.HTML
		return recordEntry(ctx, tx, a, activity.EntryImproved, v, saved, fmt.Sprintf("Reverted to revision %d", number), nil)
	})
	return saved, err
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time
	return &u
}
