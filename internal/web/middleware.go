package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"hearth/internal/auth"
)

type ctxKey int

const (
	actorKey ctxKey = iota
	requestIDKey
)

// actorOf returns who is making the request (the zero Actor for a visitor).
func actorOf(r *http.Request) auth.Actor {
	a, _ := r.Context().Value(actorKey).(auth.Actor)
	return a
}

func requestIDOf(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey).(string)
	return id
}

// statusRecorder remembers the status a handler wrote, for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests gives each request an id (in the log and the X-Request-Id
// header), logs it when done, and turns a panic into a 500 page.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		b := make([]byte, 8)
		rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p) // a handler cuts a response off on purpose (a failed download): let net/http drop the connection
				}
				s.Logger.Error("panic", "request_id", id, "panic", p, "stack", string(debug.Stack()))
				if rec.status == 0 {
					http.Error(rec, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
				}
			}
			level := slog.LevelInfo
			if rec.status == http.StatusServiceUnavailable {
				level = slog.LevelWarn // busy (a burst of sign-ins), not broken
			} else if rec.status >= 500 {
				level = slog.LevelError
			}
			if s.Logger.Enabled(r.Context(), level) { // building the attributes costs even when nothing is logged
				s.Logger.Log(r.Context(), level, "request", "request_id", id, "method", r.Method, "path", r.URL.Path,
					"status", rec.status, "duration_ms", float64(time.Since(start).Microseconds())/1000)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// hsts keeps browsers on https for two years once they have seen an https
// site, subdomains included, so that no later visit starts on plain http.
const hsts = "max-age=63072000; includeSubDomains"

// securityHeaders sets the headers every response carries. The policy allows
// no inline script or style: all of it comes from our own /static.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if s.Secure {
			h.Set("Strict-Transport-Security", hsts)
		}
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// crossOrigin refuses a state-changing request from another origin with
// 403: net/http's check (the browser's Sec-Fetch-Site, else the Origin's
// host against Host), and, on an https site, an Origin that is not https
// where there is no Sec-Fetch-Site. net/http compares hosts only, so
// without that second check a page on http://our-host (an attacker on the
// network can serve one) could post to https://our-host from a browser
// that sends no Sec-Fetch-Site.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	check := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := check.Check(r)
		if err == nil && s.Secure {
			err = httpsOrigin(r)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

var errInsecureOrigin = errors.New("cross-origin request detected from an http:// page to this https site")

// httpsOrigin accepts a safe method, a request whose browser judged it
// with Sec-Fetch-Site (an origin includes its scheme, so an http page is
// never "same-origin" to an https site, and net/http has refused the rest),
// a request without Origin (not from a browser page), and an https Origin.
func httpsOrigin(r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	origin := r.Header.Get("Origin")
	if origin == "" || r.Header.Get("Sec-Fetch-Site") != "" {
		return nil
	}
	if u, err := url.Parse(origin); err == nil && u.Scheme == "https" {
		return nil
	}
	return errInsecureOrigin
}

// cookieName is the session cookie's name: __Host- prefixed over TLS, which
// binds it to this exact host and path /.
func (s *Server) cookieName() string {
	if s.Secure {
		return "__Host-hearth_session"
	}
	return "hearth_session"
}

// withActor reads the session cookie and puts the actor in the context.
func (s *Server) withActor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r)
			return
		}
		var a auth.Actor
		if c, err := r.Cookie(s.cookieName()); err == nil && c.Value != "" {
			var err error
			a, err = s.Auth.Session(r.Context(), c.Value)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if !a.SignedIn() {
				s.clearSession(w)
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), actorKey, a)))
	})
}

// requireSetup sends every page to /setup until the first administrator exists.
func (s *Server) requireSetup(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/setup" || p == "/healthz" || strings.HasPrefix(p, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		st, err := s.instanceSettings(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !st.SetupDone {
			// Set-up may just have finished on another instance: look again.
			s.forgetSettings()
			if st, err = s.instanceSettings(r.Context()); err != nil || !st.SetupDone {
				http.Redirect(w, r, "/setup", http.StatusSeeOther)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: token, Path: "/", HttpOnly: true, Secure: s.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.SessionTTL.Seconds())})
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", HttpOnly: true, Secure: s.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// clientIP is the address sign-in throttling counts per client.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
