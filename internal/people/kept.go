package people

import (
	"context"
	"fmt"
	"sync"

	"hearth/internal/errs"
	"hearth/internal/lru"

	"golang.org/x/sync/singleflight"
)

// Kept lists: a page of the directory or of the ranking of experts shows
// the same people to every reader who asks for it with the same filters, and
// reading it (51 people with their departments) cost as much as a whole
// simple page. So each page is read once and kept in memory under the
// versions that database triggers keep (migration 0070): people_lists_version
// moves with every change to what a row shows (a person's handle, name,
// title, department, avatar, flags; a department) and a topic's row of
// expertise_topic_versions with every change to its declarations and
// scores. A request reads the versions (one small query) and finds its page
// under them; a change makes new versions, so nothing kept is ever stale,
// on this instance or another, and the old pages age out. Who may ask for a
// page is checked before, per reader: a page is kept per filter, with
// administrators' (who see disabled people) apart. The filters that depend
// on more (words, a community's members, a level in any topic) are read
// each time.

// listVersions are the versions a page is read at.
type listVersions struct {
	people int64 // people_lists_version
	topic  int64 // the topic's expertise_topic_versions; 0 without one
}

// listVersionsOf reads the versions of the lists, for topic ("" for none).
func (s *Service) listVersionsOf(ctx context.Context, topic string) (listVersions, error) {
	var v listVersions
	err := s.db.QueryRowContext(ctx, `SELECT v.version, COALESCE((SELECT t.version FROM expertise_topic_versions t WHERE t.tag = $1), 0)
		FROM people_lists_version v WHERE v.id = 1`, topic).Scan(&v.people, &v.topic)
	return v, errs.Wrap(err, "read the people lists' versions")
}

// keptKey names a kept page: what it lists, at which versions.
type keptKey struct {
	versions   listVersions
	experts    bool // the ranking; else the directory
	topic      string
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

// keptLists holds the pages read, and reads a missing one once for the
// requests that miss it at the same moment (just after a version moved).
type keptLists struct {
	pages   *lru.Cache[keptKey, keptPage]
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
	return &keptLists{pages: lru.New[keptKey, keptPage](keptBudget)}
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
