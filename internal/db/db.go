// Package db opens Hearth's database (embedded SQLite by default, PostgreSQL
// for scale-out), applies the embedded migrations, and offers the small seam
// where the two SQL dialects differ. Every query elsewhere is written once, in
// portable SQL with $1, $2 placeholders.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the engine behind a DB.
type Dialect string

// The two engines Hearth runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Q is what a query needs: a *DB, a *Tx, or the writer of a DB.
type Q interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is an open database. Reads go to a pool of readers; writes go to the
// writer, which on SQLite is a single connection (SQLite allows one writer at
// a time, and queueing in Go is kinder than SQLITE_BUSY).
type DB struct {
	Dialect Dialect
	read    *sql.DB
	write   *sql.DB
	queries atomic.Int64 // statements run, for tests that watch query counts
	stmts   stmtCache    // prepared reads (SQLite)
	wstmts  writeStmts   // prepared writes (SQLite, prepared_writes.go)

	ckpt     *checkpointer // SQLite's background checkpoints (checkpoint.go)
	ckptOnce sync.Once
}

// Open opens the database named by databaseURL, or the SQLite file at
// sqlitePath when databaseURL is empty, and migrates it to the latest schema.
func Open(ctx context.Context, databaseURL, sqlitePath string) (*DB, error) {
	return OpenAt(ctx, databaseURL, sqlitePath, math.MaxInt)
}

// OpenAt is Open with the schema migrated only up to migration upTo.
func OpenAt(ctx context.Context, databaseURL, sqlitePath string, upTo int) (*DB, error) {
	var d *DB
	var err error
	if databaseURL != "" {
		d, err = openPostgres(ctx, databaseURL)
	} else {
		d, err = openSQLite(ctx, sqlitePath)
	}
	if err != nil {
		return nil, err
	}
	if err := d.MigrateTo(ctx, upTo); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	// mmap_size: pages are read from the operating system's cache through a
	// memory map rather than a pread system call each; with a library larger
	// than SQLite's small page cache, those calls were a third of a search's
	// CPU time (docs/performance.md). The size only bounds the map: SQLite
	// caps it at its compile-time maximum, 2 GB in this driver, so a larger
	// file's later pages are still read with pread. 1 GB left the end of a
	// 1.5 GB library (100,000 entries) to pread, a quarter of a search's CPU.
	pragmas := "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)" +
		"&_pragma=mmap_size(17179869184)&_time_format=sqlite" +
		"&_pragma=wal_autocheckpoint(" + strconv.Itoa(backstopPages) + ")" // checkpoint.go
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	read.SetConnMaxIdleTime(0)
	read.SetConnMaxLifetime(0)
	d := &DB{Dialect: SQLite, read: read, write: write}
	// The writer creates the file and switches it to WAL before any reader opens it.
	if err := write.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	ckpt, err := sql.Open("sqlite", dsn)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	d.ckpt = startCheckpointer(ckpt)
	return d, nil
}

func openPostgres(ctx context.Context, databaseURL string) (*DB, error) {
	pool, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool.SetMaxOpenConns(32)
	pool.SetMaxIdleConns(32)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return &DB{Dialect: Postgres, read: pool, write: pool}, nil
}

// Close closes both pools.
func (d *DB) Close() error {
	var err error
	for _, c := range []*stmtCache{&d.stmts, &d.wstmts.stmtCache} {
		err = errors.Join(err, c.close())
	}
	d.StopCheckpointer()
	err = errors.Join(err, d.write.Close())
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Ping checks that the database answers (for /healthz).
func (d *DB) Ping(ctx context.Context) error { return d.read.PingContext(ctx) }

// QueryCount reports how many statements have run; tests use it to prove that
// a page's query count does not grow with the data.
func (d *DB) QueryCount() int64 { return d.queries.Load() }

// ExecContext runs a statement on the writer, or in the transaction ctx
// carries (see tx.go).
func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t := d.open(ctx); t != nil {
		return t.ExecContext(ctx, query, args...)
	}
	d.queries.Add(1)
	defer d.wrote()
	if cs := d.preparedWrite(query); cs != nil {
		defer d.wstmts.release(cs)
		return cs.st.ExecContext(ctx, args...)
	}
	if d.noteWrite(query) {
		defer d.prepareWrites(ctx, []string{query})
	}
	return d.write.ExecContext(ctx, query, args...)
}

