package demo

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"hearth/internal/community"
	"hearth/internal/practice"
)

// TestDataIsConsistent checks the demo data the way the forms would check a
// person's input, and that every reference in it resolves.
func TestDataIsConsistent(t *testing.T) {
	handle := regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$`)
	depts := map[string]bool{}
	for _, d := range departments {
		if community.Slugify(d.Name) == "" || community.Slugify(d.Slug) != d.Slug {
			t.Errorf("department slug %q", d.Slug)
		}
		depts[d.Slug] = true
	}
	handles, emails := map[string]bool{}, map[string]bool{}
	for _, p := range people {
		if !handle.MatchString(p.Handle) || handles[p.Handle] || emails[p.email()] {
			t.Errorf("person %q: bad or repeated handle or e-mail %q", p.Handle, p.email())
		}
		if !depts[p.Dept] || p.Title == "" || p.Bio == "" || p.Joined < 1 || p.Joined > 740 {
			t.Errorf("person %q: department, title, bio or joined missing or wrong", p.Handle)
		}
		handles[p.Handle], emails[p.email()] = true, true
	}
	for _, c := range communities {
		if community.Slugify(c.Slug) != c.Slug || utf8.RuneCountInString(c.Name) > 80 {
			t.Errorf("community %q: slug or name", c.Slug)
		}
		for field, text := range map[string]string{"purpose": c.Purpose, "scope": c.Scope, "key questions": c.KeyQuestions, "who should join": c.WhoShouldJoin} {
			if n := utf8.RuneCountInString(text); n < 200 || n > 2000 {
				t.Errorf("community %q: %s is %d characters", c.Slug, field, n)
			}
		}
		for _, tag := range c.Tags {
			if tags, msg := community.ParseTags(tag); msg != "" || len(tags) != 1 || tags[0] != tag {
				t.Errorf("community %q: tag %q: %q", c.Slug, tag, msg)
			}
		}
		ms := memberships[c.Slug]
		if len(ms) == 0 || ms[0].Handle != c.Creator || ms[0].Role != "steward" {
			t.Errorf("community %q: its creator %q is not its first steward", c.Slug, c.Creator)
		}
		seen := map[string]bool{}
		for _, m := range ms {
			if !handles[m.Handle] || seen[m.Handle] {
				t.Errorf("community %q: unknown or repeated member %q", c.Slug, m.Handle)
			}
			seen[m.Handle] = true
		}
	}
	if len(memberships) != len(communities) {
		t.Errorf("memberships name %d communities, the data defines %d", len(memberships), len(communities))
	}
	a := Accounts()
	if communityName(a.Steward.Community) == a.Steward.Community {
		t.Errorf("the steward's community %q is not in the data", a.Steward.Community)
	}
}

// TestRepertoiresAreConsistent checks the practice data the way the entry
// forms would, and that it tells a consistent story: everyone who writes,
// comments or finds an entry helpful is an active member by then, nothing
// happens in the archived community after it closed, and every revision's
// text can be recovered.
func TestRepertoiresAreConsistent(t *testing.T) {
	// When each active member joined, in days before now, as the loaders
	// compute it (at a fixed now: only differences matter).
	l := &loaded{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	joinedPerson := map[string]time.Time{}
	for _, p := range people {
		joinedPerson[p.Handle] = l.ago(p.Joined)
	}
	joined := map[string]float64{} // by memberKey
	roles := map[string]string{}   // by memberKey
	for _, c := range communities {
		com := row{At: later(l.ago(c.Created), joinedPerson[c.Creator].Add(24*time.Hour))}
		for i, m := range memberships[c.Slug] {
			if m.Status == "active" {
				at := joinedAt(l, com, row{At: joinedPerson[m.Handle]}, i, m.Status)
				joined[memberKey(c.Slug, m.Handle)] = l.now.Sub(at).Hours() / 24
				roles[memberKey(c.Slug, m.Handle)] = m.Role
			}
		}
	}
	sections := map[string][]string{}
	for _, k := range practice.Kinds {
		for _, line := range strings.Split(k.Template, "\n") {
			if strings.HasPrefix(line, "## ") {
				sections[string(k.Kind)] = append(sections[string(k.Kind)], line)
			}
		}
	}

	total := 0
	for _, c := range communities {
		rep, ok := repertoires[c.Slug]
		if !ok {
			t.Errorf("community %q has no repertoire", c.Slug)
			continue
		}
		// member checks that handle is an active member who had joined
		// more than a day before days ago (and, in the archived community,
		// that days ago is before it closed).
		member := func(what, handle string, days int) {
			t.Helper()
			j, ok := joined[memberKey(c.Slug, handle)]
			switch {
			case !ok:
				t.Errorf("%s/%s: %s %q is not an active member", c.Slug, what, "person", handle)
			case float64(days) > j-1:
				t.Errorf("%s/%s: %q acts %d days ago but joined %.1f days ago", c.Slug, what, handle, days, j)
			case c.Archived > 0 && days <= c.Archived:
				t.Errorf("%s/%s: %q acts %d days ago, after the community was archived", c.Slug, what, handle, days)
			}
		}
		kinds, drafts, stale := map[string]int{}, 0, 0
		slugs := map[string]string{} // slug -> maturity
		total += len(rep.Entries)
		if n := len(rep.Entries); n < 8 || n > 12 {
			t.Errorf("%s has %d entries, want 8 to 12", c.Slug, n)
		}
		for _, e := range rep.Entries {
			where := e.Slug
			if community.Slugify(e.Slug) != e.Slug || len(e.Slug) > 48 || slugs[e.Slug] != "" {
				t.Errorf("%s/%s: bad or repeated slug", c.Slug, where)
			}
			slugs[e.Slug] = e.Maturity
			kinds[e.Kind]++
			if _, ok := practice.InfoOf(practice.Kind(e.Kind)); !ok {
				t.Errorf("%s/%s: kind %q", c.Slug, where, e.Kind)
			}
			if !slices.Contains(practice.Maturities, practice.Maturity(e.Maturity)) {
				t.Errorf("%s/%s: maturity %q", c.Slug, where, e.Maturity)
			}
			if n := utf8.RuneCountInString(e.Title); n < 3 || n > practice.MaxTitle || strings.Join(strings.Fields(e.Title), " ") != e.Title {
				t.Errorf("%s/%s: title %q", c.Slug, where, e.Title)
			}
			if n := utf8.RuneCountInString(e.Summary); n < 40 || n > practice.MaxSummary {
				t.Errorf("%s/%s: summary is %d characters", c.Slug, where, n)
			}
			if utf8.RuneCountInString(e.Source) > practice.MaxSource {
				t.Errorf("%s/%s: source too long", c.Slug, where)
			}
			if n := len(strings.Fields(e.Body)); n < 120 || n > 500 {
				t.Errorf("%s/%s: body is %d words, want 120 to 500", c.Slug, where, n)
			}
			if strings.TrimSpace(e.Body) != e.Body {
				t.Errorf("%s/%s: body has surrounding space", c.Slug, where)
			}
			for _, h := range sections[e.Kind] {
				if !strings.Contains(e.Body, h+"\n") {
					t.Errorf("%s/%s: body lacks the %s section %q", c.Slug, where, e.Kind, h)
				}
			}
			if tags, msg := community.ParseTags(strings.Join(e.Tags, ",")); msg != "" || len(tags) < 2 || len(tags) > 4 || !slices.Equal(tags, e.Tags) {
				t.Errorf("%s/%s: tags %q: %s", c.Slug, where, e.Tags, msg)
			}
			if e.ResourceURL != "" && (e.Kind != "resource" || !strings.HasPrefix(e.ResourceURL, "https://")) {
				t.Errorf("%s/%s: resource URL %q", c.Slug, where, e.ResourceURL)
			}

			// History: one to four saves, in order, by members, each text
			// recoverable and different from the next.
			if n := len(e.History); n < 1 || n > 4 {
				t.Errorf("%s/%s: %d revisions, want 1 to 4", c.Slug, where, n)
				continue
			}
			created, updated := e.History[0].Days, e.History[len(e.History)-1].Days
			if n := len(e.Authors); n < 1 || n > 2 || (n == 2 && e.Authors[0] == e.Authors[1]) {
				t.Errorf("%s/%s: authors %q", c.Slug, where, e.Authors)
			}
			for _, a := range e.Authors {
				member("author", a, created)
			}
			if e.History[0].By != e.Authors[0] {
				t.Errorf("%s/%s: the first save is not by the first author", c.Slug, where)
			}
			for i, r := range e.History {
				member("revision", r.By, r.Days)
				if i > 0 && r.Days >= e.History[i-1].Days {
					t.Errorf("%s/%s: save %d is not after the one before", c.Slug, where, i+1)
				}
				if utf8.RuneCountInString(r.Note) > practice.MaxNote || (i > 0 && r.Note == "") {
					t.Errorf("%s/%s: save %d: note %q", c.Slug, where, i+1, r.Note)
				}
			}
			snaps, err := e.snapshots()
			if err != nil {
				t.Error(err)
			}
			for i := 1; i < len(snaps); i++ {
				if reflect.DeepEqual(snaps[i], snaps[i-1]) {
					t.Errorf("%s/%s: save %d changes nothing", c.Slug, where, i+1)
				}
				if n := utf8.RuneCountInString(snaps[i-1].Summary); n > practice.MaxSummary || utf8.RuneCountInString(snaps[i-1].Title) > practice.MaxTitle {
					t.Errorf("%s/%s: save %d: title or summary too long", c.Slug, where, i)
				}
			}

			// Maturity and freshness.
			draft := e.Maturity == "draft"
			if draft {
				drafts++
				if len(e.Comments) > 0 || len(e.Helpful) > 0 || e.ReviewedBy != "" || e.EndorsedBy != "" || e.Verified > 0 {
					t.Errorf("%s/%s: a draft has comments, helpful marks, a review, an endorsement or a verification", c.Slug, where)
				}
			}
			if (e.Maturity == "reviewed" || e.Maturity == "endorsed") != (e.ReviewedBy != "") {
				t.Errorf("%s/%s: %s, reviewed by %q", c.Slug, where, e.Maturity, e.ReviewedBy)
			}
			if e.ReviewedBy != "" {
				if _, ok := joined[memberKey(c.Slug, e.ReviewedBy)]; !ok {
					t.Errorf("%s/%s: reviewer %q is not an active member", c.Slug, where, e.ReviewedBy)
				}
				if slices.Contains(e.Authors, e.ReviewedBy) {
					t.Errorf("%s/%s: reviewed by its own author", c.Slug, where)
				}
			}
			if (e.Maturity == "endorsed") != (e.EndorsedBy != "") || (e.EndorsedBy != "" && roles[memberKey(c.Slug, e.EndorsedBy)] != "steward") {
				t.Errorf("%s/%s: %s, endorsed by %q", c.Slug, where, e.Maturity, e.EndorsedBy)
			}
			if (e.Verified > 0) != (e.VerifiedBy != "") || (e.Verified > 0 && e.Verified >= updated) {
				t.Errorf("%s/%s: verified %d days ago by %q, last saved %d days ago", c.Slug, where, e.Verified, e.VerifiedBy, updated)
			}
			if e.Verified > 0 {
				member("verifier", e.VerifiedBy, e.Verified)
				if e.ReviewBy < 0 {
					t.Errorf("%s/%s: verifying clears a passed review-by date", c.Slug, where)
				}
			}
			lastSeen := updated
			if e.Verified > 0 {
				lastSeen = e.Verified
			}
			if !draft && (e.ReviewBy < 0 || lastSeen > 366) {
				stale++
			}

			// Comments and helpful marks.
			prev := created
			for i, cm := range e.Comments {
				member("comment", cm.By, cm.Days)
				if cm.Days > prev || (i == 0 && cm.Days >= created) {
					t.Errorf("%s/%s: comment %d is out of order", c.Slug, where, i+1)
				}
				prev = cm.Days
				if strings.TrimSpace(cm.Body) == "" {
					t.Errorf("%s/%s: comment %d is empty", c.Slug, where, i+1)
				}
				if r := roles[memberKey(c.Slug, cm.HiddenBy)]; cm.HiddenBy != "" && r != "moderator" && r != "steward" {
					t.Errorf("%s/%s: comment %d hidden by %q, who does not moderate", c.Slug, where, i+1, cm.HiddenBy)
				}
			}
			if len(e.Comments) > 5 {
				t.Errorf("%s/%s: %d comments, want at most 5", c.Slug, where, len(e.Comments))
			}
			seen := map[string]bool{}
			for _, h := range e.Helpful {
				if _, ok := joined[memberKey(c.Slug, h)]; !ok || seen[h] || slices.Contains(e.Authors, h) {
					t.Errorf("%s/%s: helpful mark by %q: not a member, repeated, or an author", c.Slug, where, h)
				}
				seen[h] = true
			}
		}
		for _, k := range practice.Kinds {
			if kinds[string(k.Kind)] == 0 {
				t.Errorf("%s has no %s entry", c.Slug, k.Kind)
			}
		}
		if drafts < 1 || drafts > 2 {
			t.Errorf("%s has %d drafts, want 1 or 2", c.Slug, drafts)
		}
		if stale < 2 || stale > 3 {
			t.Errorf("%s has %d stale entries, want 2 or 3", c.Slug, stale)
		}

		// Collections: one Start here of 3 to 5 published entries.
		startHere := 0
		for _, col := range rep.Collections {
			if col.Slug == practice.StartHereSlug {
				startHere++
				if n := len(col.Entries); n < 3 || n > 5 {
					t.Errorf("%s: Start here has %d entries, want 3 to 5", c.Slug, n)
				}
			} else if community.Slugify(col.Title) != col.Slug {
				t.Errorf("%s: collection slug %q", c.Slug, col.Slug)
			}
			if col.Title == "" || col.Description == "" || utf8.RuneCountInString(col.Description) > 1000 {
				t.Errorf("%s/%s: title or description", c.Slug, col.Slug)
			}
			in := map[string]bool{}
			for _, s := range col.Entries {
				if m := slugs[s]; m == "" || m == "draft" || in[s] {
					t.Errorf("%s/%s: entry %q is unknown, a draft or repeated", c.Slug, col.Slug, s)
				}
				in[s] = true
			}
		}
		if startHere != 1 {
			t.Errorf("%s has %d Start here collections, want 1", c.Slug, startHere)
		}
	}
	if total < 50 || total > 70 {
		t.Errorf("%d entries in all, want 50 to 70", total)
	}
	if len(repertoires) != len(communities) {
		t.Errorf("repertoires name %d communities, the data defines %d", len(repertoires), len(communities))
	}
}
