// Package demo loads Northfield College, a made-up institution with people,
// departments and living communities, so that a newcomer sees what Hearth is
// like in one command (`hearth demo`). The demo is an operator's action: it
// writes its rows directly, in one transaction, into an empty database only.
//
// Each capability that wants demo content adds a file with its data and a
// load function, and appends that function to steps (in demo.go), after the
// steps whose rows it refers to.
package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	directory "hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/progress"
	"hearth/internal/stewardship"
)

// Password signs in to every demo account.
const Password = "hearth-demo-2026"

// InstanceName is the name of the demo institution.
const InstanceName = "Northfield College"

// The refusals of Load; in both cases nothing was changed.
var (
	ErrLoaded   = errs.Conflictf("the demo is loaded already")
	ErrNotEmpty = errs.Conflictf("this database already holds an institution's own people, departments or communities; " +
		"the demo loads only into a new, empty database, so nothing was changed")
)

// row is one created row: its id, and when it came to be (the lower bound
// for anything that refers to it).
type row struct {
	ID int64
	At time.Time
}

// loaded is what the steps have created so far, keyed the way the demo data
// refers to it, for the steps after them.
type loaded struct {
	now          time.Time
	passwordHash string
	departments  map[string]row       // by slug
	people       map[string]row       // by handle
	communities  map[string]row       // by slug
	joined       map[string]time.Time // when an active member joined, by community slug and handle (see memberKey)
	entries      map[string]row       // practice entries, by community slug and entry slug (see entryKey)
}

// memberKey and entryKey are the keys of loaded.joined and loaded.entries.
func memberKey(community, handle string) string { return community + " " + handle }
func entryKey(community, entry string) string   { return community + "/" + entry }

// ago returns the moment days (and a few hours, so the times are not all on
// the hour) before now.
func (l *loaded) ago(days int) time.Time {
	return l.now.Add(-time.Duration(days)*24*time.Hour - time.Duration(days*7%11)*time.Hour - time.Duration(days*13%60)*time.Minute)
}

// step loads one part of the demo in the transaction.
type step struct {
	name string
	load func(ctx context.Context, tx *db.Tx, l *loaded) error
}

// steps are run in order; a step may use what the steps before it created.
func steps() []step {
	return []step{
		{"settings", loadSettings},
		{"departments", loadDepartments},
		{"people", loadPeople},
		{"communities", loadCommunities},
		{"memberships", loadMemberships},
		{"practice", loadPractice},
		{"talk", loadTalk},
		{"gatherings", loadGatherings},
		{"expertise", loadExpertise},
		{"mentoring", loadMentoring},
		{"value stories", loadValueStories},
		{"conference", loadConference},
		{"activity", loadActivity},
	}
}

// Load fills the empty database d with the demo institution, in one
// transaction, and writes to out how to sign in. It refuses, changing
// nothing, when d holds anything but the demo (ErrNotEmpty) or holds the
// demo already (ErrLoaded).
func Load(ctx context.Context, d *db.DB, out io.Writer) error { return LoadProgress(ctx, d, out, nil) }

// LoadProgress is Load telling progress on w (when not nil), a step at a time.
func LoadProgress(ctx context.Context, d *db.DB, out, w io.Writer) error {
	return loadAt(ctx, d, out, w, db.Now())
}

// loadAt is LoadProgress with the demo's dates around now.
func loadAt(ctx context.Context, d *db.DB, out, w io.Writer, now time.Time) error {
	var bar *progress.Bar
	if w != nil {
		bar = progress.New(w, "loading the demo", len(steps())+1)
	}
	// Hashed once, before the transaction: argon2 is slow by design, and every
	// demo account shares the password.
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return errs.Wrap(err, "hash demo password")
	}
	l := &loaded{
		now:          now,
		passwordHash: hash,
		departments:  map[string]row{},
		people:       map[string]row{},
		communities:  map[string]row{},
		joined:       map[string]time.Time{},
		entries:      map[string]row{},
	}
	err = d.WithTx(ctx, func(tx *db.Tx) error {
		if err := checkEmpty(ctx, tx); err != nil {
			return err
		}
		for i, s := range steps() {
			if err := s.load(ctx, tx, l); err != nil {
				return fmt.Errorf("load demo %s: %w", s.name, err)
			}
			bar.Set(i + 1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Who knows what: the scores of /experts, from what was loaded; and each
	// member's participation in each community, from its activity.
	people := directory.NewService(d, nil, nil)
	if err := people.Recount(ctx); err != nil {
		return err
	}
	if err := people.RecountParticipation(ctx, true); err != nil {
		return err
	}
	// The stewards' health figures, from all of the above.
	if err := stewardship.NewService(d, nil, people, nil).Recount(ctx, true); err != nil {
		return err
	}
	// The rows above carry Markdown only: render it (and index it) as a save would.
	if _, err := practice.RenderMissing(ctx, d, markup.New()); err != nil {
		return err
	}
	bar.Set(len(steps()) + 1)
	bar.Done()
	return printSignIn(out, l)
}

// checkEmpty refuses unless the database is new: no people, departments or
// communities at all.
func checkEmpty(ctx context.Context, q db.Q) error {
	var own, demo, places int
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM people WHERE is_demo = FALSE),
		(SELECT COUNT(*) FROM people WHERE is_demo = TRUE),
		(SELECT COUNT(*) FROM departments) + (SELECT COUNT(*) FROM communities)`).Scan(&own, &demo, &places)
	if err != nil {
		return errs.Wrap(err, "check the database is empty")
	}
	switch {
	case own > 0, demo == 0 && places > 0:
		return ErrNotEmpty
	case demo > 0:
		return ErrLoaded
	}
	return nil
}

// errUnknown reports demo data that refers to something it does not define.
func errUnknown(what, key string) error {
	return fmt.Errorf("the demo data names an unknown %s %q", what, key)
}
