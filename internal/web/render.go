package web

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/instance"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/revision"
	"hearth/internal/stewardship"
)

// Layout is what the base layout needs on every page; each page's data
// struct embeds it.
type Layout struct {
	Title           string
	Actor           auth.Actor
	Instance        instance.Settings
	Flash           string
	Path            string
	DevOutbox       bool
	Community       *community.View // set on a community's pages: header and tabs
	CommunityHeader template.HTML   // the header rendered (see communityHeader)
	Bar             template.HTML   // the site's bar rendered (see siteBar)
	Tab             string          // the community tab shown
	OwnH1           bool            // the page's content has its own h1 (an entry's title): the community's name is not one
	Crumbs          []Crumb
	FeedURL         string // the page's Atom feed, announced to feed readers
	FeedTitle       string // what that feed holds (default: new and updated entries)
	Unread          int    // the person's unread notifications, for the header
	UnreadRead      bool   // Unread was read with the page's own query
	OwnVerifyNotice bool   // the page says itself that the address needs confirming
}

// Crumb is one step of the breadcrumbs.
type Crumb struct {
	Label string
	URL   string
}

func (l *Layout) layout() *Layout { return l }

// page is implemented by every page's data through its embedded Layout.
type page interface{ layout() *Layout }

// pages holds one parsed template set per page, each with the base layout.
type pages struct {
	sets map[string]*template.Template
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func parsePages() (*pages, error) {
	p := &pages{sets: map[string]*template.Template{}}
	shared := []string{"templates/layout.html", "templates/partials/*.html"}
	err := fs.WalkDir(assets, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") || name == "templates/layout.html" || strings.HasPrefix(name, "templates/partials/") {
			return err
		}
		t, err := template.New(path.Base(name)).Funcs(funcs).ParseFS(assets, append(shared, name)...)
		if err != nil {
			return fmt.Errorf("parse %s: %w", name, err)
		}
		p.sets[strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")] = t
		return nil
	})
	return p, err
}

// render writes the page named name (its path under templates/, without
// .html) with data, after filling in the layout. It renders into a buffer
// first, so that a template error is a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data page) {
	t, ok := s.pages.sets[name]
	if !ok {
		s.fail(w, r, fmt.Errorf("no template %q", name))
		return
	}
	l := data.layout()
	l.Actor = actorOf(r)
	l.Path = r.URL.Path
	l.DevOutbox = s.DevOutbox
	switch c := l.Community; {
	case l.UnreadRead: // read with the page's own query, in the same request
	case c != nil && c.UnreadRead && c.Actor.PersonID == l.Actor.PersonID:
		l.Unread = c.Unread // read with the community, in the same request
	case l.Actor.SignedIn() && s.Notifier != nil:
		if n, err := s.Notifier.Unread(r.Context(), l.Actor.PersonID); err == nil {
			l.Unread = n
		}
	}
	if st, err := s.instanceSettings(r.Context()); err == nil {
		l.Instance = st
	}
	if c, err := r.Cookie(flashCookie); err == nil {
		if msg, err := url.QueryUnescape(c.Value); err == nil {
			l.Flash = msg
		}
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode})
	}
	if l.Community != nil {
		h, err := s.communityHeader(t, l)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		l.CommunityHeader = h
	}
	bar, err := s.siteBar(t, l)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l.Bar = bar
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := executeLayout(buf, t, l, data); err != nil {
		s.Logger.Error("render", "template", name, "err", err, "request_id", requestIDOf(r))
		http.Error(w, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) && w.Header().Get("Retry-After") == "" {
		// A form shown again after a refusal: its handler had the error, this is the fallback.
		w.Header().Set("Retry-After", strconv.Itoa(int(defaultRetryAfter/time.Second)))
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// keptContent is a page whose content is rendered and kept already (the
// health page's): it is written as it is, not through a template (which
// would copy it through fmt's buffers, a new one for each 100 KB page).
type keptContent interface{ keptContent() template.HTML }

// executeLayout writes the page: the layout's top from l, the page's
// content from data, the layout's bottom from l (templates/layout.html).
func executeLayout(buf *bytes.Buffer, t *template.Template, l *Layout, data page) error {
	if err := t.ExecuteTemplate(buf, "layout-top", l); err != nil {
		return err
	}
	if k, ok := data.(keptContent); ok {
		buf.WriteString(string(k.keptContent()))
	} else if err := t.ExecuteTemplate(buf, "content", data); err != nil {
		return err
	}
	return t.ExecuteTemplate(buf, "layout-bottom", l)
}

const flashCookie = "hearth_flash"

// redirect sends the browser to target after a successful POST, with an
// optional one-time message for the next page.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, target, flash string) {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(flash), Path: "/", MaxAge: 60,
			HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode})
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

var funcs = template.FuncMap{
	"initials": people.Initials,
	"ago":      ago,
	"phrase":   activity.Phrase,
	"modline":  conversation.LogLine,
	"reason":   reasonText,
	"iso":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"timetag":  timeTag,
	"exact":    func(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 UTC") },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"title": func(s string) string { return strings.ToUpper(s[:min(1, len(s))]) + s[min(1, len(s)):] },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"stages":           func() any { return community.Stages },
	"readsInstitution": stewardship.ReadsInstitution,
	"paragraphs":       paragraphs,
	"lines":            lines,
	"day":              func(t time.Time) string { return t.UTC().Format("2 January 2006") },
	"svgnum":           svgNum,
	"kinds":            func() []practice.KindInfo { return practice.Kinds },
	"maturities":       func() []practice.Maturity { return practice.Maturities },
	"entryCard": func(slug string, e practice.Entry) entryCard {
		return entryCard{CommunitySlug: slug, Kind: e.Kind, Entry: e}
	},
	"diffHTML": revision.HTML,
	"audience": audienceWords,
}

// entryCard is what the entry-card partial shows.
type entryCard struct {
	CommunitySlug string
	Kind          practice.Kind
	Entry         practice.Entry
}

// ago says how long ago t was, in words.
// timeTag is t as a <time> element: relative, with the exact time in its
// title and datetime. Built here in one call (a template would make six
// for it, escapers included: it is on every post of a long thread).
func timeTag(t time.Time) template.HTML {
	u := t.UTC()
	return template.HTML(`<time datetime="` + u.Format(time.RFC3339) + `" title="` + u.Format("2 January 2006, 15:04 UTC") + `">` +
		html.EscapeString(ago(t)) + `</time>`) //nolint:gosec // formatted times and ago's words, escaped
}

func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	case d < 30*24*time.Hour:
		return plural(int(d.Hours()/24), "day") + " ago"
	case d < 365*24*time.Hour:
		return plural(int(d.Hours()/24/30), "month") + " ago"
	}
	return plural(int(d.Hours()/24/365), "year") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// paragraphs splits plain text at blank lines, for charter fields.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var listMarker = regexp.MustCompile(`^(?:[-*•]|\d+[.)])\s+`)

// lines splits plain text into its non-empty lines, dropping a leading list
// marker ("- ", "* ", "1. "), for fields written one item per line.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(listMarker.ReplaceAllString(strings.TrimSpace(l), ""))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
