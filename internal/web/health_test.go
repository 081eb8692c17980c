package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// healthWorld is a community "bread" stewarded by sam with a member mia,
// an outsider and an administrator; waiting adds questions asked days ago
// that nobody answered, tagged with a topic sam declared expertise in.
type healthWorld struct {
	e *apptest.Env
	d *db.DB
}

func newHealthWorld(t *testing.T, d *db.DB) *healthWorld {
	t.Helper()
	e := apptest.New(t, d)
	sam := e.Person("sam")
	e.Community(sam, "bread", community.Public, community.Open)
	e.SetMembership("bread", e.Person("mia"), community.RoleMember, community.ActiveMember)
	e.Person("out")
	ada := e.Person("ada")
	if _, err := d.ExecContext(t.Context(), "UPDATE people SET is_admin = TRUE WHERE id = $1", ada.PersonID); err != nil {
		t.Fatal(err)
	}
	if r := e.As("sam").Post("/account/expertise", form("topic_0", "sourdough", "level_0", "expert")); r.Status != http.StatusSeeOther {
		t.Fatalf("expertise: %d", r.Status)
	}
	return &healthWorld{e: e, d: d}
}

func (w *healthWorld) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := w.d.ExecContext(t.Context(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// waiting adds n unanswered questions by mia, asked days ago, the first
// titled title.
func (w *healthWorld) waiting(t *testing.T, n int, title string) {
	t.Helper()
	mia := w.e.Actor("mia")
	for i := range n {
		at := db.Now().Add(-time.Duration(4*24+i) * time.Hour)
		ti := title
		if i > 0 {
			ti = fmt.Sprintf("%s %d", title, i)
		}
		var id int64
		err := w.d.Writer().QueryRowContext(t.Context(), `INSERT INTO threads (community_id, kind, title, body, author_id, created_at, last_activity_at)
			SELECT id, 'question', $1, 'Why?', $2, $3, $3 FROM communities WHERE slug = 'bread' RETURNING id`, ti, mia.PersonID, at).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		w.exec(t, `INSERT INTO thread_tags (thread_id, tag, community_id) SELECT id, 'sourdough', community_id FROM threads WHERE id = $1`, id)
		w.exec(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at)
			SELECT $1, 'question.asked', 'thread', $2, id, $3 FROM communities WHERE slug = 'bread'`, mia.PersonID, id, at)
	}
}

// recount runs the jobs that follow activity now rather than in a few minutes.
func (w *healthWorld) recount(t *testing.T) {
	t.Helper()
	for range 3 {
		w.exec(t, `UPDATE jobs SET run_at = $1 WHERE kind IN ('people.participation.recount', 'people.expertise.refresh', 'stewardship.health.recount') AND status = 'queued'`, db.Now())
		if _, err := w.e.Worker.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
}

// The health page and its CSV files are for the community's stewards and
// administrators (everyone else: 404); the page shows the waiting question
// with its expert, the chart with its table, and the figures next to the
// period before; a figure's CSV neutralises formulas; the rules have a page.
func TestHealthPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		e := w.e
		w.waiting(t, 1, "=cmd|' /C calc'!A0 rye?")
		// mia's department has one person: its share is never shown.
		w.exec(t, `INSERT INTO departments (name, slug, created_at) VALUES ('Secret Lab', 'lab', $1)`, db.Now())
		w.exec(t, `UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = 'lab') WHERE handle = 'mia'`)
		w.recount(t)
		paths := []string{"/c/bread/health", "/c/bread/health?days=30", "/c/bread/health/unanswered.csv", "/c/bread/health/rings.csv?days=365"}
		for who, c := range map[string]*apptest.Client{"member": e.As("mia"), "outsider": e.As("out"), "visitor": e.Visitor()} {
			for _, p := range paths {
				if r := c.Get(p); r.Status != http.StatusNotFound {
					t.Errorf("%s GET %s: %d", who, p, r.Status)
				}
			}
		}
		for who, c := range map[string]*apptest.Client{"steward": e.As("sam"), "admin": e.As("ada")} {
			for _, p := range paths {
				if r := c.Get(p); r.Status != http.StatusOK {
					t.Errorf("%s GET %s: %d", who, p, r.Status)
				}
			}
			if r := c.Get("/c/bread/health/secrets.csv"); r.Status != http.StatusNotFound {
				t.Errorf("%s: an unknown figure: %d", who, r.Status)
			}
		}
		page := e.As("sam").Get("/c/bread/health").Body
		for _, want := range []string{`<strong aria-current="page">90 days</strong>`, `<a href="/c/bread/health?days=30">30 days</a>`,
			`=cmd|&#39; /C calc&#39;!A0 rye?</a>`, `Who might know: <a href="/people/sam">Sam Tester</a>`,
			`<svg role="img" aria-labelledby="response-t response-d"`, `<title id="rings-t">Members on each ring</title>`,
			`<th scope="row">Questions waiting more than 72 hours <span class="meta">(lower is better)</span></th><td>1</td><td>—</td>`,
			`<th scope="row">Occasional members</th><td>1</td><td>0</td><td><span class="badge verdict-higher">higher</span>`,
			`href="/c/bread/health/rings.csv?days=90"`, `<title id="retention-t">Retention</title>`, `href="/c/bread/health/funnel.csv?days=90"`, `<h2 id="stale-h">Stale knowledge</h2>`,
			`<title id="rhythm-t">Rhythm of the week</title>`, `in UTC (the time zone of most`, `href="/c/bread/health/rhythm.csv?days=90"`,
			`<title id="gatherings-t">Who came to gatherings</title>`, `<th scope="row">Gathering attendees <span class="meta">(higher is better)</span></th>`,
			`No department has 5 people or more`, `<title id="ei-t">Exchange across departments</title>`} {
			if !strings.Contains(page, want) {
				t.Errorf("the health page lacks %s", want)
			}
		}
		if strings.Contains(page, "Secret Lab") {
			t.Error("the health page names a department of one person")
		}
		// The long tables are behind their CSV, linked under their chart;
		// the short ones (the months, the gatherings) stay in the page.
		for _, name := range []string{"rings", "response", "funnel", "retention", "rhythm", "ei"} {
			link := `<a href="/c/bread/health/` + name + `.csv?days=90" download>`
			if !strings.Contains(page, `<p class="data">`+link) {
				t.Errorf("the %s chart does not link its data as CSV", name)
			}
			if r := e.As("sam").Get("/c/bread/health/" + name + ".csv?days=90"); r.Status != http.StatusOK ||
				!strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") || strings.Count(r.Body, "\n") < 2 {
				t.Errorf("%s.csv, linked from the page: %d %q\n%s", name, r.Status, r.Header.Get("Content-Type"), r.Body)
			}
		}
		if strings.Contains(page, `<caption class="sr">Time to first response, week by week</caption>`) ||
			!strings.Contains(page, `<caption class="sr">Gathering follow-through</caption>`) {
			t.Error("the weeks' table should be linked, the gatherings' shown")
		}
		for _, name := range []string{"rhythm", "gatherings", "departments", "exchange", "ei", "connectors"} {
			if r := e.As("sam").Get("/c/bread/health/" + name + ".csv?days=30"); r.Status != http.StatusOK || strings.Contains(r.Body, "Secret Lab") {
				t.Errorf("%s.csv: %d\n%s", name, r.Status, r.Body)
			}
		}
		if rhythm := e.As("sam").Get("/c/bread/health/rhythm.csv").Body; !strings.HasPrefix(rhythm, "weekday,hour,contributions,gatherings starting\n") ||
			strings.Count(rhythm, "\n") != 2 { // the one question asked
			t.Errorf("rhythm as CSV:\n%s", rhythm)
		}
		csv := e.As("sam").Get("/c/bread/health/unanswered.csv")
		if ct := csv.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(csv.Header.Get("Content-Disposition"), "bread-unanswered-90-days.csv") {
			t.Errorf("csv headers: %v", csv.Header)
		}
		if !strings.HasPrefix(csv.Body, "question,asked,address,suggested experts\n") || !strings.Contains(csv.Body, "\n'=cmd|' /C calc'!A0 rye?,") ||
			!strings.Contains(csv.Body, "Sam Tester (@sam)") {
			t.Errorf("the queue as CSV:\n%s", csv.Body)
		}
		if rings := e.As("sam").Get("/c/bread/health/rings.csv?days=365").Body; !strings.Contains(rings, "ring,last 365 days,the 365 days before\ncore,0,0\n") {
			t.Errorf("rings as CSV:\n%s", rings)
		}
		if home := e.As("sam").Get("/c/bread").Body; !strings.Contains(home, `<a href="/c/bread/health">Community health</a>`) {
			t.Error("the steward's home does not link the health page")
		}
		if r := e.Visitor().Get("/help/health"); r.Status != http.StatusOK || !strings.Contains(r.Body, "more than 72 hours") {
			t.Errorf("help page: %d", r.Status)
		}
	})
}

