package community

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/lru"
	"hearth/internal/notify"
	"hearth/internal/search"
)

// Service is the way in to communities and membership.
type Service struct {
	db      *db.DB
	auth    *auth.Service
	baseURL string
	log     *slog.Logger
	now     func() time.Time
	snaps   *snapshots                     // the directory's snapshots, see snapshot.go
	mine    *lru.Cache[mineKey, []Listing] // readers' communities, see mine_kept.go
}

// NewService returns the community service; accounts issues invitations to
// people who have no account yet.
func NewService(d *db.DB, accounts *auth.Service, baseURL string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{db: d, auth: accounts, baseURL: strings.TrimRight(baseURL, "/"), log: log, now: db.Now,
		snaps: &snapshots{m: map[snapshotKey]snapshot{}}, mine: newKeptMine()}
}

var errNotFound = errs.NotFoundf("There is no such community, or you may not see it.")

const communityColumns = `c.id, c.slug, c.name, c.purpose, c.scope, c.key_questions, c.who_should_join,
	c.visibility, c.join_policy, c.stage, c.status, c.created_at, c.updated_at, c.archived_at,
	c.practice_writers, c.practice_editors, c.comments_default, c.stale_after_days, c.gathering_schedulers, c.review_after_days`

func scanCommunity(sc interface{ Scan(...any) error }, c *Community, extra ...any) error {
	var archived sql.NullTime
	dest := append([]any{&c.ID, &c.Slug, &c.Name, &c.Purpose, &c.Scope, &c.KeyQuestions, &c.WhoShouldJoin,
		&c.Visibility, &c.JoinPolicy, &c.Stage, &c.Status, &c.CreatedAt, &c.UpdatedAt, &archived,
		&c.Practice.Writers, &c.Practice.Editors, &c.Practice.Comments, &c.Practice.StaleAfterDays, &c.Schedulers, &c.Practice.ReviewAfterDays}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	if archived.Valid {
		t := archived.Time
		c.ArchivedAt = &t
	}
	return nil
}

// Get returns the community with this slug as a sees it, or NotFound when a
// may not see it (whether or not it exists).
func (s *Service) Get(ctx context.Context, a auth.Actor, slug string) (View, error) {
	return s.view(ctx, s.db, a, slug)
}

func (s *Service) view(ctx context.Context, q db.Q, a auth.Actor, slug string) (View, error) {
	v, err := s.load(ctx, q, a, slug)
	if err != nil {
		return View{}, err
	}
	if !v.CanSee() {
		return View{}, errNotFound
	}
	return v, nil
}

// load reads the community with slug as a would see it, whether or not a
// may see it: callers decide (a shareable link is a way in to a community
// its holder cannot see yet).
func (s *Service) load(ctx context.Context, q db.Q, a auth.Actor, slug string) (View, error) {
	return s.loadWith(ctx, q, a, slug, With{})
}

// loadWith is load reading w's row in the same statement.
func (s *Service) loadWith(ctx context.Context, q db.Q, a auth.Actor, slug string, w With) (View, error) {
	v := View{Actor: a}
	var role, status string
	var tags sql.NullString
	var since sql.NullTime
	columns := ""
	if w.Columns != "" {
		columns = ", " + w.Columns
	}
	err := scanCommunity(q.QueryRowContext(ctx, `SELECT `+communityColumns+`, COALESCE(m.role, ''), COALESCE(m.status, ''), m.created_at,
		`+countsColumns+`, `+tagsColumn+`, COALESCE(cc.entries, 0), COALESCE(cc.threads, 0), `+notify.UnreadColumn("$2")+columns+`
		FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.person_id = $2
		LEFT JOIN community_counts cc ON cc.community_id = c.id `+w.Join+`
		WHERE c.slug = $1`+w.Tail, append([]any{strings.ToLower(slug), a.PersonID}, w.Args...)...),
		&v.Community, append([]any{&role, &status, &since, &v.MemberCount, &tags, &v.EntryCount, &v.ThreadCount, &v.Unread}, w.Dest...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return View{}, errNotFound
	}
	if err != nil {
		return View{}, errs.Wrap(err, "read community")
	}
	v.Mine = Membership{Role: Role(role), Status: MemberStatus(status), Since: since.Time}
	v.Tags = splitTags(tags)
	v.UnreadRead = true
	return v, nil
}

// memberCount is the active members of communities c, kept in
// community_counts by triggers (migration 0060): counting them per page read
// each member's row.
const memberCount = `COALESCE((SELECT cc.members FROM community_counts cc WHERE cc.community_id = c.id), 0)`

// countsColumns is the active members of communities c, read (with the
// numbers the community's tabs show: its library's entries past draft and
// its talk's threads) through one join of community_counts cc, which
// triggers keep (migrations 0035 and 0060): counting them per page read
// every thread's index row, most of the time of a page of a talk of 50,000
// threads.
const countsColumns = `COALESCE(cc.members, 0)`

// tagsColumn is a community's tags (of communities c), in order, as one
// comma-separated column: tags hold no commas (see ParseTags). Reading them
// with the community saves a query per page.
const tagsColumn = `(SELECT string_agg(t.tag, ',' ORDER BY t.tag) FROM community_tags t WHERE t.community_id = c.id)`

// splitTags parses a tagsColumn.
func splitTags(s sql.NullString) []string {
	if !s.Valid || s.String == "" {
		return nil
	}
	return strings.Split(s.String, ",")
}

// requireVerified refuses people who have not confirmed their e-mail address
// yet, for actions that others will see.
func requireVerified(a auth.Actor) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	if !a.Verified {
		return errs.Forbiddenf("Please confirm your e-mail address first: use the link we sent you (or ask for a new one on your account page).")
	}
	return nil
}

// Create starts a community with a as its first steward. Where the instance
// requires approval, it is a proposal until an administrator approves it.
func (s *Service) Create(ctx context.Context, a auth.Actor, ch Charter) (Community, error) {
	if err := requireVerified(a); err != nil {
		return Community{}, err
	}
	ch.normalize()
	tags, err := ch.validate()
	if err != nil {
		return Community{}, err
	}
	var c Community
	err = s.db.WithTx(ctx, func(tx *db.Tx) error {
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		status := Active
		if settings.ApprovalRequired && !a.Admin {
			status = Proposed
		}
		now := s.now()
		c.ID, err = db.InsertID(ctx, tx, `INSERT INTO communities (slug, name, purpose, scope, key_questions, who_should_join,
			visibility, join_policy, stage, status, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
			ch.Slug, ch.Name, ch.Purpose, ch.Scope, ch.KeyQuestions, ch.WhoShouldJoin, ch.Visibility, ch.JoinPolicy,
			Potential, status, a.PersonID, now)
		if db.IsUniqueViolation(err) {
			return errs.Field("slug", "Another community uses this web address. Choose another.")
		}
		if err != nil {
			return errs.Wrap(err, "create community")
		}
		if err := setTags(ctx, tx, c.ID, tags); err != nil {
			return err
		}
		if err := search.Index(ctx, tx, tx.Dialect(), search.KindCommunity, c.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			VALUES ($1, $2, 'steward', 'active', $3, $3)`, c.ID, a.PersonID, now)
		if err != nil {
			return errs.Wrap(err, "add steward")
		}
		c = Community{ID: c.ID, Slug: ch.Slug, Name: ch.Name, Purpose: ch.Purpose, Scope: ch.Scope, KeyQuestions: ch.KeyQuestions,
			WhoShouldJoin: ch.WhoShouldJoin, Visibility: ch.Visibility, JoinPolicy: ch.JoinPolicy, Stage: Potential,
			Status: status, Tags: tags, CreatedAt: now, UpdatedAt: now, MemberCount: 1, Practice: DefaultPracticeSettings()}
		return recordStarted(ctx, tx, a, c)
	})
	return c, err
}

// setTags makes tags the community's tags, touching only those that change
// (so that a charter saved with the same tags leaves the directory version,
// which every tag written moves, alone).
func setTags(ctx context.Context, q db.Q, communityID int64, tags []string) error {
	args := []any{communityID}
	for _, t := range tags {
		args = append(args, t)
	}
	drop := "DELETE FROM community_tags WHERE community_id = $1"
	if len(tags) > 0 {
		drop += " AND tag NOT IN (" + db.Placeholders(2, len(tags)) + ")"
	}
	if _, err := q.ExecContext(ctx, drop, args...); err != nil {
		return errs.Wrap(err, "clear tags")
	}
	for _, t := range tags {
		if _, err := q.ExecContext(ctx, "INSERT INTO community_tags (community_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING", communityID, t); err != nil {
			return errs.Wrap(err, "add tag")
		}
	}
	return nil
}

// UpdateCharter changes the charter, tags, visibility and join policy. The
// slug never changes, so that links to the community keep working.
func (s *Service) UpdateCharter(ctx context.Context, a auth.Actor, slug string, ch Charter) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanEditCharter() {
			return forbiddenUnlessArchived(v, "Only the community's stewards can edit its charter.")
		}
		ch.Slug = v.Slug
		ch.normalize()
		tags, err := ch.validate()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE communities SET name = $1, purpose = $2, scope = $3, key_questions = $4,
			who_should_join = $5, visibility = $6, join_policy = $7, updated_at = $8 WHERE id = $9`,
			ch.Name, ch.Purpose, ch.Scope, ch.KeyQuestions, ch.WhoShouldJoin, ch.Visibility, ch.JoinPolicy, s.now(), v.ID)
		if err != nil {
			return errs.Wrap(err, "update charter")
		}
		if err := setTags(ctx, tx, v.ID, tags); err != nil {
			return err
		}
		return search.Index(ctx, tx, tx.Dialect(), search.KindCommunity, v.ID)
	})
}

func forbiddenUnlessArchived(v View, msg string) error {
	if v.Archived() {
		return errs.Forbiddenf("This community is archived: it is read-only.")
	}
	return errs.Forbiddenf("%s", msg)
}

// SetStage moves the community to another lifecycle stage.
func (s *Service) SetStage(ctx context.Context, a auth.Actor, slug string, stage Stage) error {
	valid := false
	for _, st := range Stages {
		valid = valid || st.Stage == stage
	}
	if !valid {
		return errs.Field("stage", "Choose one of the lifecycle stages.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanEditCharter() {
			return forbiddenUnlessArchived(v, "Only the community's stewards can change its stage.")
		}
		_, err = tx.ExecContext(ctx, "UPDATE communities SET stage = $1, updated_at = $2 WHERE id = $3", stage, s.now(), v.ID)
		return errs.Wrap(err, "set stage")
	})
}

// SetArchived archives the community (read-only, still readable) or brings it back.
func (s *Service) SetArchived(ctx context.Context, a auth.Actor, slug string, archived bool) error {
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, err := s.view(ctx, tx, a, slug)
		if err != nil {
			return err
		}
		if !v.CanArchive() {
			return errs.Forbiddenf("Only the community's stewards can archive it.")
		}
		now := s.now()
		status, at := Active, (*time.Time)(nil)
		if archived {
			status, at = Archived, &now
		}
		_, err = tx.ExecContext(ctx, "UPDATE communities SET status = $1, archived_at = $2, updated_at = $3 WHERE id = $4", status, at, now, v.ID)
		return errs.Wrap(err, "archive")
	})
}