// QueryContext runs a read-only query on a reader, or in the transaction
// ctx carries.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t := d.open(ctx); t != nil {
		return t.QueryContext(ctx, query, args...)
	}
	d.queries.Add(1)
	if cs := d.prepared(ctx, query); cs != nil {
		defer d.stmts.release(cs) // the rows keep the statement open (stmtcache.go)
		return cs.st.QueryContext(ctx, args...)
	}
	return d.read.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a read-only single-row query on a reader, or in the
// transaction ctx carries.
func (d *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if t := d.open(ctx); t != nil {
		return t.QueryRowContext(ctx, query, args...)
	}
	d.queries.Add(1)
	if cs := d.prepared(ctx, query); cs != nil {
		defer d.stmts.release(cs)
		return cs.st.QueryRowContext(ctx, args...)
	}
	return d.read.QueryRowContext(ctx, query, args...)
}

// prepared returns the readers' prepared statement for query, held (release
// it), preparing it the first time; nil on PostgreSQL, or when query does
// not prepare (running it unprepared then reports the error).
func (d *DB) prepared(ctx context.Context, query string) *cachedStmt {
	if d.Dialect != SQLite {
		return nil
	}
	if cs := d.stmts.acquire(query); cs != nil {
		return cs
	}
	st, err := d.read.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	return d.stmts.keep(query, st)
}

// Writer returns a Q whose every statement runs on the writer (or in the
// transaction ctx carries), for single statements that write and read back
// (INSERT ... RETURNING) outside a Tx.
func (d *DB) Writer() Q { return writer{d} }

type writer struct{ d *DB }

func (w writer) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return w.d.ExecContext(ctx, q, args...)
}
func (w writer) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if t := w.d.open(ctx); t != nil {
		return t.QueryContext(ctx, q, args...)
	}
	w.d.queries.Add(1)
	defer w.d.wrote()
	return w.d.write.QueryContext(ctx, q, args...)
}
func (w writer) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if t := w.d.open(ctx); t != nil {
		return t.QueryRowContext(ctx, q, args...)
	}
	w.d.queries.Add(1)
	defer w.d.wrote()
	if cs := w.d.preparedWrite(q); cs != nil {
		defer w.d.wstmts.release(cs)
		return cs.st.QueryRowContext(ctx, args...)
	}
	if w.d.noteWrite(q) {
		// Prepared once the row is read and the writer free (see prepared_writes.go).
		defer func() { go w.d.prepareWrites(context.WithoutCancel(ctx), []string{q}) }()
	}
	return w.d.write.QueryRowContext(ctx, q, args...)
}

// IsUniqueViolation reports whether err comes from a UNIQUE or PRIMARY KEY
// constraint, on either engine.
func IsUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return false
}

// SkipLocked is the clause that lets several workers claim different rows at
// once; SQLite has a single writer and needs none.
func (d *DB) SkipLocked() string {
	if d.Dialect == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// Now is the current time as Hearth stores it: UTC, to the microsecond (the
// precision PostgreSQL keeps), so that a value read back equals the one written.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Placeholders returns "$from, $from+1, ..." for n arguments, for IN lists.
func Placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	return b.String()
}

// InIDs returns the placeholders, from $from, of an IN list of ids and their
// arguments, padded (the last id repeated) to 8, 16, 32… items: so a query
// over a page's ids takes a few texts, which stay prepared, rather than a
// new text (parsed and planned again) for every list. No ids give "NULL",
// which matches nothing.
func InIDs(from int, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "NULL", nil // matches nothing
	}
	n := 8
	for n < len(ids) {
		n *= 2
	}
	args := make([]any, n)
	for i := range args {
		args[i] = ids[min(i, len(ids)-1)]
	}
	return Placeholders(from, n), args
}
