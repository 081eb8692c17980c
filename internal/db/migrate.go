package db

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// migrationLockID keys the PostgreSQL advisory lock that keeps two instances
// starting at once from migrating together.
const migrationLockID = 7_004_211

// SchemaDigest names the schema the embedded migrations of dialect build: a
// short hash of their names and contents. Tests key a migrated template
// database by it, so that a template is never reused for another schema.
func SchemaDigest(dialect Dialect) (string, error) {
	dir := path.Join("migrations", string(dialect))
	entries, err := fs.ReadDir(migrations, dir) // sorted by name
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, e := range entries {
		body, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", e.Name(), len(body))
		h.Write(body)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// Migrate applies, in order, every embedded migration of d's dialect that has
// not been applied yet, each in its own transaction.
func (d *DB) Migrate(ctx context.Context) error { return d.MigrateTo(ctx, math.MaxInt) }

// MigrateTo applies the migrations up to and including number upTo (upgrade
// tests stop at an older schema, write data, then migrate the rest).
func (d *DB) MigrateTo(ctx context.Context, upTo int) error {
	if d.Dialect == Postgres {
		conn, err := d.write.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID); err != nil {
			return fmt.Errorf("lock for migration: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockID) //nolint:errcheck
	}
	if _, err := d.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	rows, err := d.write.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	dir := path.Join("migrations", string(d.Dialect))
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
		if applied[version] || version > upTo {
			continue
		}
		body, err := migrations.ReadFile(path.Join(dir, name))
		if err != nil {
			return err
		}
		err = d.WithTx(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", version, name, Now())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}
