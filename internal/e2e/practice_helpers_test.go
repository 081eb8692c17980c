package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/db"
)

// newPerson signs up someone with this handle and name (e-mail
// handle@example.org, password apptest.Password) through the service, and
// marks their address confirmed. Unlike apptest's Env.Person it does not sign
// them in too: one password hash instead of two, which counts under -race.
func newPerson(env *apptest.Env, handle, name string) auth.Actor {
	env.T.Helper()
	a, _, err := env.Auth.SignUp(env.T.Context(), auth.NewAccount{Name: name, Handle: handle, Email: handle + "@example.org",
		Password: apptest.Password}, "e2e")
	if err != nil {
		env.T.Fatalf("sign up %s: %v", handle, err)
	}
	if _, err := env.DB.ExecContext(env.T.Context(), "UPDATE people SET email_verified_at = $1 WHERE id = $2", db.Now(), a.PersonID); err != nil {
		env.T.Fatal(err)
	}
	a.Verified = true
	return a
}

// signIn has a person sign in through the form at /signin with the address
// and password apptest gives everyone it makes, and checks the header then
// names them.
func (p *tab) signIn(base, handle, name string) {
	p.t.Helper()
	p.open(base + "/signin")
	p.see("h1", "Sign in")
	p.fill("email", handle+"@example.org", "password", apptest.Password)
	p.follow(button("Sign in"))
	p.see("header.site", name)
	p.openMenu()
	p.see("header.site .menu-list", "Sign out")
	p.closeMenu()
}

// openMenu opens the avatar menu in the header, as a person clicking their
// name does.
func (p *tab) openMenu() {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS("header.site details.menu > summary"))); err != nil {
		p.fatalf("open the avatar menu: %v", err)
	}
	p.waitUntil("the avatar menu is open", `document.querySelector("header.site details.menu").open`)
}

// closeMenu closes the avatar menu again.
func (p *tab) closeMenu() {
	p.t.Helper()
	eval[bool](p, `(document.querySelector("header.site details.menu").open = false)`)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// typeAfter puts the cursor just after the first occurrence of mark in the
// text field with this id and types text there, key by key, as a person
// filling in a section of a template does.
func (p *tab) typeAfter(id, mark, text string) {
	p.t.Helper()
	p.selectText(id, mark, true)
	p.typeHere(id, text)
	if got := eval[string](p, `document.getElementById(`+jsString(id)+`).value`); !strings.Contains(normalizeNewlines(got), mark+text) {
		p.fatalf("#%s holds %q after typing %q after %q", id, got, text, mark)
	}
}

// replaceText selects the first occurrence of old in the text field with
// this id and types replacement over it.
func (p *tab) replaceText(id, old, replacement string) {
	p.t.Helper()
	before := eval[string](p, `document.getElementById(`+jsString(id)+`).value`)
	p.selectText(id, old, false)
	p.typeHere(id, replacement)
	want := strings.Replace(normalizeNewlines(before), old, replacement, 1)
	if got := eval[string](p, `document.getElementById(`+jsString(id)+`).value`); normalizeNewlines(got) != want {
		p.fatalf("#%s holds %q after typing %q over %q, want %q", id, got, replacement, old, want)
	}
}

// selectText focuses the field and selects the first occurrence of s in it,
// or, with after, puts the cursor just after it.
func (p *tab) selectText(id, s string, after bool) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.WaitVisible(chromedp.ID(id))); err != nil {
		p.fatalf("find #%s: %v", id, err)
	}
	js := fmt.Sprintf(`(() => {
		const el = document.getElementById(%s), s = %s;
		const i = el.value.indexOf(s);
		if (i < 0) return false;
		el.focus();
		if (%t) el.setSelectionRange(i + s.length, i + s.length); else el.setSelectionRange(i, i + s.length);
		return document.activeElement === el;
	})()`, jsString(id), jsString(s), after)
	if !eval[bool](p, js) {
		p.fatalf("#%s does not hold %q (it holds %q)", id, s, eval[string](p, `document.getElementById(`+jsString(id)+`).value`))
	}
}

// typeHere types text, key by key, into the focused field with this id.
func (p *tab) typeHere(id, text string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(text)); err != nil {
		p.fatalf("type %q into #%s: %v", text, id, err)
	}
}

// texts returns the text of every element matching the CSS selector.
func (p *tab) texts(css string) []string {
	p.t.Helper()
	return eval[[]string](p, `[...document.querySelectorAll(`+jsString(css)+`)].map(e => e.textContent.trim())`)
}

// labelled returns the id of the field that the label with this text is for,
// as a screen reader finds the field.
func (p *tab) labelled(scope, label string) string {
	p.t.Helper()
	js := fmt.Sprintf(`(() => {
		const l = [...document.querySelectorAll(%s)].find(l => l.textContent.trim() === %s);
		return l && document.getElementById(l.htmlFor) ? l.htmlFor : "";
	})()`, jsString(scope+" label"), jsString(label))
	id := eval[string](p, js)
	if id == "" {
		p.fatalf("no field labelled %q in %s", label, scope)
	}
	return id
}

// clickWait bounds the wait for the page a click leads to. A page takes well
// under a second here, and up to 20 seconds on a loaded machine; a click that
// leads nowhere would otherwise block until the test's deadline and leave
// nothing to diagnose it by.
const clickWait = time.Minute

// follow is press with a bounded wait for the next page.
func (p *tab) follow(sel chromedp.Search) {
	p.t.Helper()
	before, _ := chromedp.Run(p.ctx, chromedp.Location())
	ctx, cancel := context.WithTimeout(p.ctx, clickWait)
	defer cancel()
	t0 := time.Now()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
	if err != nil {
		if ctx.Err() != nil && p.ctx.Err() == nil {
			p.t.Logf("%s: no page %v after the click; the server's goroutines:\n%s", p.who, clickWait, serverStacks())
		}
		p.fatalf("click %s (on %s, %v ago): %v", sel, before, time.Since(t0).Round(time.Millisecond), err)
	}
	if res == nil || res.Status != http.StatusOK {
		p.fatalf("click %s: the next page answered %v, want 200", sel, status(res))
	}
	if d := time.Since(t0); d > 3*time.Second {
		p.t.Logf("%s: click %s took %v", p.who, sel, d.Round(time.Millisecond))
	}
}

// serverStacks returns the stacks of the goroutines running Hearth's own
// code (a handler waiting on the database, say), to tell a stuck server from
// a click the browser lost.
func serverStacks() string {
	buf := make([]byte, 4<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "hearth/internal/") && !strings.Contains(g, "hearth/internal/e2e.") {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return "    (none: the server is idle)"
	}
	return indent(strings.Join(out, "\n\n"))
}
