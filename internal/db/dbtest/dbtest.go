// Package dbtest runs a store test against both engines: a fresh SQLite file,
// and a fresh schema in the PostgreSQL named by HEARTH_TEST_POSTGRES.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"math"
	"net/url"
	"os"
	"testing"

	"hearth/internal/db"
)

// PostgresEnv names the variable holding the PostgreSQL DSN for tests.
const PostgresEnv = "HEARTH_TEST_POSTGRES"

// RequireAllEnv, when set (CI sets it), turns every skip for a missing engine
// or browser into a failure, so that a green run really ran everything.
const RequireAllEnv = "HEARTH_TEST_REQUIRE_ALL"

// SkipOrFail skips the test with reason, or fails it when RequireAllEnv is set.
func SkipOrFail(t testing.TB, reason string) {
	t.Helper()
	if os.Getenv(RequireAllEnv) != "" {
		t.Fatalf("%s (and %s is set, so this may not be skipped)", reason, RequireAllEnv)
	}
	t.Skip(reason)
}

// Each runs fn as two subtests, "sqlite" and "postgres", each on a freshly
// migrated database of its own.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated database in a new temporary file (a copy of a
// migrated template).
func SQLite(t testing.TB) *db.DB { t.Helper(); return SQLiteAt(t, math.MaxInt) }

// EachAt is Each on databases migrated only up to migration upTo, for
// upgrade tests: they write what an older Hearth wrote, then migrate the rest.
func EachAt(t *testing.T, upTo int, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLiteAt(t, upTo)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresAt(t, upTo)) })
}

// SQLiteAt returns a database in a new temporary file, migrated up to upTo.
func SQLiteAt(t testing.TB, upTo int) *db.DB {
	t.Helper()
	path := tempDBPath(t)
	if upTo == math.MaxInt {
		if err := freshSQLite(path); err != nil {
			t.Fatalf("sqlite template: %v", err)
		}
	}
	d, err := db.OpenAt(context.Background(), "", path, upTo)
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Postgres returns a migrated database of its own on the test server (a
// copy of a migrated template named after HEARTH_TEST_POSTGRES's database),
// dropped when the test ends. It skips when HEARTH_TEST_POSTGRES is unset.
func Postgres(t testing.TB) *db.DB { t.Helper(); return PostgresAt(t, math.MaxInt) }

// PostgresAt is Postgres migrated only up to migration upTo; below the
// latest migration, in a new schema of HEARTH_TEST_POSTGRES's database.
func PostgresAt(t testing.TB, upTo int) *db.DB {
	t.Helper()
	dsn := PostgresURL(t)
	if upTo == math.MaxInt {
		fresh, drop, err := freshPostgres(dsn)
		if err != nil {
			t.Fatalf("postgres template: %v", err)
		}
		t.Cleanup(drop)
		d, err := db.OpenAt(context.Background(), fresh, "", upTo)
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	schema := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", dsn)
		if err == nil {
			admin.Exec("DROP SCHEMA " + schema + " CASCADE") //nolint:errcheck
			admin.Close()
		}
	})
	d, err := db.OpenAt(context.Background(), WithSearchPath(t, dsn, schema), "", upTo)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// PostgresURL returns HEARTH_TEST_POSTGRES, skipping (or failing, in CI) when unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		SkipOrFail(t, PostgresEnv+" is not set; PostgreSQL tests skipped")
	}
	return dsn
}

// WithSearchPath returns dsn with its search_path set to schema.
func WithSearchPath(t testing.TB, dsn, schema string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Exec runs a statement that sets up a test's rows through d's writer, and
// fails the test when it fails.
func Exec(t testing.TB, d *db.DB, query string, args ...any) {
	t.Helper()
	if _, err := d.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
