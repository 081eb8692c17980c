package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hearth/internal/app"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// testTimeout bounds each browser test, Chromium included. A run takes
// 15 to 40 seconds on 2 cores under -race beside the other packages.
const testTimeout = 2 * time.Minute

// testContext returns a context that ends after testTimeout or with the test.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// site is a running Hearth on a fresh database that nobody has set up yet.
type site struct {
	t   *testing.T
	URL string
	DB  *db.DB
}

// startHearth builds the real application (router, services, SQLite
// database) and serves it on a loopback port. Unlike apptest.New it does not
// complete set-up: the first visitor does that through the pages.
func startHearth(t *testing.T) *site {
	t.Helper()
	d := dbtest.SQLite(t)
	srv := httptest.NewUnstartedServer(nil)
	cfg := config.Defaults()
	cfg.Addr = srv.Listener.Addr().String()
	cfg.BaseURL = "http://" + cfg.Addr
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		w := &testLog{t: t}
		t.Cleanup(func() { w.done.Store(true) })
		log = slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	h, _, err := app.Build(cfg, d, log)
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	return &site{t: t, URL: srv.URL, DB: d}
}

// testLog writes log lines to the test log until the test ends.
type testLog struct {
	t    *testing.T
	done atomic.Bool
}

func (w *testLog) Write(p []byte) (int, error) {
	if !w.done.Load() {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

var tokenLink = regexp.MustCompile(`https?://\S+[?&]token=[A-Za-z0-9_-]+`)

// mailLink returns the link with a token in the newest mail queued to
// address, as the person would open it from their inbox.
func (s *site) mailLink(address string) string {
	s.t.Helper()
	var body string
	err := s.DB.QueryRowContext(s.t.Context(), "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", address).Scan(&body)
	if err != nil {
		s.t.Fatalf("no mail to %s: %v", address, err)
	}
	link := tokenLink.FindString(body)
	if link == "" {
		s.t.Fatalf("no link in the mail to %s:\n%s", address, body)
	}
	if !strings.HasPrefix(link, s.URL+"/") {
		s.t.Fatalf("the link in the mail to %s does not point at this instance (%s): %s", address, s.URL, link)
	}
	return link
}

// browser is one headless Chromium for a test.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// newBrowser starts Chromium with a fresh profile, skipping the test (or
// failing it, in CI) when Chromium is not installed.
func newBrowser(t *testing.T, ctx context.Context) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		dbtest.SkipOrFail(t, chromiumPath+" is missing (Debian package chromium); browser tests skipped")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc) // waits for Chromium to exit, before its profile is removed
	bctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(quietLogf(t)))
	t.Cleanup(cancel)
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	return &browser{t: t, ctx: bctx}
}

// quietLogf reports chromedp's errors in the test log while the test runs.
func quietLogf(t *testing.T) func(string, ...any) {
	var done atomic.Bool
	t.Cleanup(func() { done.Store(true) })
	return func(format string, args ...any) {
		if !done.Load() && testing.Verbose() {
			t.Logf("chromedp: "+format, args...)
		}
	}
}

// person opens a tab in a browser context of its own: its own cookies, so
// each person has their own session, as if on their own computer.
func (b *browser) person(who string) *tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("%s: open a tab: %v", who, err)
	}
	return &tab{t: b.t, ctx: ctx, who: who}
}

// tab is one person's browser tab. Its methods fail the test themselves,
// naming the person and showing what the page said.
type tab struct {
	t   *testing.T
	ctx context.Context
	who string
}

// fatalf stops the test, with the page's address and text for diagnosis.
func (p *tab) fatalf(format string, args ...any) {
	p.t.Helper()
	msg := fmt.Sprintf(format, args...)
	// A short, separate deadline: the test's own context may be what ended.
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	p.t.Fatalf("%s: %s\n  at %s\n  the page says:\n%s", p.who, msg, loc, indent(body))
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

// open loads the address (absolute, or a path on base) and checks the page
// answered 200 OK after any redirects.
func (p *tab) open(address string) {
	p.t.Helper()
	res, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(address))
	if err != nil {
		p.fatalf("open %s: %v", address, err)
	}
	if res == nil || res.Status != http.StatusOK {
		p.fatalf("open %s: status %v", address, status(res))
	}
}

// openAny loads the address whatever the status of the answer (an error
// page, for instance).
func (p *tab) openAny(address string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(address)); err != nil {
		p.fatalf("open %s: %v", address, err)
	}
}

// pressKey sends keys to the page, to whatever has the focus.
func (p *tab) pressKey(keys string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(keys)); err != nil {
		p.fatalf("press %q: %v", keys, err)
	}
}

// press clicks the element (a button or link) that leads to another page,
// waits for that page to load and checks it answered 200 OK.
func (p *tab) press(sel chromedp.Search) {
	p.t.Helper()
	p.pressExpecting(sel, http.StatusOK)
}

// pressExpecting is press for a page that answers with another status, such
// as a form sent back with its errors (422).
func (p *tab) pressExpecting(sel chromedp.Search, code int) {
	p.t.Helper()
	res, err := chromedp.RunResponse(p.ctx, chromedp.Click(sel))
	if err != nil {
		p.fatalf("click %s: %v", sel, err)
	}
	if res == nil || res.Status != int64(code) {
		p.fatalf("click %s: the next page answered %v, want %d", sel, status(res), code)
	}
}

