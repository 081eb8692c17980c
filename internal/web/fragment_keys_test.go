package web

import (
	"database/sql"
	"net/url"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/gathering"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/stewardship"
)

func TestThreadCardKeyChangesWithWhatTheCardShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	base := conversation.Thread{ID: 4, Kind: conversation.Question, Title: "Rye?", Tags: []string{"rye"}, AuthorName: "Mia",
		CreatedAt: at, LastActivityAt: at, Replies: 2, Answers: 1, Votes: 3}
	key := c.threadCardKey("bread", base)
	if c.threadCardKey("bread", base) != key {
		t.Fatal("the same card hashes differently")
	}
	changes := map[string]func(t *conversation.Thread){
		"title":    func(t *conversation.Thread) { t.Title = "Wheat?" },
		"kind":     func(t *conversation.Thread) { t.Kind = conversation.Discussion },
		"author":   func(t *conversation.Thread) { t.AuthorName = "Sam" },
		"replies":  func(t *conversation.Thread) { t.Replies = 3 },
		"answers":  func(t *conversation.Thread) { t.Answers = 2 },
		"votes":    func(t *conversation.Thread) { t.Votes = 4 },
		"accepted": func(t *conversation.Thread) { t.AcceptedPostID = 9 },
		"locked":   func(t *conversation.Thread) { t.Locked = true },
		"pinned":   func(t *conversation.Thread) { t.Pinned = true },
		"closed":   func(t *conversation.Thread) { t.Closed = true },
		"activity": func(t *conversation.Thread) { t.LastActivityAt = at.Add(time.Second) },
		"created":  func(t *conversation.Thread) { t.CreatedAt = at.Add(time.Second) },
		"tags":     func(t *conversation.Thread) { t.Tags = []string{"rye", "flour"} },
	}
	for name, change := range changes {
		th := base
		change(&th)
		if c.threadCardKey("bread", th) == key {
			t.Errorf("changing the %s keeps the card's key: a stale card would be shown", name)
		}
	}
	if c.threadCardKey("cheese", base) == key {
		t.Error("the same thread in another community keeps the card's key")
	}
}

func TestPostKeyChangesWithWhatThePostShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	base := conversation.Post{ID: 8, AuthorHandle: "mia", AuthorName: "Mia", Body: "Hi *there*", HTML: "<p>Hi <em>there</em></p>", CreatedAt: at}
	const url, ago = "/c/bread/talk/4", "3 days ago"
	key := c.postKey(url, base, ago)
	changes := map[string]func(p *conversation.Post){
		"text":     func(p *conversation.Post) { p.HTML = "<p>Hi</p>" },
		"edited":   func(p *conversation.Post) { p.Edited = true },
		"hidden":   func(p *conversation.Post) { p.Hidden = true },
		"unshown":  func(p *conversation.Post) { p.Body = "" },
		"removed":  func(p *conversation.Post) { p.Removed = true },
		"author":   func(p *conversation.Post) { p.AuthorName = "Mia R." },
		"handle":   func(p *conversation.Post) { p.AuthorHandle = "mia2" },
		"posted":   func(p *conversation.Post) { p.CreatedAt = at.Add(time.Minute) },
		"identity": func(p *conversation.Post) { p.ID = 9 },
	}
	for name, change := range changes {
		p := base
		change(&p)
		if c.postKey(url, p, ago) == key {
			t.Errorf("changing the %s keeps the post's key: a stale post would be shown", name)
		}
	}
	if c.postKey("/c/cheese/talk/4", base, ago) == key || c.postKey(url, base, "4 days ago") == key {
		t.Error("another thread's address, or another relative time, keeps the post's key")
	}
}

