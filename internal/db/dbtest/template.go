package dbtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"hearth/internal/db"
)

// A fresh test database is a copy of one migrated template rather than a
// run of every migration: the test suite opens about a thousand databases,
// and migrating each took 0.2 s on SQLite and 0.6 s on PostgreSQL under the
// race detector, the PostgreSQL ones one at a time behind the migration
// lock. A copy takes a few milliseconds (SQLite) or about 0.1 s (PostgreSQL).

// sqliteTemplate holds the bytes of a migrated SQLite file, made once per
// test process.
var sqliteTemplate struct {
	once  sync.Once
	image []byte
	err   error
}

// freshSQLite writes a migrated database file at path.
func freshSQLite(path string) error {
	sqliteTemplate.once.Do(func() {
		sqliteTemplate.image, sqliteTemplate.err = migratedSQLiteImage()
	})
	if sqliteTemplate.err != nil {
		return sqliteTemplate.err
	}
	return os.WriteFile(path, sqliteTemplate.image, 0o600)
}

func migratedSQLiteImage() ([]byte, error) {
	dir, err := os.MkdirTemp("", "hearth-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "hearth.db")
	d, err := db.OpenAt(context.Background(), "", file, math.MaxInt)
	if err != nil {
		return nil, fmt.Errorf("migrate the template: %w", err)
	}
	// Everything into the main file, so that the file alone is the database.
	_, err = d.ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)")
	err = errors.Join(err, d.Close())
	if err != nil {
		return nil, fmt.Errorf("checkpoint the template: %w", err)
	}
	if info, err := os.Stat(file + "-wal"); err == nil && info.Size() > 0 {
		return nil, errors.New("the template's write-ahead log was not emptied")
	}
	return os.ReadFile(file)
}

// postgresTemplate is the name of the migrated template database of this
// schema, made once per test process (or found, made by an earlier run).
var postgresTemplate struct {
	once sync.Once
	name string
	err  error
}

var plainName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,30}$`)

// freshPostgres creates a database copied from the migrated template and
// returns the DSN that opens it and the function that drops it.
func freshPostgres(dsn string) (string, func(), error) {
	base, err := url.Parse(dsn)
	if err != nil {
		return "", nil, fmt.Errorf("parse %s: %w", PostgresEnv, err)
	}
	// The test databases are named after the configured one, so that they
	// are recognisably its; a name that would need quoting is not used.
	prefix := strings.TrimPrefix(base.Path, "/")
	if !plainName.MatchString(prefix) {
		prefix = "hearth"
	}
	postgresTemplate.once.Do(func() {
		postgresTemplate.name, postgresTemplate.err = ensurePostgresTemplate(dsn, prefix)
	})
	if postgresTemplate.err != nil {
		return "", nil, postgresTemplate.err
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	name := prefix + "_t_" + randomHex(8)
	_, err = admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + postgresTemplate.name)
	if err != nil && strings.Contains(err.Error(), "does not exist") {
		// Another checkout's tests, on another schema, dropped it as one of
		// too many: make it again (under the lock) and copy it.
		if _, err = ensurePostgresTemplate(dsn, prefix); err == nil {
			_, err = admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + postgresTemplate.name)
		}
	}
	if err != nil {
		return "", nil, fmt.Errorf("copy the template database: %w", err)
	}
	drop := func() {
		if admin, err := sql.Open("pgx", dsn); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") //nolint:errcheck
			admin.Close()
		}
	}
	fresh := *base
	fresh.Path = "/" + name
	return fresh.String(), drop, nil
}

// templateLockID keys the advisory lock under which one test process makes
// the template while the others wait for it.
const templateLockID = 7_004_212

// keptTemplates is how many templates of other schemas are kept besides the
// current one's (oldest dropped first).
const keptTemplates = 4

// ensurePostgresTemplate returns the name of the template database for the
// current migrations, making it when no earlier process did. It is made
// under another name and renamed when complete, so a process killed while
// migrating leaves no half-made template behind under the real name.
func ensurePostgresTemplate(dsn, prefix string) (string, error) {
	digest, err := db.SchemaDigest(db.Postgres)
	if err != nil {
		return "", err
	}
	name := prefix + "_template_" + digest
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", templateLockID); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", templateLockID) //nolint:errcheck
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	making := name + "_making"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+making+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+making); err != nil {
		return "", fmt.Errorf("create the template database: %w", err)
	}
	u, _ := url.Parse(dsn)
	u.Path = "/" + making
	d, err := db.OpenAt(ctx, u.String(), "", math.MaxInt)
	if err != nil {
		return "", fmt.Errorf("migrate the template database: %w", err)
	}
	d.Close()
	// A closed pool's server processes may linger a moment, and a database
	// with connections can be neither renamed nor copied.
	if _, err := conn.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", making); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+making+" RENAME TO "+name); err != nil {
		return "", fmt.Errorf("name the template database: %w", err)
	}
	// Templates of older schemas of this prefix are of no further use, but
	// other checkouts (branches worked on side by side) may still be testing
	// theirs: the newest keptTemplates are left alone.
	rows, err := conn.QueryContext(ctx, "SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2 ORDER BY oid DESC",
		strings.ReplaceAll(prefix, "_", `\_`)+`\_template\_%`, name)
	if err == nil {
		var old []string
		for rows.Next() {
			var n string
			if rows.Scan(&n) == nil {
				old = append(old, n)
			}
		}
		rows.Close()
		old = old[min(len(old), keptTemplates):]
		for _, n := range old {
			conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+n+" WITH (FORCE)") //nolint:errcheck
		}
	}
	return name, nil
}

// tempDBPath returns the path of a database file in the test's temporary folder.
func tempDBPath(t testing.TB) string { return filepath.Join(t.TempDir(), "hearth.db") }
