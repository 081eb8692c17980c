// Package web serves Hearth's HTML: the route table (routes.go), middleware,
// one file of handlers per capability, and the embedded templates and static
// files. Handlers only translate between HTTP and the capability services;
// every rule and permission lives in those services.
package web

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/gathering"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/stewardship"
)

//go:embed templates static
var assets embed.FS

// Deps are what the web server needs.
type Deps struct {
	DB          *db.DB
	Auth        *auth.Service
	Communities *community.Service
	People      *people.Service
	Practice    *practice.Service
	Talk        *conversation.Service
	Gatherings  *gathering.Service
	Stewardship *stewardship.Service
	Notifier    *notify.Notifier
	Logger      *slog.Logger
	BaseURL     string
	Secure      bool // served over TLS: cookies get the __Host- prefix and Secure
	SessionTTL  time.Duration
	DevOutbox   bool // mail is kept in the development outbox, not sent
	// TrustedProxies are the load balancers and proxies whose
	// X-Forwarded-For names the client (proxies.go); none by default.
	TrustedProxies []netip.Prefix
}

// Server holds the parsed templates and the services; it is an http.Handler.
type Server struct {
	Deps
	pages     *pages
	handler   http.Handler
	static    http.Handler
	fragments *fragmentCache // rendered community cards
	bars      *fragmentCache // the site's bar, by reader (bar.go)
	settings  *instance.Cache
}

// settingsTTL bounds how long one instance serves settings another instance
// changed; reading them on every request would cost a query per page.
const settingsTTL = 3 * time.Second

// New parses the templates and builds the route table.
func New(d Deps) (*Server, error) {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, pages: p, static: http.FileServerFS(static), fragments: newFragmentCache(), bars: newFragmentCacheOf(barBudget),
		settings: instance.NewCache(d.DB, settingsTTL)}
	s.handler = s.routes()
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// instanceSettings returns the instance settings, cached for settingsTTL.
func (s *Server) instanceSettings(ctx context.Context) (instance.Settings, error) {
	return s.settings.Get(ctx)
}

// forgetSettings drops the cached settings after this instance changed them.
func (s *Server) forgetSettings() { s.settings.Forget() }
