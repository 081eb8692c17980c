package stewardship

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/community"
	"hearth/internal/errs"
)

// StoryInput is a story as typed into its form.
type StoryInput struct {
	Title    string
	Audience string
	Links    string              // addresses of the community's entries, threads and gatherings, one a line
	Steps    map[Cycle]StepInput // by cycle; a cycle left empty has no step
}

// StepInput is one cycle's step as typed.
type StepInput struct {
	Text, Date, Evidence, Status string
	Strategic, Enabling          bool
}

// empty reports whether nothing that makes a step was typed (a status or a
// tag alone does not).
func (in StepInput) empty() bool {
	return strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.Evidence) == "" && strings.TrimSpace(in.Date) == ""
}

// linkRef is a linked thing as addressed, before it is looked up.
type linkRef struct {
	kind string // "entry" (by slug), "thread", "gathering" (by id)
	key  string
}

// story is a story's input once checked.
type storyDraft struct {
	title, audience string
	steps           []Step
	links           []linkRef
}

// FieldName is the form field of a cycle's part ("applied_text").
func FieldName(c Cycle, part string) string { return c.Name() + "_" + part }

// check validates in for a story of community v, as of now, collecting
// every problem by field.
func (in StoryInput) check(v community.View, now time.Time) (storyDraft, error) {
	var val errs.Validation
	d := storyDraft{title: strings.TrimSpace(in.Title), audience: in.Audience}
	switch n := utf8.RuneCountInString(d.title); {
	case n == 0:
		val.Add("title", "Give your story a title.")
	case n > MaxStoryTitle:
		val.Add("title", fmt.Sprintf("Keep the title to %d characters (it has %d).", MaxStoryTitle, n))
	}
	if !slices.Contains(Audiences, d.audience) {
		val.Add("audience", "Choose who may read your story.")
	} else if !slices.Contains(AllowedAudiences(v.Visibility), d.audience) {
		val.Add("audience", "This community is not "+string(v.Visibility)+" enough for that: choose a narrower audience.")
	}
	for _, c := range Cycles {
		step, ok := in.Steps[c.Cycle].check(c.Cycle, now, &val)
		if ok {
			d.steps = append(d.steps, step)
		}
	}
	if len(d.steps) == 0 && !val.Has(FieldName(Immediate, "text")) {
		val.Add(FieldName(Immediate, "text"), "Tell at least one step of your story: start with what you took part in, or any step you can tell.")
	}
	d.links = parseLinks(in.Links, v.Slug, &val)
	return d, val.Err()
}

// check validates one cycle's step; ok is false when the cycle has none.
func (in StepInput) check(c Cycle, now time.Time, val *errs.Validation) (Step, bool) {
	if in.empty() {
		return Step{}, false
	}
	s := Step{Cycle: c, Text: strings.TrimSpace(in.Text), Status: in.Status, Strategic: in.Strategic, Enabling: in.Enabling}
	if n := utf8.RuneCountInString(s.Text); n > MaxStepText {
		val.Add(FieldName(c, "text"), fmt.Sprintf("Keep this step to %d characters (it has %d).", MaxStepText, n))
	}
	if s.Text == "" && strings.TrimSpace(in.Evidence) == "" {
		val.Add(FieldName(c, "text"), "Say what happened, or give evidence, for a step with a date.")
	}
	if s.Status != Hoped && s.Status != Realised {
		val.Add(FieldName(c, "status"), "Say whether this is hoped for or realised.")
	}
	if d := strings.TrimSpace(in.Date); d != "" {
		t, err := time.Parse(time.DateOnly, d)
		earliest, latest := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), now.AddDate(5, 0, 0)
		switch {
		case err != nil:
			val.Add(FieldName(c, "date"), "Give the date as year-month-day, such as 2026-03-31.")
		case t.Before(earliest) || t.After(latest):
			val.Add(FieldName(c, "date"), "Give a date between 2000 and five years from now.")
		default:
			s.Date = t
		}
	}
	s.Evidence = parseEvidence(in.Evidence, FieldName(c, "evidence"), val)
	return s, true
}

// parseEvidence reads evidence links, one a line: web addresses only.
func parseEvidence(text, field string, val *errs.Validation) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(line) > MaxEvidenceURL {
			val.Add(field, fmt.Sprintf("Keep each link to %d characters.", MaxEvidenceURL))
			continue
		}
		u, err := url.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(line, " \t") {
			val.Add(field, fmt.Sprintf("“%s” is not a web address: give links starting with https://, one a line.", clip(line, 60)))
			continue
		}
		out = append(out, line)
	}
	if len(out) > MaxEvidence {
		val.Add(field, fmt.Sprintf("Give at most %d links of evidence per step.", MaxEvidence))
	}
	return out
}

// parseLinks reads the addresses of the community's entries, threads and
// gatherings, one a line (a full address or its path).
func parseLinks(text, slug string, val *errs.Validation) []linkRef {
	var out []linkRef
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		ref, ok := linkOf(line, slug)
		if !ok {
			val.Add("links", fmt.Sprintf("“%s” is not the address of an entry, a thread or a gathering of this community.", clip(line, 60)))
			continue
		}
		if !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	if len(out) > MaxStoryLinks {
		val.Add("links", fmt.Sprintf("Link at most %d entries, threads or gatherings.", MaxStoryLinks))
	}
	return out
}

// linkOf reads one address: /c/{slug}/practice/{entry},
// /c/{slug}/talk/{id} or /c/{slug}/gatherings/{id}, with anything after.
func linkOf(address, slug string) (linkRef, bool) {
	if len(address) > MaxLinkURL {
		return linkRef{}, false
	}
	u, err := url.Parse(address)
	if err != nil {
		return linkRef{}, false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 4 || parts[0] != "c" || parts[1] != slug || parts[3] == "" {
		return linkRef{}, false
	}
	switch parts[2] {
	case "practice":
		return linkRef{"entry", parts[3]}, true
	case "talk":
		return linkRef{"thread", parts[3]}, isID(parts[3])
	case "gatherings":
		return linkRef{"gathering", parts[3]}, isID(parts[3])
	}
	return linkRef{}, false
}

func isID(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// clip shortens s to n characters for an error message.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