func TestPostToolsKeyChangesWithWhatTheToolsShow(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	base := postItem{P: conversation.Post{ID: 8, Body: "Hi *there*", Mine: true},
		C: &postCtx{URL: "/c/bread/talk/4", Slug: "bread", ThreadID: 4, CanReply: true, CanEdit: true}}
	key := c.toolsKey(&base)
	changes := map[string]func(it *postItem){
		"post":          func(it *postItem) { it.P.ID = 9 },
		"own text":      func(it *postItem) { it.P.Body = "Hi" },
		"not theirs":    func(it *postItem) { it.P.Mine = false },
		"hidden":        func(it *postItem) { it.C.CanModerate, it.P.Hidden = true, true },
		"moderator":     func(it *postItem) { it.C.CanModerate = true },
		"no replying":   func(it *postItem) { it.C.CanReply = false },
		"no editing":    func(it *postItem) { it.C.CanEdit = false },
		"promotable":    func(it *postItem) { it.CanPromote = true },
		"became":        func(it *postItem) { it.Became = &conversation.Lesson{Slug: "rye", Title: "Rye"} },
		"thread":        func(it *postItem) { it.C.URL, it.C.ThreadID = "/c/bread/talk/5", 5 },
		"community":     func(it *postItem) { it.C.URL, it.C.Slug = "/c/rye/talk/4", "rye" },
		"became titled": func(it *postItem) { it.Became = &conversation.Lesson{Slug: "rye", Title: "Dark rye"} },
	}
	became := base
	became.Became = &conversation.Lesson{Slug: "rye", Title: "Rye"}
	becameKey := c.toolsKey(&became)
	for name, change := range changes {
		it := base
		ctx := *base.C
		it.C = &ctx
		change(&it)
		if k := c.toolsKey(&it); k == key || (name == "became titled" && k == becameKey) {
			t.Errorf("changing %s keeps the tools' key: stale or another reader's tools would be shown", name)
		}
	}
}

func TestEntryCardKeyChangesWithWhatTheCardShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	base := practice.Entry{ID: 5, Slug: "rye", Kind: practice.Lesson, Title: "Rye", Summary: "Dark.", Maturity: practice.Published,
		Tags: []string{"rye"}, People: []practice.Person{{Name: "Mia"}}, UpdatedAt: at, Comments: 2, Helpful: 1}
	key := c.entryCardKey("bread", base)
	changes := map[string]func(e *practice.Entry){
		"slug":     func(e *practice.Entry) { e.Slug = "rye-2" },
		"kind":     func(e *practice.Entry) { e.Kind = practice.Story },
		"title":    func(e *practice.Entry) { e.Title = "Wheat" },
		"summary":  func(e *practice.Entry) { e.Summary = "Light." },
		"maturity": func(e *practice.Entry) { e.Maturity = practice.Reviewed },
		"stale":    func(e *practice.Entry) { e.Stale, e.StaleReason = true, "Past its review date" },
		"updated":  func(e *practice.Entry) { e.UpdatedAt = at.Add(time.Second) },
		"comments": func(e *practice.Entry) { e.Comments = 3 },
		"helpful":  func(e *practice.Entry) { e.Helpful = 2 },
		"people":   func(e *practice.Entry) { e.People = []practice.Person{{Name: "Mia"}, {Name: "Sam"}} },
		"renamed":  func(e *practice.Entry) { e.People = []practice.Person{{Name: "Mia R."}} },
		"tags":     func(e *practice.Entry) { e.Tags = []string{"rye", "flour"} },
	}
	for name, change := range changes {
		e := base
		change(&e)
		if c.entryCardKey("bread", e) == key {
			t.Errorf("changing the %s keeps the card's key: a stale card would be shown", name)
		}
	}
}

