package community_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
)

// These tests fire simultaneous requests at rules that a write depends on.
// SQLite runs one writer at a time; on PostgreSQL they interleave, and only a
// row lock or a constraint keeps the rule.

// stewardsOf arranges a community whose n people are all active stewards.
func stewardsOf(t *testing.T, e *env, slug string, n int) []auth.Actor {
	t.Helper()
	people := []auth.Actor{e.Person("s0")}
	e.Community(people[0], slug, community.Public, community.Open)
	for i := 1; i < n; i++ {
		p := e.Person(fmt.Sprintf("s%d", i))
		e.SetMembership(slug, p, community.RoleSteward, community.ActiveMember)
		people = append(people, p)
	}
	return people
}

func countStewards(t *testing.T, d *db.DB, slug string) int {
	t.Helper()
	var n int
	must(t, d.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships m JOIN communities c ON c.id = m.community_id
		WHERE c.slug = $1 AND m.role = 'steward' AND m.status = 'active'`, slug).Scan(&n))
	return n
}

// onlyKinds fails the test when an error is of a kind not allowed (an
// Internal one above all: a 500) and returns how many calls succeeded.
func onlyKinds(t *testing.T, got []error, allowed ...errs.Kind) int {
	t.Helper()
	ok := 0
	for i, err := range got {
		if err == nil {
			ok++
			continue
		}
		k := errs.KindOf(err)
		fine := false
		for _, a := range allowed {
			fine = fine || k == a
		}
		if !fine {
			t.Errorf("call %d: %v (kind %v), want one of %v", i, err, k, allowed)
		}
	}
	return ok
}

func TestSimultaneousDeparturesKeepASteward(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stewards := stewardsOf(t, e, "keep", 6)
		got := dbtest.Together(len(stewards), func(i int) error {
			return e.Communities.Leave(ctx, stewards[i], "keep")
		})
		left := onlyKinds(t, got, errs.Conflict)
		if n := countStewards(t, d, "keep"); n != 1 || left != len(stewards)-1 {
			t.Fatalf("after %d stewards left at once: %d left, %d stewards remain; want %d left and 1 remaining",
				len(stewards), left, n, len(stewards)-1)
		}
	})
}

func TestSimultaneousDemotionsKeepASteward(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stewards := stewardsOf(t, e, "keep", 6)
		got := dbtest.Together(len(stewards), func(i int) error {
			next := stewards[(i+1)%len(stewards)]
			return e.Communities.SetRole(ctx, stewards[i], "keep", next.Handle, community.RoleMember)
		})
		// A steward demoted first may be refused the right to demote.
		onlyKinds(t, got, errs.Conflict, errs.Forbidden)
		if n := countStewards(t, d, "keep"); n < 1 {
			t.Fatalf("after simultaneous demotions %d stewards remain", n)
		}
	})
}

func TestSimultaneousRemovalsKeepASteward(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stewards := stewardsOf(t, e, "keep", 6)
		got := dbtest.Together(len(stewards), func(i int) error {
			next := stewards[(i+1)%len(stewards)]
			return e.Communities.Remove(ctx, stewards[i], "keep", next.Handle)
		})
		// A steward removed first may no longer manage members, or find the
		// person they meant to remove gone already.
		onlyKinds(t, got, errs.Conflict, errs.Forbidden, errs.NotFound)
		if n := countStewards(t, d, "keep"); n < 1 {
			t.Fatalf("after simultaneous removals %d stewards remain", n)
		}
	})
}

func TestSimultaneousJoinsMakeOneMembership(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Community(e.Person("stew"), "open", community.Public, community.Open)
		ann := e.Person("ann")
		got := dbtest.Together(20, func(int) error {
			_, err := e.Communities.Join(ctx, ann, "open", "")
			return err
		})
		if joined := onlyKinds(t, got, errs.Conflict); joined != 1 {
			t.Fatalf("%d of 20 simultaneous joins succeeded, want 1", joined)
		}
		if m := standing(t, e, ann, "open"); m.Status != community.ActiveMember {
			t.Fatalf("membership = %+v", m)
		}
	})
}

// A service called inside another's transaction joins it: on SQLite it does
// not wait forever for the writer that transaction holds, and what it wrote
// is kept or rolled back with the whole.
func TestServicesJoinTheCallersTransaction(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		e.Community(e.Person("stew"), "open", community.Public, community.Open)
		ann := e.Person("ann")
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second) // a deadlock fails instead of hanging
		defer cancel()
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			if _, err := e.Communities.Join(ctx, ann, "open", ""); err != nil {
				return err
			}
			v, err := e.Communities.Get(ctx, ann, "open")
			if err != nil || v.Mine.Status != community.ActiveMember {
				t.Errorf("inside the transaction ann's membership = %+v (%v), want active", v.Mine, err)
			}
			return errs.Conflictf("changed my mind")
		})
		wantKind(t, err, errs.Conflict)
		if m := standing(t, e, ann, "open"); m.Status != "" {
			t.Fatalf("after the rollback ann's membership = %+v, want none", m)
		}
	})
}
