package people

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/lru"
	"hearth/internal/notify"

	"golang.org/x/sync/singleflight"
)

// Kept lists: a page of the directory or of the ranking of experts shows
// the same people to every reader who asks for it with the same filters, and
// reading it (51 people with their departments) cost as much as a whole
// simple page. So each page is read once and kept in memory under the
// versions that database triggers keep (migration 0070): people_lists_version
// moves with every change to what a row shows (a person's handle, name,
// title, department, avatar, flags; a department), a topic's holders with
// every change to who declares or lists it, its scores with every change to
// its ranking. A reader's people to meet (a few milliseconds to find among
// thousands sharing their topics) are kept too, per reader, under the
// holders' versions of the reader's own tags. A request reads the versions
// (one small query, which also reads what the layout and the filters need:
// Along) and finds its page under them; a change makes new versions, so nothing kept is ever stale,
// on this instance or another, and the old pages age out. Who may ask for a
// page is checked before, per reader: a page is kept per filter, with
// administrators' (who see disabled people) apart. The filters that depend
// on more (words, a community's members, a level in any topic) are read
// each time.

// listVersions are the versions a page is read at.
type listVersions struct {
	people  int64 // people_lists_version
	holders int64 // the topic's topic_holders_versions; 0 without one
	scores  int64 // the topic's topic_scores_versions; 0 without one
	// mine are the tags a reader declares or lists, each with its
	// holders' version ("tag\x00version\x00..."): people to meet.
	mine string
	// along is what the page's layout and filters need, read in the same
	// round trip.
	along Along
}

// Along is what a page's one query reads for the rest of the page, so that
// a kept page costs one round trip: the reader's unread notifications (the
// layout's bar) and the directory version the reader's communities (the
// community filter) are kept under (community.Service.MineAt).
type Along struct {
	Read             bool // false for a page refused before its query
	Unread           int
	DirectoryVersion int64
}

// versionsSQL reads people_lists_version with the versions of the topic $1,
// the unread notifications of the reader $3 and the directory version
// (part 0), then the tags the person $2 declares or lists, with their
// holders' versions (part 1, in order).
var versionsSQL = `SELECT 0 AS part, v.version AS n1,
		COALESCE((SELECT h.version FROM topic_holders_versions h WHERE h.tag = $1), 0) AS n2,
		COALESCE((SELECT c.version FROM topic_scores_versions c WHERE c.tag = $1), 0) AS n3,
		` + notify.UnreadColumn("$3") + ` AS n4, ` + community.DirectoryVersionColumn + ` AS n5, '' AS tag
		FROM people_lists_version v WHERE v.id = 1
	UNION ALL SELECT 1, COALESCE(h.version, 0), 0, 0, 0, 0, m.tag
		FROM (SELECT interest AS tag FROM person_interests WHERE person_id = $2
			UNION SELECT tag FROM person_expertise WHERE person_id = $2) m LEFT JOIN topic_holders_versions h ON h.tag = m.tag
	ORDER BY 1, 7`

// listVersionsOf reads the versions of the lists, for topic ("" for none)
// and, when reader is not 0, of the tags the reader declares or lists, with
// what comes along for the signed-in actor: one query.
func (s *Service) listVersionsOf(ctx context.Context, topic string, reader, actor int64) (listVersions, error) {
	rows, err := s.db.QueryContext(ctx, versionsSQL, topic, reader, actor)
	if err != nil {
		return listVersions{}, errs.Wrap(err, "read the people lists' versions")
	}
	defer rows.Close()
	var v listVersions
	var mine strings.Builder
	for rows.Next() {
		var part int
		var n1, n2, n3, n4, n5 int64
		var tag string
		if err := rows.Scan(&part, &n1, &n2, &n3, &n4, &n5, &tag); err != nil {
			return listVersions{}, errs.Wrap(err, "read the people lists' versions")
		}
		if part == 0 {
			v.people, v.holders, v.scores = n1, n2, n3
			v.along = Along{Read: true, Unread: int(n4), DirectoryVersion: n5}
			continue
		}
		mine.WriteString(tag)
		mine.WriteByte(0)
		mine.WriteString(strconv.FormatInt(n1, 10))
		mine.WriteByte(0)
	}
	v.mine = mine.String()
	return v, errs.Wrap(rows.Err(), "read the people lists' versions")
}

// keptKey names a kept page: what it lists, at which versions.
type keptKey struct {
	people     int64 // people_lists_version
	topic      int64 // the topic's holders (the directory) or scores (the ranking)
	experts    bool  // the ranking; else the directory
	tag        string
	level      Level
	department string // a slug
	admin      bool   // the directory as administrators see it
	at         At
	afterScore int
}

// keptPage is a page as read: shared by every request that finds it, so
// never changed once kept.
type keptPage struct {
	people []Person
	ranked []Ranked
	more   bool
}

// size is what p holds, roughly, in bytes: its people's text and fields.
func (p keptPage) size() int {
	n := 128
	for _, x := range p.people {
		n += personSize(x)
	}
	for _, x := range p.ranked {
		n += personSize(x.Person) + 64
	}
	return n
}

