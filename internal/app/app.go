// Package app wires Hearth together: it parses the command line, opens the
// database, starts the web server and the background workers, and shuts all
// of it down in order. It keeps no package-level state.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"syscall"

	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/markup"
	"hearth/internal/practice"
	"hearth/internal/progress"
	"hearth/internal/search"
)

// Version is set at build time with -ldflags "-X hearth/internal/app.Version=...".
var Version = "dev"

const usage = `Hearth: a home for communities of practice.

Usage:
  hearth [serve] [flags]     serve the web app (the default)
  hearth migrate [flags]     apply database migrations and exit
  hearth admin create [flags] --name N --handle H --email E [--password P]
                             create an administrator (the password is read
                             from standard input when not given)
  hearth demo [flags]        load the demo institution into an empty database
  hearth bench [flags]       build a benchmark library and measure Hearth's
                             pages against a bare reference page (-h for its flags)
  hearth version             print the version

Every subcommand takes the same configuration flags (see "hearth serve -h"),
or HEARTH_* environment variables, so all of them use the same database.
`

// Run runs the command line args (args[0] is the program name) and returns
// the process exit code.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	cmd, rest := "serve", args[1:]
	if len(rest) > 0 && rest[0] != "" && rest[0][0] != '-' {
		cmd, rest = rest[0], rest[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		err = migrate(ctx, rest, getenv, stdout, stderr)
	case "admin":
		if len(rest) == 0 || rest[0] != "create" {
			fmt.Fprint(stderr, "hearth admin: the only subcommand is \"create\"\n\n", usage)
			return 2
		}
		err = adminCreate(ctx, rest[1:], getenv, stdin, stdout, stderr)
	case "demo":
		err = loadDemo(ctx, rest, getenv, stdout, stderr)
	case "bench":
		err = benchmark(ctx, rest, getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "hearth", Version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "hearth: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "hearth:", err)
		return 1
	}
	return 0
}

// open loads the configuration for a subcommand, opens its database (which
// migrates it) and renders the Markdown stored without HTML.
func open(ctx context.Context, name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (config.Config, *db.DB, *slog.Logger, error) {
	cfg, _, err := config.Load(name, args, getenv, stderr, extra)
	if err != nil {
		return cfg, nil, nil, err
	}
	log := newLogger(cfg, stderr)
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath())
	if err != nil {
		return cfg, nil, nil, fmt.Errorf("open database: %w", err)
	}
	// Markdown stored without its HTML (before migration 0006) or rendered by
	// an earlier markup.Version is rendered now, so that pages never render.
	bar := progress.NewLater(stderr, "rendering stored Markdown", 0)
	n, err := practice.RenderMissingProgress(ctx, d, markup.New(), bar.Set)
	bar.Done()
	if err != nil {
		d.Close()
		return cfg, nil, nil, fmt.Errorf("render stored Markdown: %w", err)
	}
	if n > 0 {
		log.Info("rendered stored Markdown", "rows", n, "markup_version", markup.Version)
	}
	// Images attached before resized copies were made get theirs now.
	bar = progress.NewLater(stderr, "resizing stored images", 0)
	n, err = practice.ResizeMissingProgress(ctx, d, bar.Set)
	bar.Done()
	if err != nil {
		d.Close()
		return cfg, nil, nil, fmt.Errorf("resize stored images: %w", err)
	}
	if n > 0 {
		log.Info("resized stored images", "images", n)
	}
	return cfg, d, log, nil
}

// ensureIndexed rebuilds the search index if a migration asked for it,
// telling progress on w.
func ensureIndexed(ctx context.Context, d *db.DB, w io.Writer) error {
	stages := progress.NewStages(w)
	defer stages.Done()
	return search.EnsureBuiltProgress(ctx, d, stages.Set)
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	_, d, _, err := open(ctx, "hearth migrate", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	defer d.Close()
	// The search index is made by Go code: a migration that changed it asks
	// for a rebuild, done here (or by serve) with progress, as it is slow.
	if err := ensureIndexed(ctx, d, stderr); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "The database is migrated to the latest schema.")
	return nil
}
