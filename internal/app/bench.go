package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"hearth/internal/bench"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/ratelimit"
)

// benchmark is `hearth bench`: the benchmark library into an empty database
// (a temporary folder unless --data or --database names one), then every
// target measured in one run; the table (or --json) on stdout, progress on
// stderr.
func benchmark(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o := bench.Defaults()
	var asJSON bool
	var cpuProfile string
	var flags *flag.FlagSet
	cfg, _, err := config.Load("hearth bench", args, getenv, stderr, func(fs *flag.FlagSet) {
		flags = fs
		fs.IntVar(&o.Entries, "entries", o.Entries, "entries in the benchmark library")
		fs.IntVar(&o.Comments, "comments", 0, "comments in the benchmark library (default three per entry)")
		fs.IntVar(&o.Threads, "threads", o.Threads, "threads in one community's talk (at least 1)")
		fs.IntVar(&o.Replies, "replies", o.Replies, "replies in the thread whose page is measured")
		fs.IntVar(&o.Clients, "clients", o.Clients, "concurrent clients of each page")
		fs.DurationVar(&o.Warmup, "warmup", o.Warmup, "time each page is loaded before measuring")
		fs.DurationVar(&o.Duration, "duration", o.Duration, "time each page is measured")
		fs.BoolVar(&o.Reuse, "reuse", false, "use a database that already holds the benchmark library of this size")
		fs.BoolVar(&asJSON, "json", false, "print the results as JSON")
		fs.Func("only", "measure only these targets, comma-separated (e.g. \"search mix,entry page\"); the reference page always", func(v string) error {
			for _, name := range strings.Split(v, ",") {
				if name = strings.TrimSpace(name); name != "" {
					o.Only = append(o.Only, name)
				}
			}
			return nil
		})
		fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the measured run to this file (for go tool pprof)")
	})
	if err != nil {
		return err
	}
	if o.Comments == 0 {
		o.Comments = 3 * o.Entries
	}
	if o.Entries < 1 || o.Comments < 0 || o.Threads < 1 || o.Replies < 0 || o.Clients < 1 || o.Duration <= 0 || o.Warmup < 0 {
		return fmt.Errorf("--entries, --threads and --clients must be at least 1, --duration more than 0")
	}
	given := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if cfg.DatabaseURL == "" && !given["data"] && getenv("HEARTH_DATA") == "" {
		dir, err := os.MkdirTemp("", "hearth-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DataDir = dir
	}
	if !given["log-level"] && getenv("HEARTH_LOG_LEVEL") == "" {
		cfg.LogLevel = "warn" // a log line per request would be measured too
	}
	// Measured as served: rate limits would refuse a benchmark's many
	// requests from one address, and GOGC as `hearth serve` sets it.
	cfg.Limits = map[ratelimit.Action]ratelimit.Rule{}
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath())
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer d.Close()
	if err := bench.Prepare(ctx, d, o, stderr); err != nil {
		return err
	}
	handler, workers, err := Build(cfg, d, newLogger(cfg, stderr))
	if err != nil {
		return err
	}
	// The jobs due now (on a library just built or reused days later: every
	// community's health count, the search lists' trim) run before the
	// measures, not during the first of them: what is measured is the
	// steady state, where the jobs run as writes come.
	fmt.Fprintln(stderr, "running the background jobs due now")
	if n, err := workers.RunDue(ctx); err != nil {
		return fmt.Errorf("run the jobs due: %w", err)
	} else if n > 0 {
		fmt.Fprintf(stderr, "ran %d background jobs\n", n)
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	workCtx, stopWork := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { workers.Run(workCtx); close(done) }()
	rep, err := bench.Run(ctx, d, handler, o, stderr)
	stopWork()
	<-done
	if err != nil {
		return err
	}
	if asJSON {
		return rep.WriteJSON(stdout)
	}
	return rep.WriteTable(stdout)
}
