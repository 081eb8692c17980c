package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hearth/internal/benchdata"
	"hearth/internal/db"
)

// spread is how many entries the entry-page target cycles over, spread
// across the library.
const spread = 500

// referenceName is the reference page's target.
const referenceName = "reference page"

// targetsFor lists what is measured, the reference first.
func targetsFor(ctx context.Context, d *db.DB, app, ref string, o Options) ([]target, error) {
	read := newClient(o.Clients)
	get := func(u string) (*http.Request, error) { return http.NewRequest(http.MethodGet, u, nil) }
	cycle := func(name string, urls []string) target {
		return target{name: name, clients: o.Clients, want: http.StatusOK, client: read,
			next: func(i int) (*http.Request, error) { return get(urls[i%len(urls)]) }}
	}
	span := max(1, o.Entries-20)
	reference := target{name: referenceName, clients: o.Clients, want: http.StatusOK, client: read,
		next: func(i int) (*http.Request, error) { return get(ref + "/?after=" + strconv.Itoa(i*7919%span)) }}
	entries, err := entryPages(ctx, d, o.Entries)
	if err != nil {
		return nil, err
	}
	var library, homes, searches []string
	for c := 1; c <= benchdata.Public; c++ {
		library = append(library, app+"/c/"+benchdata.CommunitySlug(c)+"/practice")
		homes = append(homes, app+"/c/"+benchdata.CommunitySlug(c))
	}
	for _, q := range benchdata.SearchMix() {
		v := url.Values{"q": {q.Text}}
		if q.Community != "" {
			v.Set("community", q.Community)
		}
		searches = append(searches, app+"/search?"+v.Encode())
	}
	for i := range entries {
		entries[i] = app + entries[i]
	}
	writes, err := writer(ctx, d, app)
	if err != nil {
		return nil, err
	}
	talk := app + "/c/" + benchdata.CommunitySlug(benchdata.ReaderPublic) + "/talk"
	thread := fmt.Sprintf("%s/%d", talk, benchdata.BigThread)
	replies, err := replier(ctx, app, talk, o.Threads)
	if err != nil {
		return nil, err
	}
	conference := fmt.Sprintf("%s/c/%s/gatherings/%d", app, benchdata.CommunitySlug(benchdata.ReaderPublic), benchdata.ConferenceGathering)
	return []target{
		reference,
		cycle("entry page", entries),
		cycle("library list", library),
		cycle("community home", homes),
		cycle("directory", []string{app + "/communities"}),
		cycle("search mix", searches),
		cycle(fmt.Sprintf("thread page (%d replies)", o.Replies), []string{thread}),
		cycle(fmt.Sprintf("talk list (%d threads)", o.Threads), []string{talk, talk + "?sort=votes", talk + "?kind=question", talk + "?sort=age"}),
		cycle(fmt.Sprintf("gathering page (%d going)", benchdata.People), []string{conference}),
		cycle(fmt.Sprintf("conference programme (%d sessions)", benchdata.ConferenceSessions), []string{conference + "/programme", conference + "/programme?after=25"}),
		writes,
		replies,
	}, nil
}

// replier is the sequential-replies target: the reader, signed in, replies
// one at a time to the threads of their public community (the big thread
// aside, whose page is measured before).
func replier(ctx context.Context, app, talk string, threads int) (target, error) {
	client := newClient(1)
	cookie, err := signIn(ctx, client, app)
	if err != nil {
		return target{}, err
	}
	w := benchdata.Vocabulary()
	span := max(1, min(threads-1, 100))
	return target{name: "reply (sequential writes)", clients: 1, want: http.StatusSeeOther, client: client,
		next: func(i int) (*http.Request, error) {
			body := url.Values{"kind": {"reply"}, "body": {fmt.Sprintf("Same here (%d): %s %s %s.", i, w[i%997], w[i%89], w[i%5003])}}
			id := benchdata.BigThread + 1 + i%span
			if threads == 1 {
				id = benchdata.BigThread
			}
			req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/%d/posts", talk, id), strings.NewReader(body.Encode()))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(cookie)
			return req, nil
		}}, nil
}

// entryPages lists the paths of up to spread published entries of public
// communities, spread across the id range, so that anyone may read them.
func entryPages(ctx context.Context, d *db.DB, entries int) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	step := max(1, entries/spread)
	for from := 1; from <= entries; from += step {
		var entry, community string
		err := d.QueryRowContext(ctx, `SELECT e.slug, c.slug FROM entries e JOIN communities c ON c.id = e.community_id
			WHERE e.id >= $1 AND e.maturity <> 'draft' AND c.visibility = 'public' ORDER BY e.id LIMIT 1`, from).Scan(&entry, &community)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("find entries to read: %w", err)
		}
		if p := "/c/" + community + "/practice/" + entry; !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no published entry in a public community to read")
	}
	return out, nil
}

// writer is the sequential-writes target: the reader, signed in, posts
// comments one at a time on the published entries of their public community.
func writer(ctx context.Context, d *db.DB, app string) (target, error) {
	rows, err := d.QueryContext(ctx, `SELECT slug FROM entries WHERE community_id = $1 AND maturity <> 'draft' ORDER BY id DESC LIMIT 100`,
		benchdata.ReaderPublic)
	if err != nil {
		return target{}, err
	}
	var slugs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return target{}, err
		}
		slugs = append(slugs, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return target{}, err
	}
	if len(slugs) == 0 {
		return target{}, fmt.Errorf("no published entry in %s to comment on", benchdata.CommunitySlug(benchdata.ReaderPublic))
	}
	client := newClient(1)
	cookie, err := signIn(ctx, client, app)
	if err != nil {
		return target{}, err
	}
	community := benchdata.CommunitySlug(benchdata.ReaderPublic)
	w := benchdata.Vocabulary()
	return target{name: "comment (sequential writes)", clients: 1, want: http.StatusSeeOther, client: client,
		next: func(i int) (*http.Request, error) {
			body := url.Values{"body": {fmt.Sprintf("Tried it again (%d): %s %s %s.", i, w[i%997], w[i%89], w[i%5003])}}
			req, err := http.NewRequest(http.MethodPost, app+"/c/"+community+"/practice/"+slugs[i%len(slugs)]+"/comments",
				strings.NewReader(body.Encode()))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(cookie)
			return req, nil
		}}, nil
}

// signIn signs the reader in and returns their session cookie.
func signIn(ctx context.Context, client *http.Client, app string) (*http.Cookie, error) {
	return signInAs(ctx, client, app, "p"+strconv.Itoa(benchdata.Reader)+"@example.org", Password)
}

// signInAs signs in through the sign-in form and returns the session cookie.
func signInAs(ctx context.Context, client *http.Client, app, email, password string) (*http.Cookie, error) {
	form := url.Values{"email": {email}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, app+"/signin", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Value != "" && res.StatusCode == http.StatusSeeOther {
			return c, nil
		}
	}
	return nil, fmt.Errorf("sign in as %s: status %d and no session", email, res.StatusCode)
}