func personSize(p Person) int {
	return 192 + len(p.Handle) + len(p.Name) + len(p.Title) + len(p.Department) + len(p.DepartmentSlug)
}

// keptBudget bounds the pages kept: about 500 pages of 50 people.
const keptBudget = 8 << 20

// meetKey names a reader's people to meet: who, at which versions of the
// people and of the holders of the reader's tags.
type meetKey struct {
	person int64
	people int64
	mine   string
}

// meetSize is what a reader's suggestions hold, roughly, in bytes.
func meetSize(k meetKey, list []Suggestion) int {
	n := 128 + len(k.mine)
	for _, x := range list {
		n += personSize(x.Person) + 24
		for _, t := range x.Shared {
			n += 16 + len(t)
		}
	}
	return n
}

// meetBudget bounds the suggestions kept: a few thousand readers'.
const meetBudget = 4 << 20

// keptLists holds the pages read, and reads a missing one once for the
// requests that miss it at the same moment (just after a version moved).
type keptLists struct {
	pages   *lru.Cache[keptKey, keptPage]
	meets   *lru.Cache[meetKey, []Suggestion]
	reading singleflight.Group

	mu          sync.Mutex
	departments keptDepartments
}

// keptDepartments are every department's name, as of a people version.
type keptDepartments struct {
	version int64
	list    []Department
	read    bool
}

func newKeptLists() *keptLists {
	return &keptLists{pages: lru.New[keptKey, keptPage](keptBudget), meets: lru.New[meetKey, []Suggestion](meetBudget)}
}

// meet returns the suggestions kept under k, or reads them with read and
// keeps them.
func (c *keptLists) meet(k meetKey, read func() ([]Suggestion, error)) ([]Suggestion, error) {
	if list, ok := c.meets.Get(k); ok {
		return list, nil
	}
	list, err := read()
	if err == nil {
		c.meets.Put(k, list, meetSize(k, list))
	}
	return list, err
}

// page returns the page kept under k, or reads it with read and keeps it.
func (c *keptLists) page(k keptKey, read func() (keptPage, error)) (keptPage, error) {
	if p, ok := c.pages.Get(k); ok {
		return p, nil
	}
	v, err, _ := c.reading.Do(fmt.Sprintf("%+v", k), func() (any, error) {
		if p, ok := c.pages.Get(k); ok {
			return p, nil
		}
		p, err := read()
		if err != nil {
			return keptPage{}, err
		}
		c.pages.Put(k, p, p.size())
		return p, nil
	})
	return v.(keptPage), err
}

// departmentNames returns every department by name as of version v of the
// people lists (whose triggers watch departments too), reading them with
// read when v is not the version kept.
func (c *keptLists) departmentNames(v int64, read func() ([]Department, error)) ([]Department, error) {
	c.mu.Lock()
	d := c.departments
	c.mu.Unlock()
	if d.read && d.version == v {
		return d.list, nil
	}
	list, err := read()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if !c.departments.read || c.departments.version <= v {
		c.departments = keptDepartments{version: v, list: list, read: true}
	}
	c.mu.Unlock()
	return list, nil
}

// Version rows are taken before what they version. On PostgreSQL a
// write holds the rows of topic_holders_versions and topic_scores_versions
// it bumps until it commits, so every write takes them first, in one order
// (the person's row, then holders, then scores, each in the order of the
// tags), before the declarations, interests or scores they version:
// otherwise a recount, holding its topic's version while it writes every
// score row of the topic, and a declaration, holding a score row it has just
// written while it waits for that version, would wait on each other for
// good.

// lockHolders bumps, through tx, the holders' versions of tags, in their
// order, before a write of those topics' declarations or interests.
func lockHolders(ctx context.Context, tx *db.Tx, tags []string) error {
	return lockVersions(ctx, tx, "topic_holders_versions", tags)
}

// lockScores bumps, through tx, the scores' versions of tags, in their
// order, before a write of those topics' scores.
func lockScores(ctx context.Context, tx *db.Tx, tags []string) error {
	return lockVersions(ctx, tx, "topic_scores_versions", tags)
}

// lockVersions bumps the rows of tags in table (each made when missing),
// in the order of the tags. The bump changes nothing else: the write's
// own bumps, by trigger, follow in the same transaction.
func lockVersions(ctx context.Context, tx *db.Tx, table string, tags []string) error {
	tags = slices.Compact(slices.Sorted(slices.Values(tags)))
	if len(tags) == 0 {
		return nil
	}
	values := make([]string, len(tags))
	args := make([]any, len(tags))
	for i, t := range tags {
		values[i] = "($" + strconv.Itoa(i+1) + ", 1)"
		args[i] = t
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (tag, version) VALUES `+strings.Join(values, ", ")+`
		ON CONFLICT (tag) DO UPDATE SET version = `+table+`.version + 1`, args...)
	return errs.Wrap(err, "lock versions")
}
