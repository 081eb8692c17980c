package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"sync"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/config"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/gathering"
	"hearth/internal/inbound"
	"hearth/internal/instance"
	"hearth/internal/jobs"
	"hearth/internal/notify"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/ratelimit"
	"hearth/internal/search"
	"hearth/internal/stewardship"
	"hearth/internal/web"
)

// serve runs the web server and the mail worker until ctx ends, then shuts
// down in order: stop taking requests, finish those in flight, stop the
// workers, close the database.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, d, log, err := open(ctx, "hearth serve", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	defer d.Close()
	// The live heap is small (about 10 MB with the demo) and every page
	// allocates on it, so at Go's default GOGC=100 the collector runs some 20
	// times a second under load. Unless the operator chose (GOGC; GOMEMLIMIT
	// still applies), let the heap grow to five times the live data between
	// collections: about 50 MB, for 15-30% more pages a second.
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// The search index is made by Go code: a migration that changed it asks
	// for a rebuild, done here before serving.
	if err := ensureIndexed(ctx, d, stderr); err != nil {
		return err
	}
	handler, worker, err := Build(cfg, d, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	var inboundLn net.Listener
	if worker.Inbound != nil {
		if inboundLn, err = net.Listen("tcp", cfg.InboundAddr); err != nil {
			ln.Close()
			return fmt.Errorf("listen for replies by e-mail on %s: %w", cfg.InboundAddr, err)
		}
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}

	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() { worker.Run(workCtx) })
	if inboundLn != nil {
		wg.Go(func() {
			if err := worker.Inbound.Serve(inboundLn); err != nil {
				log.Error("inbound mail listener stopped", "err", err)
			}
		})
		log.Info("taking replies by e-mail", "addr", inboundLn.Addr().String(), "domain", cfg.InboundDomain)
	}

	engine := "SQLite at " + cfg.SQLitePath()
	if d.Dialect == db.Postgres {
		engine = "PostgreSQL"
	}
	mail := "SMTP via " + cfg.SMTPHost
	if cfg.SMTPHost == "" {
		mail = "the development outbox (no SMTP configured)"
	}
	log.Info("Hearth is ready", "url", "http://"+ln.Addr().String(), "database", engine, "mail", mail)
	fmt.Fprintf(stdout, "Hearth is running at http://%s (press Ctrl+C to stop)\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopWork()
		worker.closeInbound(context.Background())
		wg.Wait()
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	worker.closeInbound(shutdownCtx)
	stopWork()
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// Workers is the work Hearth does in the background: the job queue (mail and
// whatever else follows a write) and the batched writing of view counts.
type Workers struct {
	Jobs     *jobs.Runner
	practice *practice.Service
	// Inbound is the listener for replies by e-mail, when this instance
	// runs one (config InboundAddr); serve starts it, tests may too.
	Inbound *inbound.Server
}

// closeInbound stops the listener for replies by e-mail, letting messages in
// progress finish until ctx ends.
func (w *Workers) closeInbound(ctx context.Context) {
	if w.Inbound == nil {
		return
	}
	if err := w.Inbound.Shutdown(ctx); err != nil {
		w.Inbound.Close()
	}
}

// Run runs every background worker until ctx ends.
func (w *Workers) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { w.Jobs.Run(ctx) })
	wg.Go(func() { w.practice.RunViewFlusher(ctx, 10*time.Second) })
	wg.Wait()
}

// RunDue runs the jobs that are due now, mail included (tests call it directly).
func (w *Workers) RunDue(ctx context.Context) (int, error) { return w.Jobs.RunDue(ctx) }

// Build wires the services and the web handler over an open database; tests
// use it to run the real application in-process.
func Build(cfg config.Config, d *db.DB, log *slog.Logger) (http.Handler, *Workers, error) {
	var sender notify.Sender
	if cfg.SMTPHost != "" {
		s, err := notify.NewSMTP(notify.SMTPConfig{Host: cfg.SMTPHost, Port: cfg.SMTPPort, User: cfg.SMTPUser,
			Password: cfg.SMTPPassword, From: cfg.SMTPFrom, TLS: cfg.SMTPTLS})
		if err != nil {
			return nil, nil, err
		}
		sender = s
	}
	search.KeepResults(cfg.SearchCache)
	limits := ratelimit.New(d, cfg.Limits, nil)
	accounts := auth.NewService(d, auth.Options{BaseURL: cfg.BaseURL, SessionIdle: cfg.SessionIdle,
		SessionLifetime: cfg.SessionLifetime, Logger: log, Limits: limits})
	communities := community.NewService(d, accounts, cfg.BaseURL, log) // its limits are accounts'
	library := practice.NewService(d, communities, log)
	library.SetMaxUpload(cfg.MaxUploadBytes())
	library.SetLimits(limits)
	talk := conversation.NewService(d, communities, log)
	talk.SetLimits(limits)
	events := gathering.NewService(d, communities, hostOf(cfg.BaseURL), log)
	events.SetLimits(limits)
	events.SetLinks(cfg.BaseURL)
	siteName := func(ctx context.Context) string {
		st, err := instance.Load(ctx, d)
		if err != nil {
			return "Hearth"
		}
		return st.Name
	}
	directory := people.NewService(d, communities, log)
	directory.SetTalk(talk)
	directory.SetLimits(limits)
	health := stewardship.NewService(d, communities, directory, log)
	notifier := notify.NewNotifier(d, visibility(accounts, communities, library, talk, events, directory, health), cfg.BaseURL, siteName, watchable, log)
	var listener *inbound.Server
	if cfg.InboundDomain != "" {
		if err := notifier.SetReplies(cfg.InboundDomain, replyable...); err != nil {
			return nil, nil, err
		}
		if cfg.InboundAddr != "" {
			var err error
			if listener, err = newInbound(cfg, d, notifier, accounts, limits, library, talk, log); err != nil {
				return nil, nil, err
			}
		}
	}
	proxies, err := cfg.TrustedProxyRanges()
	if err != nil {
		return nil, nil, err
	}
	h, err := web.New(web.Deps{DB: d, Auth: accounts, Communities: communities, People: directory,
		Practice: library, Talk: talk, Gatherings: events, Stewardship: health, Notifier: notifier,
		Logger: log, BaseURL: cfg.BaseURL, Secure: cfg.Secure(), SessionTTL: cfg.SessionLifetime, DevOutbox: sender == nil,
		TrustedProxies: proxies})
	if err != nil {
		return nil, nil, err
	}
	// What follows a write: its activity fans out to the subscribers, a
	// batch per job; notifications become e-mail; mail is delivered.
	runner := jobs.NewRunner(d, log)
	bus := activity.NewBus(d)
	bus.SubscribeBatch("notify", notifier.PrepareBatch)
	bus.SubscribeBatch("expertise", directory.RefreshAfter)
	bus.SubscribeBatch("participation", directory.RecountAfter)
	bus.SubscribeBatch("health", health.RecountAfter)
	bus.Register(runner)
	notifier.Register(runner)
	events.Register(runner)
	directory.Register(runner)
	directory.RegisterParticipation(runner)
	health.Register(runner)
	search.RegisterJobs(runner, d) // the search's posting lists cut again hourly
	notify.NewDelivery(d, sender, log).Register(runner)
	return h, &Workers{Jobs: runner, practice: library, Inbound: listener}, nil
}

// hostOf is the host of the instance's base URL, which names it in calendar UIDs.
func hostOf(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return u.Hostname()
}
