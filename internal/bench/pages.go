package bench

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"hearth/internal/db"
)

// Page is a page to measure with MeasurePages: its name and the paths its
// clients cycle through.
type Page struct {
	Name  string
	Paths []string
}

// MeasurePages measures the reference page over d (its entries table must
// hold rows) and then each of pages served by h, the application over d,
// signed in as email with password when email is set, with o's clients,
// warm-up and duration, telling how far it is on w. It is for benchmarks
// of data other than the benchmark library's (20,000 people, say): the
// report gives each page's share of the reference's requests per second,
// measured in the same run.
func MeasurePages(ctx context.Context, d *db.DB, h http.Handler, email, password string, pages []Page, o Options, w io.Writer) (Report, error) {
	rep := Report{Engine: string(d.Dialect), Clients: o.Clients, Duration: o.Duration.Seconds()}
	app, err := listen(h)
	if err != nil {
		return rep, err
	}
	defer app.close()
	ref, err := listen(Reference(d))
	if err != nil {
		return rep, err
	}
	defer ref.close()
	client := newClient(o.Clients)
	var cookie *http.Cookie
	if email != "" {
		if cookie, err = signInAs(ctx, client, app.url, email, password); err != nil {
			return rep, err
		}
	}
	var entries int
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM entries").Scan(&entries); err != nil {
		return rep, err
	}
	span := max(1, entries-20)
	targets := []target{{name: referenceName, clients: o.Clients, want: http.StatusOK, client: client,
		next: func(i int) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, ref.url+"/?after="+strconv.Itoa(i*7919%span), nil)
		}}}
	for _, p := range pages {
		targets = append(targets, target{name: p.Name, clients: o.Clients, want: http.StatusOK, client: client,
			next: func(i int) (*http.Request, error) {
				req, err := http.NewRequest(http.MethodGet, app.url+p.Paths[i%len(p.Paths)], nil)
				if err == nil && cookie != nil {
					req.AddCookie(cookie)
				}
				return req, err
			}})
	}
	o.Only = nil // every page given is measured
	err = rep.measure(ctx, targets, o, w)
	return rep, err
}