// status describes a response for a failure message.
func status(res *network.Response) string {
	if res == nil {
		return "no response"
	}
	return fmt.Sprintf("%d %s (%s)", res.Status, res.StatusText, res.URL)
}

// button selects the button whose accessible text is label, as a person
// (or a screen reader) finds it.
func button(label string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`//button[normalize-space(.)=%s]`, xpathString(label)))
}

// link selects the link whose text is label.
func link(label string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`//a[normalize-space(.)=%s]`, xpathString(label)))
}

// xpathString quotes s as an XPath string literal.
func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return `'` + s + `'`
}

// fill types into the form fields named in pairs (name, text): the field with
// id f-<name>, as the templates label them. It types key by key, as a person
// does, so limits such as maxlength apply.
func (p *tab) fill(pairs ...string) {
	p.t.Helper()
	if len(pairs)%2 != 0 {
		p.t.Fatalf("fill: odd number of arguments")
	}
	for i := 0; i < len(pairs); i += 2 {
		p.fillByID("f-"+pairs[i], pairs[i+1])
	}
}

// fillByID empties the field with this id and types text into it.
func (p *tab) fillByID(id, text string) {
	p.t.Helper()
	sel := chromedp.ID(id)
	clear := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).value = ""`, id))
	if err := chromedp.Do(p.ctx, chromedp.WaitVisible(sel), clear, chromedp.SendKeys(sel, text)); err != nil {
		p.fatalf("type into #%s: %v", id, err)
	}
	got, err := chromedp.Run(p.ctx, chromedp.Value(sel))
	if err != nil {
		p.fatalf("read #%s: %v", id, err)
	}
	if normalizeNewlines(got) != normalizeNewlines(text) {
		p.fatalf("#%s holds %q after typing %q", id, got, text)
	}
}

func normalizeNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// check clicks a radio button or checkbox by the text of its label.
func (p *tab) check(label string) {
	p.t.Helper()
	sel := chromedp.Search(fmt.Sprintf(`//label[contains(normalize-space(.), %s)]/input`, xpathString(label)))
	if err := chromedp.Do(p.ctx, chromedp.Click(sel)); err != nil {
		p.fatalf("choose %q: %v", label, err)
	}
	checked, err := chromedp.Run(p.ctx, chromedp.JavascriptAttribute[bool](sel, "checked"))
	if err != nil || !checked {
		p.fatalf("choose %q: not checked (%v)", label, err)
	}
}

// selectOption chooses the option with value in the select with id f-<name>,
// as a person does: the select changes and says so (a change event, which
// htmx may act on).
func (p *tab) selectOption(name, value string) {
	p.t.Helper()
	id := "f-" + name
	js := fmt.Sprintf(`(() => {
		const s = document.getElementById(%q);
		if (!s) return "no such select";
		if (![...s.options].some(o => o.value === %q)) return "no such option";
		s.value = %q;
		s.dispatchEvent(new Event("input", {bubbles: true}));
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return "";
	})()`, id, value, value)
	if err := chromedp.Do(p.ctx, chromedp.WaitVisible(chromedp.ID(id))); err != nil {
		p.fatalf("find #%s: %v", id, err)
	}
	if problem := eval[string](p, js); problem != "" {
		p.fatalf("select %q in #%s: %s", value, id, problem)
	}
}

// waitUntil waits (up to 15 seconds) until the JavaScript condition holds in
// the page, for changes made in place, without a new page.
func (p *tab) waitUntil(what, js string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		p.fatalf("waiting until %s: %v", what, err)
	}
}

// text returns the visible text of the first element matching the CSS selector.
func (p *tab) text(css string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		p.fatalf("read %s: %v", css, err)
	}
	return s
}

// see checks that the element matching css shows every one of the texts.
func (p *tab) see(css string, texts ...string) {
	p.t.Helper()
	got := p.text(css)
	for _, want := range texts {
		if !strings.Contains(got, want) {
			p.fatalf("%s shows %q, not %q", css, got, want)
		}
	}
}

// seeNo checks that the element matching css shows none of the texts.
func (p *tab) seeNo(css string, texts ...string) {
	p.t.Helper()
	got := p.text(css)
	for _, bad := range texts {
		if strings.Contains(got, bad) {
			p.fatalf("%s shows %q, which it should not", css, bad)
		}
	}
}

// path returns the path (and query) of the page the tab shows.
func (p *tab) path() string {
	p.t.Helper()
	loc, err := chromedp.Run(p.ctx, chromedp.Location())
	if err != nil {
		p.fatalf("location: %v", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		p.fatalf("location %q: %v", loc, err)
	}
	return u.RequestURI()
}

// at checks the tab shows the page at path.
func (p *tab) at(path string) {
	p.t.Helper()
	if got := p.path(); got != path {
		p.fatalf("at %s, want %s", got, path)
	}
}

// eval runs a JavaScript expression in the page and returns its result.
func eval[T any](p *tab, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// screenshot captures the whole page as PNG and checks it is one.
func (p *tab) screenshot() []byte {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.fatalf("screenshot: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 1000 {
		p.fatalf("screenshot: not a PNG image (%d bytes)", len(png))
	}
	return png
}