// Every field a session's card shows changes its key, so that no reader is
// shown a card that is out of date or rendered for another reader's rights.
func TestSessionKeyChangesWithWhatTheCardShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	base := sessionCard{ID: 3, Title: "Sourdough", Room: "Room 1", Track: "Tools", HTML: "<p>Starters</p>", Capacity: 20, Going: 5,
		Speakers: []gathering.Speaker{{Person: gathering.Person{ID: 2, Handle: "mia", Name: "Mia"}}}, ISOStart: "2026-12-01T09:00:00Z", Local: "Tue 1 Dec 2026, 09:00–09:50",
		GURL: "/c/bread/gatherings/1"}
	key := c.sessionKey(base)
	changes := map[string]func(x *sessionCard){
		"id":        func(x *sessionCard) { x.ID = 4 },
		"title":     func(x *sessionCard) { x.Title = "Rye" },
		"room":      func(x *sessionCard) { x.Room = "Room 2" },
		"track":     func(x *sessionCard) { x.Track = "Research" },
		"text":      func(x *sessionCard) { x.HTML = "<p>Levain</p>" },
		"capacity":  func(x *sessionCard) { x.Capacity = 30 },
		"going":     func(x *sessionCard) { x.Going = 6 },
		"waiting":   func(x *sessionCard) { x.Waiting = 1 },
		"full":      func(x *sessionCard) { x.Full = true },
		"mine":      func(x *sessionCard) { x.Mine = "going" },
		"time":      func(x *sessionCard) { x.Local = "Tue 1 Dec 2026, 10:00–10:50" },
		"iso":       func(x *sessionCard) { x.ISOStart = "2026-12-01T10:00:00Z" },
		"yours":     func(x *sessionCard) { x.Yours = "Tue 1 Dec 2026, 10:00–10:50" },
		"take":      func(x *sessionCard) { x.CanTake = true },
		"edit":      func(x *sessionCard) { x.CanEdit = true },
		"gathering": func(x *sessionCard) { x.GURL = "/c/bread/gatherings/2" },
		"speaker":   func(x *sessionCard) { x.Speakers = []gathering.Speaker{{Guest: "Ann Guest"}} },
		"speaker name": func(x *sessionCard) {
			x.Speakers = []gathering.Speaker{{Person: gathering.Person{ID: 2, Handle: "mia", Name: "Mia Renamed"}}}
		},
	}
	for name, change := range changes {
		x := base
		change(&x)
		if c.sessionKey(x) == key {
			t.Errorf("changing the %s keeps the card's key: a stale card would be shown", name)
		}
	}
}

// Every field a person's row shows changes its key.
func TestPersonKeyChangesWithWhatTheRowShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	base := personRow{Handle: "mia", Name: "Mia", Title: "Baker", Department: "Kitchens", Avatar: 1, Why: "expert (self-rated)"}
	key := c.personKey(base)
	changes := map[string]func(x *personRow){
		"handle":     func(x *personRow) { x.Handle = "mio" },
		"name":       func(x *personRow) { x.Name = "Mia R." },
		"title":      func(x *personRow) { x.Title = "Head baker" },
		"department": func(x *personRow) { x.Department = "Bakery" },
		"avatar":     func(x *personRow) { x.Avatar = 2 },
		"disabled":   func(x *personRow) { x.Disabled = true },
		"kind":       func(x *personRow) { x.ShowHandle = true },
		"why":        func(x *personRow) { x.Why = "practising (self-rated)" },
		"shares":     func(x *personRow) { x.Shares = "rye" },
	}
	for name, change := range changes {
		x := base
		change(&x)
		if c.personKey(x) == key {
			t.Errorf("changing the %s keeps the row's key: a stale row would be shown", name)
		}
	}
}

func TestHealthListKeyChangesWithWhatTheListShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	seen := time.Now().Add(-40 * 24 * time.Hour)
	base := stewardship.Health{Fading: []stewardship.Faded{{Handle: "mia", Name: "Mia", Level: people.Active,
		LastSeen: sql.NullTime{Time: seen, Valid: true}}}}
	key := c.healthListKey("fading", base)
	changes := map[string]func(f *stewardship.Faded){
		"handle":    func(f *stewardship.Faded) { f.Handle = "mio" },
		"name":      func(f *stewardship.Faded) { f.Name = "Mia R." },
		"level":     func(f *stewardship.Faded) { f.Level = people.Core },
		"last seen": func(f *stewardship.Faded) { f.LastSeen.Time = seen.Add(-24 * time.Hour) },
		"never":     func(f *stewardship.Faded) { f.LastSeen = sql.NullTime{} },
	}
	for name, change := range changes {
		h := base
		h.Fading = append([]stewardship.Faded(nil), base.Fading...)
		change(&h.Fading[0])
		if c.healthListKey("fading", h) == key {
			t.Errorf("changing the %s keeps the list's key: a stale list would be shown", name)
		}
	}
	if c.healthListKey("connectors", base) == key {
		t.Error("two lists share a key")
	}
	// The queue's rows: a question's address, title, age and experts.
	asked := time.Now().Add(-80 * time.Hour)
	queue := stewardship.Health{Queue: []stewardship.Waiting{{URL: "/c/bread/talk/1", Title: "Rye?", Asked: asked,
		Experts: []people.ExpertSuggestion{{Handle: "sam", Name: "Sam"}}}}}
	qkey := c.healthListKey("queue", queue)
	for name, change := range map[string]func(q *stewardship.Waiting){
		"address":        func(q *stewardship.Waiting) { q.URL = "/c/bread/talk/2" },
		"title":          func(q *stewardship.Waiting) { q.Title = "Spelt?" },
		"age":            func(q *stewardship.Waiting) { q.Asked = asked.Add(-24 * time.Hour) },
		"expert's name":  func(q *stewardship.Waiting) { q.Experts = []people.ExpertSuggestion{{Handle: "sam", Name: "Samuel"}} },
		"another expert": func(q *stewardship.Waiting) { q.Experts = append(q.Experts, people.ExpertSuggestion{Handle: "mia"}) },
		"no expert":      func(q *stewardship.Waiting) { q.Experts = nil },
	} {
		h := queue
		h.Queue = append([]stewardship.Waiting(nil), queue.Queue...)
		change(&h.Queue[0])
		if c.healthListKey("queue", h) == qkey {
			t.Errorf("changing the question's %s keeps the queue's key", name)
		}
	}
}

func TestFiltersKeyChangesWithWhatTheFiltersShow(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	form := func(dep, com, msg string) Form {
		f := Form{Values: url.Values{"department": {dep}, "community": {com}}, Errors: map[string]string{}}
		if msg != "" {
			f.Errors["community"] = msg
		}
		return f
	}
	base := func() peopleFilters {
		return peopleFilters{Departments: []people.Department{{Slug: "kitchens", Name: "Kitchens"}, {Slug: "wards", Name: "Wards"}},
			Communities: []community.Listing{listing("bread", "Bread")}, Form: form("wards", "", "")}
	}
	key := c.filtersKey(base())
	changes := map[string]func(x *peopleFilters){
		"a department's name": func(x *peopleFilters) { x.Departments[1].Name = "Wards and clinics" },
		"a department's slug": func(x *peopleFilters) { x.Departments[0].Slug = "kitchen" },
		"a department more": func(x *peopleFilters) {
			x.Departments = append(x.Departments, people.Department{Slug: "labs", Name: "Labs"})
		},
		"a community's name":    func(x *peopleFilters) { x.Communities[0].Name = "Bread club" },
		"a community more":      func(x *peopleFilters) { x.Communities = append(x.Communities, listing("rye", "Rye")) },
		"the chosen department": func(x *peopleFilters) { x.Form = form("kitchens", "", "") },
		"the chosen community":  func(x *peopleFilters) { x.Form = form("wards", "bread", "") },
		"the community's error": func(x *peopleFilters) { x.Form = form("wards", "", "Choose one of your communities.") },
		"an option moved": func(x *peopleFilters) {
			x.Communities, x.Departments = nil, append(x.Departments, people.Department{Slug: "bread", Name: "Bread"})
		},
	}
	for name, change := range changes {
		x := base()
		change(&x)
		if c.filtersKey(x) == key {
			t.Errorf("changing %s keeps the filters' key: stale filters would be shown", name)
		}
	}
}

func listing(slug, name string) community.Listing {
	var l community.Listing
	l.Slug, l.Name = slug, name
	return l
}
