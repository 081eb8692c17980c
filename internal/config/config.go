// Package config reads Hearth's configuration from command-line flags and
// HEARTH_* environment variables (flags win) and validates it before anything
// starts, so a mistake is reported at once and clearly.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"hearth/internal/ratelimit"
)

// Config is everything an operator can set.
type Config struct {
	Addr        string // listen address
	DataDir     string // the SQLite file lives here (attachments are in the database)
	DatabaseURL string // empty: SQLite in DataDir; postgres://... selects PostgreSQL
	BaseURL     string // public URL used in e-mails and feeds

	SMTPHost     string // empty: the development outbox is used
	SMTPPort     int
	SMTPUser     string
	SMTPPassword string
	SMTPFrom     string
	SMTPTLS      string // "starttls" (default), "tls" or "none"

	// Replying by e-mail (docs/reply-by-email.md): with InboundDomain set,
	// notification e-mail about a thread or entry carries a reply address
	// at it; with InboundAddr set too, this instance listens there for SMTP.
	InboundDomain string
	InboundAddr   string
	// InboundTLSCert and InboundTLSKey name PEM files of a certificate and
	// its key, which the listener offers senders with STARTTLS.
	InboundTLSCert string
	InboundTLSKey  string

	SessionIdle     time.Duration // a session unused this long ends
	SessionLifetime time.Duration // a session ends this long after sign-in, used or not
	LogLevel        string        // debug, info, warn, error
	LogFormat       string        // text or json

	MaxUpload int // the largest attachment, in MiB

	// SearchCache is how long an instance keeps a search's ranking for the
	// same query asked again in the same scope (0: not kept). The page is
	// always checked and shown from the live tables.
	SearchCache time.Duration

	// TrustedProxies names the load balancers and proxies in front of
	// Hearth (addresses or CIDR ranges, comma-separated) whose
	// X-Forwarded-For header gives the client's address.
	TrustedProxies string

	Limits map[ratelimit.Action]ratelimit.Rule // rate limits, shared by instances through the database (limits.go)
}

// Defaults returns the configuration Hearth runs with when nothing is set.
func Defaults() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "hearth-data",
		SMTPPort:        587,
		SMTPFrom:        "Hearth <hearth@localhost>",
		SMTPTLS:         "starttls",
		SessionIdle:     7 * 24 * time.Hour,
		SessionLifetime: 30 * 24 * time.Hour,
		LogLevel:        "info",
		LogFormat:       "text",
		MaxUpload:       10,
		SearchCache:     5 * time.Second,
		Limits:          defaultLimits(),
	}
}

