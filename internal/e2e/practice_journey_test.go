package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// practiceTimeout bounds TestPracticeJourney, Chromium included. It takes 15
// to 40 seconds on 2 cores under -race, and up to two minutes when the
// machine is busy with other packages' tests.
const practiceTimeout = 5 * time.Minute

// TestPracticeJourney walks the practice library's journey in a real browser:
// a member writes a lesson from the template, a second member improves it,
// the first reads the diff and reverts, a steward endorses it and adds it to
// Start here, a newcomer finds it by search and marks it helpful.
func TestPracticeJourney(t *testing.T) {
	start := time.Now()
	// The journey is several times as long as the foundation's; on a loaded
	// machine it needs more than testTimeout.
	ctx, cancel := context.WithTimeout(t.Context(), practiceTimeout)
	t.Cleanup(cancel)
	b := newBrowser(t, ctx)
	t.Logf("Chromium started in %v", time.Since(start).Round(time.Millisecond))

	// Arranged without the browser: the instance, four people and one public
	// community with open joining, stewarded by Sam, with Mia and Leo in it.
	step := time.Now()
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	sam := newPerson(env, "sam", "Sam Reyes")
	mia, leo := newPerson(env, "mia", "Mia Okafor"), newPerson(env, "leo", "Leo Brandt")
	newPerson(env, "nia", "Nia Mensah")
	const slug = "night-nursing"
	if c := env.Community(sam, slug, community.Public, community.Open); c.Status != community.Active {
		t.Fatalf("the community is %s, want active", c.Status)
	}
	env.SetMembership(slug, mia, community.RoleMember, community.ActiveMember)
	env.SetMembership(slug, leo, community.RoleMember, community.ActiveMember)
	practiceTab := chromedp.Search(`//nav[contains(@class, "tabs")]//a[starts-with(normalize-space(.), "Practice")]`)
	t.Logf("arranged in %v", time.Since(step).Round(time.Millisecond))

	const (
		title    = "Hand over the night shift at the bedside"
		summary  = "What we learned when the night handover moved from the office to the bedside."
		original = "We kept a pegboard of open tasks by the station."
		improved = "We kept a whiteboard of open tasks by the station."
	)

	// 1. Mia writes a lesson from its template, previews it and publishes it.
	step = time.Now()
	miaTab := b.person("Mia (member)")
	miaTab.signIn(base, "mia", "Mia Okafor")
	miaTab.open(base + "/c/" + slug)
	miaTab.follow(practiceTab)
	miaTab.at("/c/" + slug + "/practice")
	miaTab.see("main", "No entries yet")
	miaTab.follow(link("Share what you know"))
	miaTab.at("/c/" + slug + "/practice/new")
	miaTab.see("main h2", "Share what you know")
	if !eval[bool](miaTab, `document.querySelector('input[name=kind][value=lesson]').checked`) {
		miaTab.fatalf("the new entry form does not start as a lesson")
	}
	miaTab.check("Lesson learned")
	body := eval[string](miaTab, `document.getElementById("f-body").value`)
	for _, section := range []string{"## The situation", "## What we expected", "## What happened", "## What we would do next time"} {
		if !strings.Contains(body, section) {
			miaTab.fatalf("the Text field does not hold the lesson template's %q: %q", section, body)
		}
	}
	miaTab.fill(
		"title", title,
		"summary", summary,
	)
	miaTab.typeAfter("f-body", "## The situation\n\n", "Night handover took forty minutes in the office, away from the patients.")
	miaTab.typeAfter("f-body", "## What we expected\n\n", "We expected handover at the bedside to take longer.")
	miaTab.typeAfter("f-body", "## What happened\n\n", "It took twenty minutes, and patients corrected two medication lists. "+original)
	miaTab.typeAfter("f-body", "## What we would do next time\n\n", "Start at the bedside from the first night, and ask the **patient** first.")
	miaTab.fill("tags", "handover, patient-safety")
	miaTab.follow(button("Preview"))
	miaTab.see("#preview-h", "Preview")
	headings := miaTab.texts("section.preview .prose h2")
	if !slices.Contains(headings, "The situation") || !slices.Contains(headings, "What we would do next time") {
		miaTab.fatalf("the preview shows the headings %q, want the template's sections rendered as headings", headings)
	}
	miaTab.see("section.preview .prose", original, "Night handover took forty minutes")
	if got := miaTab.texts("section.preview .prose strong"); !slices.Contains(got, "patient") {
		miaTab.fatalf("the preview shows bold text %q, want **patient** rendered", got)
	}
	if got := eval[string](miaTab, `document.getElementById("f-title").value`); got != title {
		miaTab.fatalf("after the preview, the title field holds %q, want %q", got, title)
	}
	miaTab.follow(button("Publish"))
	entry := miaTab.path()
	if !strings.HasPrefix(entry, "/c/"+slug+"/practice/") || strings.Count(entry, "/") != 4 {
		miaTab.fatalf("after publishing, at %s, want the entry's page", entry)
	}
	miaTab.see(".flash", "Published.")
	miaTab.see("#entry-h", title)
	miaTab.see("article.entry .byline", "Published")
	if got := miaTab.texts("article.entry .kind"); !slices.Equal(got, []string{"Lesson learned"}) { // shown in capitals by the style sheet
		miaTab.fatalf("the entry's kind says %q, want Lesson learned", got)
	}
	miaTab.see("article.entry .lead", summary)
	miaTab.see("article.entry .prose", original)
	miaTab.see("article.entry .byline", "Mia Okafor")
	miaTab.see("article.entry .facts", "handover", "patient-safety", "revision 1")
	t.Logf("1. Mia wrote and published the lesson in %v", time.Since(step).Round(time.Millisecond))

	// 2. Leo improves it: one sentence changed, with a note for the history.
	step = time.Now()
	leoTab := b.person("Leo (member)")
	leoTab.signIn(base, "leo", "Leo Brandt")
	leoTab.open(base + entry)
	leoTab.see("#entry-h", title)
	leoTab.follow(link("Improve it"))
	leoTab.at(entry + "/edit")
	leoTab.see("main h2", "Improve “"+title+"”")
	leoTab.replaceText("f-body", "pegboard", "whiteboard")
	leoTab.fill("note", "We use the whiteboard now")
	leoTab.follow(button("Save"))
	leoTab.at(entry)
	leoTab.see(".flash", "Saved as revision 2.")
	leoTab.see("article.entry .facts", "revision 2")
	leoTab.see("article.entry .byline", "Leo Brandt", "(contributor)")
	leoTab.see("article.entry .prose", improved)
	leoTab.seeNo("article.entry .prose", "pegboard")
	t.Logf("2. Leo improved it in %v", time.Since(step).Round(time.Millisecond))

	// 3. Mia reads what changed and restores her revision.
	step = time.Now()
	miaTab.open(base + entry)
	miaTab.see("article.entry .prose", improved)
	miaTab.follow(link("revision 2, see history"))
	miaTab.at(entry + "/history")
	miaTab.see("ol.history", "Revision 2", "Leo Brandt", "We use the whiteboard now", "Revision 1", "Mia Okafor")
	miaTab.follow(chromedp.Search(`//ol[contains(@class, "history")]/li[.//strong[normalize-space(.)="Revision 2"]]//a[normalize-space(.)="What changed"]`))
	miaTab.at(entry + "/diff?from=1&to=2")
	miaTab.see("main h2", "Changes to “"+title+"”")
	miaTab.see("main", "1 word added, 1 word removed")
	if del, ins := miaTab.texts(".diff del"), miaTab.texts(".diff ins"); !slices.Contains(del, "pegboard") || !slices.Contains(ins, "whiteboard") {
		miaTab.fatalf("the diff strikes %q and underlines %q, want <del>pegboard</del> and <ins>whiteboard</ins>", del, ins)
	}
	miaTab.follow(link("Back to the history"))
	miaTab.at(entry + "/history")
	miaTab.follow(button("Restore this revision (1)"))
	miaTab.at(entry)
	miaTab.see(".flash", "Restored revision 1 as revision 3.")
	miaTab.see("article.entry .facts", "revision 3")
	miaTab.see("article.entry .prose", original)
	miaTab.seeNo("article.entry .prose", "whiteboard")
	miaTab.follow(link("revision 3, see history"))
	miaTab.see("ol.history", "Revision 3", "Reverted to revision 1")
	if n := eval[int](miaTab, `document.querySelectorAll("ol.history > li").length`); n != 3 {
		miaTab.fatalf("the history lists %d revisions, want 3", n)
	}
	t.Logf("3. Mia read the diff and reverted in %v", time.Since(step).Round(time.Millisecond))

	// 4. Sam, the steward, endorses it and puts it in Start here.
	step = time.Now()
	samTab := b.person("Sam (steward)")
	samTab.signIn(base, "sam", "Sam Reyes")
	samTab.open(base + entry)
	samTab.see("article.entry .byline", "Published")
	samTab.follow(button("Endorse as our practice"))
	samTab.at(entry)
	samTab.see(".flash", "Endorsed as the community's practice.")
	samTab.see("article.entry .byline", "Endorsed")
	samTab.seeNo("article.entry .byline", "Published")
	samTab.see("article.entry .facts", "Endorsed by", "Sam Reyes")
	samTab.follow(button("Add to Start here"))
	samTab.at(entry)
	samTab.see(".flash", "Added to the collection.")
	samTab.see(".panel.actions", "Remove from Start here")
	samTab.follow(practiceTab)
	samTab.at("/c/" + slug + "/practice")
	samTab.see("section.start-here", "Start here", title)
	t.Logf("4. Sam endorsed it and added it to Start here in %v", time.Since(step).Round(time.Millisecond))

	// 5. Nia, signed in but not a member, finds it with the header's search
	// box and says it helped her.
	step = time.Now()
	niaTab := b.person("Nia (newcomer)")
	niaTab.signIn(base, "nia", "Nia Mensah")
	niaTab.open(base + "/c/" + slug)
	niaTab.see("main aside", "Join this community")
	search := niaTab.labelled(`header form[role="search"]`, "Search everything you may read")
	niaTab.fillByID(search, "pegboard")
	niaTab.follow(chromedp.Search(`//header//form[@role="search"]//button[normalize-space(.)="Search"]`))
	niaTab.at("/search?q=pegboard")
	niaTab.see("ol.results", title, "Endorsed", "Community "+slug)
	if marks := niaTab.texts("ol.results li.result .snippet mark"); !slices.ContainsFunc(marks, func(m string) bool { return strings.EqualFold(m, "pegboard") }) {
		niaTab.fatalf("the result's snippet highlights %q, want <mark>pegboard</mark>", marks)
	}
	niaTab.follow(chromedp.Search(`//ol[contains(@class, "results")]//h2/a[normalize-space(.)="` + title + `"]`))
	niaTab.at(entry)
	niaTab.see("#entry-h", title)
	niaTab.see("article.entry .facts", "helped 0 people")
	niaTab.follow(button("This helped me"))
	niaTab.at(entry)
	niaTab.see(".flash", "Thank you: the authors will be glad it helped.")
	niaTab.see("article.entry .facts", "helped 1 person")
	if got := eval[string](niaTab, `(document.querySelector(".panel.actions button[aria-pressed]") || {}).getAttribute?.("aria-pressed") || ""`); got != "true" {
		niaTab.fatalf("after saying it helped, the button is not pressed (aria-pressed=%q)", got)
	}
	t.Logf("5. Nia found it by search and marked it helpful in %v", time.Since(step).Round(time.Millisecond))

	png := niaTab.screenshot()
	dir := t.TempDir()
	if keep := os.Getenv("HEARTH_E2E_SCREENSHOTS"); keep != "" { // to look at it afterwards
		dir = keep
	}
	shot := filepath.Join(dir, "practice-entry.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("entry page: %d-byte screenshot in %s; the journey took %v", len(png), shot, time.Since(start).Round(time.Millisecond))
}
