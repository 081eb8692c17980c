// Package benchrun holds what benchmarks over the benchmark library share:
// its sizes from the environment and the engines to run on. It lives apart
// from benchdata so that the hearth binary, which loads the library for
// `hearth bench`, does not link the testing package.
package benchrun

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Sizes returns how many entries (HEARTH_BENCH_ENTRIES, 2,000 by default)
// and comments (HEARTH_BENCH_COMMENTS, three per entry by default) a
// benchmark loads.
func Sizes(b *testing.B) (entries, comments int) {
	entries = envInt(b, "HEARTH_BENCH_ENTRIES", 2000)
	return entries, envInt(b, "HEARTH_BENCH_COMMENTS", 3*entries)
}

func envInt(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

// Each runs fn as the subbenchmarks "sqlite" and, when HEARTH_TEST_POSTGRES is
// set, "postgres", each on its own database. fresh tells fn whether the
// database is empty and needs loading: HEARTH_BENCH_SQLITE names a SQLite file
// kept between runs, loaded the first time and only read afterwards;
// HEARTH_BENCH_POSTGRES names a PostgreSQL database loaded before, only read.
func Each(b *testing.B, fn func(b *testing.B, d *db.DB, fresh bool)) {
	b.Run("sqlite", func(b *testing.B) {
		path := os.Getenv("HEARTH_BENCH_SQLITE")
		if path == "" {
			fn(b, dbtest.SQLite(b), true)
			return
		}
		_, err := os.Stat(path)
		fresh := os.IsNotExist(err)
		d, err := db.Open(context.Background(), "", path)
		if err != nil {
			b.Fatal(err)
		}
		defer d.Close()
		fn(b, d, fresh)
	})
	if url := os.Getenv("HEARTH_BENCH_POSTGRES"); url != "" {
		// A database loaded before (by hearth bench --database), only read.
		b.Run("postgres", func(b *testing.B) {
			d, err := db.Open(context.Background(), url, "")
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			fn(b, d, false)
		})
		return
	}
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.Postgres(b), true) })
	}
}
