package bench

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"hearth/internal/db"
)

// The reference page is the least a page of Hearth could cost on this
// machine: Go's net/http, the same database driver (through the same *db.DB,
// so with the same prepared statements), and html/template listing 20 rows
// of the entries table, from a place given by the query (keyset, by id). A
// Hearth page's throughput is reported as a share of it.
var referencePage = template.Must(template.New("reference").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Entries</title></head>
<body><h1>Entries</h1>
<ul>{{range .}}<li><a href="/e/{{.Slug}}">{{.Title}}</a> <time>{{.Updated.Format "2 January 2006"}}</time><p>{{.Summary}}</p></li>
{{end}}</ul></body></html>
`))

type referenceRow struct {
	Slug, Title, Summary string
	Updated              time.Time
}

// Reference serves the reference page over d's entries table: GET
// /?after=N lists the 20 entries after id N.
func Reference(d *db.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		after, _ := strconv.Atoi(r.URL.Query().Get("after"))
		rows, err := d.QueryContext(r.Context(), "SELECT slug, title, summary, updated_at FROM entries WHERE id > $1 ORDER BY id LIMIT 20", after)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		var list []referenceRow
		for rows.Next() {
			var e referenceRow
			if err := rows.Scan(&e.Slug, &e.Title, &e.Summary, &e.Updated); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			list = append(list, e)
		}
		if err := rows.Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := referencePage.Execute(w, list); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
}