// The health page runs the same queries whatever the community's history:
// a few waiting questions or many, a little activity or much more.
func TestHealthPageQueryCountDoesNotGrow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		sam := w.e.As("sam")
		w.waiting(t, 2, "Few")
		w.recount(t)
		few := leastQueries(t, d, sam, "/c/bread/health")
		w.waiting(t, 40, "Many")
		for i := range 30 {
			h := fmt.Sprintf("m%02d", i)
			w.e.SetMembership("bread", w.e.Person(h), community.RoleMember, community.ActiveMember)
			w.exec(t, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at)
				SELECT p.id, 'entry.published', 'entry', 1, c.id, $1 FROM people p, communities c WHERE p.handle = $2 AND c.slug = 'bread'`,
				db.Now().Add(-time.Duration(35+i)*24*time.Hour), h)
		}
		// Six departments of five, all at one gathering: the rhythm, the
		// departments, their exchange and the connectors have many rows.
		for k := range 6 {
			w.exec(t, `INSERT INTO departments (name, slug, created_at) VALUES ($1, $1, $2)`, fmt.Sprintf("dep%d", k), db.Now())
			for i := k * 5; i < k*5+5; i++ {
				w.exec(t, `UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = $1) WHERE handle = $2`, fmt.Sprintf("dep%d", k), fmt.Sprintf("m%02d", i))
			}
		}
		start := db.Now().Add(-10 * 24 * time.Hour)
		w.exec(t, `INSERT INTO gatherings (community_id, title, time_zone, starts_at, minutes, created_at, updated_at)
			SELECT id, 'All hands', 'Europe/Paris', $1, 60, $1, $1 FROM communities WHERE slug = 'bread'`, start)
		w.exec(t, `INSERT INTO gathering_occurrences (gathering_id, community_id, original_start, starts_at, ends_at)
			SELECT id, community_id, starts_at, starts_at, $1 FROM gatherings WHERE title = 'All hands'`, start.Add(time.Hour))
		w.exec(t, `INSERT INTO gathering_rsvps (occurrence_id, person_id, answer, answered_at, attended)
			SELECT o.id, p.id, 'going', $1, TRUE FROM gathering_occurrences o, people p WHERE p.department_id IS NOT NULL`, start)
		// Something new happens: the recount after activity follows.
		if r := w.e.As("mia").Post("/c/bread/practice/new", form("kind", "lesson", "title", "Rye", "summary", "About rye.", "action", "publish")); r.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", r.Status)
		}
		w.recount(t)
		if body := sam.Get("/c/bread/health").Body; !strings.Contains(body, "Many 39") || !strings.Contains(body, `text-anchor="end">dep5</text>`) ||
			!strings.Contains(body, "exchanged with 5 other departments") {
			t.Fatalf("the many questions, departments or connectors are not on the page")
		}
		many := leastQueries(t, d, sam, "/c/bread/health")
		t.Logf("GET /c/bread/health: %d queries with 2 waiting questions, %d with 42 and 30 more members", few, many)
		// The community with the reader's unread notifications for the
		// layout, the run, the names' and experts' versions and the
		// checklist: the lists and the waiting questions' experts come
		// from memory and the figures and charts from the fragment cache
		// until the next run, rename or change to an expert.
		if few > 1 {
			t.Errorf("the health page ran %d queries, want at most 1", few)
		}
		if many != few {
			t.Errorf("the health page ran %d queries with a short history, %d with a longer one", few, many)
		}
	})
}