// Load parses flags from args (without the program and subcommand names) over
// the HEARTH_* variables read through getenv, over the defaults. extra may add
// a subcommand's own flags. It returns the arguments left after the flags.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (Config, []string, error) {
	c := Defaults()
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var errs []error
	str := func(p *string, flagName, env, usage string) {
		if v := getenv(env); v != "" {
			*p = v
		}
		fs.StringVar(p, flagName, *p, usage+" ($"+env+")")
	}
	integer := func(p *int, flagName, env, usage string) {
		if v := getenv(env); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a whole number", env, v))
			} else {
				*p = n
			}
		}
		fs.IntVar(p, flagName, *p, usage+" ($"+env+")")
	}
	duration := func(p *time.Duration, flagName, env, usage string) {
		if v := getenv(env); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a duration such as 12h or 30m", env, v))
			} else {
				*p = d
			}
		}
		fs.DurationVar(p, flagName, *p, usage+" ($"+env+")")
	}
	str(&c.Addr, "addr", "HEARTH_ADDR", "address to listen on")
	str(&c.DataDir, "data", "HEARTH_DATA", "folder for the SQLite database")
	str(&c.DatabaseURL, "database", "HEARTH_DATABASE_URL", "postgres:// URL to use PostgreSQL instead of SQLite")
	str(&c.BaseURL, "base-url", "HEARTH_BASE_URL", "public URL of this instance, for links in e-mails and feeds (default http://ADDR)")
	str(&c.SMTPHost, "smtp-host", "HEARTH_SMTP_HOST", "SMTP server; empty keeps mail in the development outbox")
	integer(&c.SMTPPort, "smtp-port", "HEARTH_SMTP_PORT", "SMTP port")
	str(&c.SMTPUser, "smtp-user", "HEARTH_SMTP_USER", "SMTP user name")
	str(&c.SMTPPassword, "smtp-password", "HEARTH_SMTP_PASSWORD", "SMTP password")
	str(&c.SMTPFrom, "smtp-from", "HEARTH_SMTP_FROM", "sender address of Hearth's e-mail")
	str(&c.SMTPTLS, "smtp-tls", "HEARTH_SMTP_TLS", "SMTP transport security: starttls, tls or none")
	str(&c.InboundDomain, "inbound-domain", "HEARTH_INBOUND_DOMAIN", "domain of reply-by-e-mail addresses (reply+TOKEN@DOMAIN); empty: replying by e-mail is off")
	str(&c.InboundAddr, "inbound-addr", "HEARTH_INBOUND_ADDR", "address to take replies by e-mail on over SMTP, such as :2525; empty: no listener here")
	str(&c.InboundTLSCert, "inbound-tls-cert", "HEARTH_INBOUND_TLS_CERT", "PEM file of the certificate (and chain) the listener for replies offers with STARTTLS; empty: plain SMTP only")
	str(&c.InboundTLSKey, "inbound-tls-key", "HEARTH_INBOUND_TLS_KEY", "PEM file of the private key of inbound-tls-cert")
	duration(&c.SessionIdle, "session-idle", "HEARTH_SESSION_IDLE", "end a session unused for this long")
	duration(&c.SessionLifetime, "session-lifetime", "HEARTH_SESSION_LIFETIME", "end a session this long after sign-in")
	str(&c.LogLevel, "log-level", "HEARTH_LOG_LEVEL", "log level: debug, info, warn or error")
	str(&c.LogFormat, "log-format", "HEARTH_LOG_FORMAT", "log format: text or json")
	integer(&c.MaxUpload, "max-upload", "HEARTH_MAX_UPLOAD", "largest attachment, in MiB (1 to 1024)")
	duration(&c.SearchCache, "search-cache", "HEARTH_SEARCH_CACHE", "keep a search's ranking this long for the same query asked again (0 to 1m; 0: never)")
	str(&c.TrustedProxies, "trusted-proxies", "HEARTH_TRUSTED_PROXIES", "load balancers or proxies in front of Hearth (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For gives the client's address")
	limitFlags(fs, &c, getenv, &errs)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	if len(errs) > 0 {
		return c, nil, errors.Join(errs...)
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	c.InboundDomain = strings.ToLower(strings.TrimSpace(c.InboundDomain))
	return c, fs.Args(), c.Validate()
}

// Validate reports every problem with c at once.
func (c Config) Validate() error {
	var errs []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("addr: %q is not host:port (for example 127.0.0.1:8080)", c.Addr))
	}
	if c.DatabaseURL == "" && strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, errors.New("data: a folder is needed for the SQLite database"))
	}
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, errors.New("database: only postgres:// URLs are supported (leave it empty for SQLite)"))
		}
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("base-url: %q is not an http(s) URL", c.BaseURL))
	}
	if c.SMTPHost != "" {
		if c.SMTPPort < 1 || c.SMTPPort > 65535 {
			errs = append(errs, fmt.Errorf("smtp-port: %d is not a port number", c.SMTPPort))
		}
		switch c.SMTPTLS {
		case "starttls", "tls", "none":
		default:
			errs = append(errs, fmt.Errorf("smtp-tls: %q is not starttls, tls or none", c.SMTPTLS))
		}
		if c.SMTPFrom == "" {
			errs = append(errs, errors.New("smtp-from: a sender address is needed"))
		}
	}
	errs = append(errs, c.validateInbound())
	if c.SessionIdle < time.Minute || c.SessionLifetime < c.SessionIdle {
		errs = append(errs, errors.New("session-idle must be at least 1m and session-lifetime at least as long"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log-level: %q is not debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log-format: %q is not text or json", c.LogFormat))
	}
	if c.SearchCache < 0 || c.SearchCache > time.Minute {
		errs = append(errs, fmt.Errorf("search-cache: %v is not between 0 and 1m", c.SearchCache))
	}
	if c.MaxUpload < 1 || c.MaxUpload > 1024 {
		errs = append(errs, fmt.Errorf("max-upload: %d MiB is not between 1 and 1024", c.MaxUpload))
	}
	errs = append(errs, c.validateLimits())
	if _, err := c.TrustedProxyRanges(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// TrustedProxyRanges parses TrustedProxies: each an address (a range of
// one) or a CIDR range.
func (c Config) TrustedProxyRanges() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(c.TrustedProxies, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted-proxies: %q is neither an address (such as 10.0.0.5) nor a CIDR range (such as 10.0.0.0/8)", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// MaxUploadBytes is MaxUpload in bytes.
func (c Config) MaxUploadBytes() int64 { return int64(c.MaxUpload) << 20 }

// SQLitePath is the database file used when no PostgreSQL URL is set.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "hearth.db") }

// Secure reports whether Hearth is served over TLS, which decides the cookie prefix.
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }
