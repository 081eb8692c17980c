package demo

// oerRepertoire is the practice library of Open Educational Resources, an
// archived community whose repertoire stays readable for whoever takes the
// work up next.
var oerRepertoire = repertoire{
	Entries: []entryData{
		{
			Slug: "attributing-openly-licensed-work", Kind: "practice",
			Title:   "Attributing openly licensed work: title, author, source, licence",
			Summary: "How to credit a Creative Commons work correctly, whether you use it as it is or adapt it: the four parts of an attribution (TASL), where to put it, and worked examples for an image, a chapter and an adapted textbook.",
			Tags:    []string{"creative commons", "attribution", "licensing"},
			Authors: []string{"eleanor-whitfield"}, Maturity: "endorsed", ReviewedBy: "samuel-osei", EndorsedBy: "eleanor-whitfield",
			Body: `## When to use it

Every time you reuse an openly licensed image, chapter, video or textbook in your course materials. Every Creative Commons licence requires attribution; getting it right is also a courtesy to the people whose work you build on.

## Steps

1. **Title.** The name of the work, linked to where you found it.
2. **Author.** The creator's name as they want to be credited, linked to their page if they have one.
3. **Source.** The link to the original work (often the same link as the title).
4. **Licence.** The licence name and version, linked to the licence deed: "CC BY 4.0", not just "Creative Commons".
5. **Say what you changed**, if anything: "Adapted from...", "Cropped from...", "Chapter 3 revised and shortened".
6. **Put it close to the work**: under an image, at the start or end of a chapter, or in an attributions page for a whole book.

## Examples

An image used as it is:

> "Heat exchanger cross-section" by K. Watanabe, from *Thermodynamics for Technologists*, licensed under CC BY 4.0.

An adapted chapter:

> This chapter is adapted from "Nutrients" in *Human Nutrition* by the University of Hawai'i at Mānoa Food Science and Human Nutrition Program, licensed under CC BY 4.0. Changes: shortened; examples changed to local foods; review questions added.

## Pitfalls

- "Image from Google." Search engines are not sources; find the original.
- Crediting the platform (Wikimedia Commons, OpenStax) instead of the author.
- Forgetting that NC and ND licences add conditions beyond attribution. See the lesson on the course pack.

The Creative Commons wiki's [best practices for attribution](https://wiki.creativecommons.org/wiki/Best_practices_for_attribution) has more examples, including for videos and slides.`,
			History: []revisionData{
				{Days: 690, By: "eleanor-whitfield", Note: ""},
				{Days: 330, By: "hana-kobayashi", Note: "Added the example for an adapted chapter",
					Added: []string{"\n\nAn adapted chapter:\n\n> This chapter is adapted from \"Nutrients\" in *Human Nutrition* by the University of Hawai'i at Mānoa Food Science and Human Nutrition Program, licensed under CC BY 4.0. Changes: shortened; examples changed to local foods; review questions added."}},
				{Days: 120, By: "eleanor-whitfield", Note: "Linked the Creative Commons wiki", Added: []string{"\n\nThe Creative Commons wiki's [best practices for attribution](https://wiki.creativecommons.org/wiki/Best_practices_for_attribution) has more examples, including for videos and slides."}},
			},
			Comments: []commentData{
				{By: "kenji-watanabe", Days: 640, Body: "The \"say what you changed\" step is the one I forgot in my first adaptation. It matters to the original authors: they want to know their work was useful, and how."},
				{By: "arjun-mehta", Days: 500, Body: "We print a one-line TASL reminder on the inside cover of every course pack. It has cut the questions to the Library by half."},
				{By: "samuel-osei", Days: 300, Body: "The same four parts work well when I teach students to credit images in their own presentations. It is less intimidating than a full citation style."},
			},
			Helpful: []string{"kenji-watanabe", "arjun-mehta", "samuel-osei", "sofia-castillo", "grace-lindqvist", "hana-kobayashi", "lucia-fernandez"},
		},
		{
			Slug: "accounting-1100-went-textbook-free", Kind: "story",
			Title:   "How Accounting 1100 went textbook-free",
			Summary: "Arjun replaced a $240 textbook with an open one and his own problem sets. Over four terms, 610 students saved about $146,000, grades held steady, and fewer students dropped the course in the first month.",
			Source:  "Arjun's talk at the college's teaching and learning day.",
			Tags:    []string{"accounting", "textbook costs", "adoption"},
			Authors: []string{"arjun-mehta"}, Maturity: "reviewed", ReviewedBy: "eleanor-whitfield",
			Body: `## What happened

Introductory Financial Accounting had used the same commercial textbook for years: $240 new, with an access code for the online homework that could not be bought used. In my first term teaching it, a student told me in week 3 that she was still waiting to afford the book, and had been doing the homework from photos her classmate sent her.

The next summer, with a small grant and help from Eleanor, I switched to an open textbook (*Principles of Accounting, Volume 1* from OpenStax) and wrote my own problem sets in the LMS, using local businesses (a bakery, a bike shop, the student restaurant) for the examples. It took about 120 hours over the summer.

Over the next four terms:

- 610 students took the course; at $240 each, they saved about $146,000.
- The average final grade moved from 71% to 72%: no meaningful change.
- Withdrawals in the first month fell from 9% to 5%. Students who used to wait for their loan to buy the book now had everything on day one.

## Why it matters

The savings are real, but the day-one access is what changed the course. Students who fall behind in the first three weeks of accounting rarely catch up.

## What we took from it

- Start with one course you know well, and budget the summer.
- Write problem sets with local examples; students said they were the best part.
- Track withdrawals as well as grades. They told the clearest story.
- Two colleagues have since adopted the same materials, and the problem sets are shared in the department's course shell.`,
			History: []revisionData{
				{Days: 500, By: "arjun-mehta", Note: ""},
				{Days: 300, By: "arjun-mehta", Note: "Updated with four terms of results",
					Changed: [][2]string{
						{"- 290 students took the course; at $240 each, they saved about $69,600.", "- 610 students took the course; at $240 each, they saved about $146,000."},
						{"Over the next two terms:", "Over the next four terms:"},
					},
					OldSummary: "Arjun replaced a $240 textbook with an open one and his own problem sets. In two terms, 290 students saved about $69,600, grades held steady, and fewer students dropped the course in the first month."},
				{Days: 95, By: "eleanor-whitfield", Note: "Noted the colleagues who adopted it", Added: []string{"\n- Two colleagues have since adopted the same materials, and the problem sets are shared in the department's course shell."}},
			},
			Comments: []commentData{
				{By: "eleanor-whitfield", Days: 490, Body: "The withdrawal figure is the one that moved the program chairs. Thank you for tracking it."},
				{By: "lucia-fernandez", Days: 290, Body: "Would you share the bakery problem set? It would make a great case for the co-op preparation workshop on small business finances."},
				{By: "arjun-mehta", Days: 289, Body: "@lucia-fernandez of course, it is CC BY like the rest. I will send you the link."},
			},
			Helpful: []string{"eleanor-whitfield", "lucia-fernandez", "sofia-castillo", "samuel-osei", "kenji-watanabe", "hana-kobayashi"},
		},
		{
			Slug: "writing-our-own-thermodynamics-textbook", Kind: "lesson",
			Title:   "Writing our own thermodynamics textbook: what took longest",
			Summary: "We expected the writing to take longest. It was the figures, the worked examples and the accessibility checks, in that order. Lessons from 18 months of writing Thermodynamics for Technologists.",
			Tags:    []string{"open textbooks", "authoring", "engineering"},
			Authors: []string{"kenji-watanabe"}, Maturity: "reviewed", ReviewedBy: "sofia-castillo",
			Body: `## The situation

No open thermodynamics textbook fitted a two-year technology program: the ones we found were written for university engineering students, with calculus on every page. With a grant for one term of release time, I set out to write *Thermodynamics for Technologists*, twelve chapters, in Pressbooks, under CC BY 4.0.

## What we expected

One term to write, a few weeks to tidy up. I had my lecture notes, which I thought were most of a book.

## What happened

It took 18 months. Where the time went, roughly:

| Task | Share of the time |
| --- | --- |
| Figures (diagrams redrawn so we could license them) | 30% |
| Worked examples, checked twice | 25% |
| Writing the text | 20% |
| Accessibility: alt text, equations, tables | 15% |
| Review, copy-editing and formatting | 10% |

My lecture notes were shorthand that only made sense with me in the room. Every figure I had been using came from commercial textbooks and had to be redrawn. Each worked example needed checking by a second person, and Sofia found errors in 9 of the first 40.

## What we would do next time

- Budget at least three times the writing time. The writing is the small part.
- Draw figures from the start in a tool that exports SVG, with the source files kept with the book.
- Write the alt text and the equations accessibly as you go; fixing them afterwards cost weeks.
- Recruit a second reader for every worked example before you start, not after.

The book is now used by three colleges, and two instructors have sent corrections through the feedback form.`,
			History: []revisionData{
				{Days: 400, By: "kenji-watanabe", Note: ""},
				{Days: 390, By: "kenji-watanabe", Note: "Added the table of where the time went", Added: []string{"\n\n| Task | Share of the time |\n| --- | --- |\n| Figures (diagrams redrawn so we could license them) | 30% |\n| Worked examples, checked twice | 25% |\n| Writing the text | 20% |\n| Accessibility: alt text, equations, tables | 15% |\n| Review, copy-editing and formatting | 10% |"}},
				{Days: 150, By: "kenji-watanabe", Note: "Adoptions and corrections", Added: []string{"\n\nThe book is now used by three colleges, and two instructors have sent corrections through the feedback form."}},
			},
			Comments: []commentData{
				{By: "sofia-castillo", Days: 380, Body: "For the record, 9 of 40 is a normal error rate for worked examples in a first draft. Commercial textbooks have errata pages for a reason."},
				{By: "hana-kobayashi", Days: 330, Body: "This helped me plan my nutrition adaptation realistically. I budgeted for figures first and was glad I did."},
				{By: "eleanor-whitfield", Days: 140, Body: "Three adopting colleges! The Library will list the book in the provincial open textbook collection."},
			},
			Helpful: []string{"sofia-castillo", "hana-kobayashi", "eleanor-whitfield", "arjun-mehta", "grace-lindqvist"},
		},
		{
			Slug: "openstax", Kind: "resource",
			Title:       "OpenStax",
			Summary:     "Rice University's library of peer-reviewed, openly licensed textbooks for introductory college courses, free online and cheap in print. The first place we looked when replacing a textbook.",
			ResourceURL: "https://openstax.org/",
			Tags:        []string{"open textbooks", "repositories", "adoption"},
			Authors:     []string{"eleanor-whitfield"}, Maturity: "published",
			Body: `## What it is

OpenStax, based at Rice University, publishes peer-reviewed textbooks for high-enrolment introductory courses: accounting, biology, chemistry, psychology, sociology, statistics, anatomy and physiology, and more. Most are licensed CC BY 4.0, free online and as PDFs, with low-cost printed copies. Many come with instructor resources: slides, test banks and answer guides (the last behind a free instructor login).

## How we use it

- **First stop when replacing a textbook.** Of the 41 sections we converted, 17 adopted an OpenStax book, usually with local supplements.
- **Adopt, then adapt.** Because of the CC BY licence, instructors can remix chapters in Pressbooks. Accounting and Anatomy did this.
- **Print option.** For students who prefer paper, the college bookstore stocks the printed editions at cost.

## Caveats

- Its catalogue covers general education and first-year courses; little for applied programs (culinary, trades, nursing clinical skills). For those, look at BCcampus and the Open Textbook Library as well.
- The books are American in their examples and units; some instructors add local supplements (tax rules in Accounting, for example).
- The instructor resources have different terms from the books; check before reposting them in a public course.`,
			History: []revisionData{
				{Days: 650, By: "eleanor-whitfield", Note: ""},
			},
			Comments: []commentData{
				{By: "kenji-watanabe", Days: 640, Body: "University Physics Volume 1 has a decent thermodynamics unit, but not at the level our technologists need. Hence our own book."},
				{By: "arjun-mehta", Days: 550, Body: "Principles of Accounting Volume 1 is what Accounting 1100 uses. The Canadian tax supplement is ours."},
			},
			Helpful: []string{"arjun-mehta", "kenji-watanabe", "sofia-castillo"},
		},
		{
			Slug: "reviewing-an-open-textbook", Kind: "practice",
			Title:   "Reviewing an open textbook before adopting it",
			Summary: "A one-hour review, done by two instructors, that answers the questions program chairs ask: does it cover the outcomes, is it accurate and current, is it accessible, and can we change it?",
			Tags:    []string{"evaluation", "rubrics", "adoption"},
			Authors: []string{"sofia-castillo", "eleanor-whitfield"}, Maturity: "published",
			Body: `## When to use it

When a candidate open textbook has been found and an instructor is considering it. The review is short on purpose: one hour, two instructors, one page of notes.

## Steps

1. **Map it to the course outcomes** (20 minutes). List the course's learning outcomes and, beside each, the chapter that covers it, or "missing".
2. **Check two chapters for accuracy** (15 minutes each reviewer). Pick the two topics you know best; look for errors, outdated figures and examples that will not make sense to our students.
3. **Check accessibility** (10 minutes). Headings, alt text on a sample of images, equations as text, and whether it works on a phone.
4. **Check the licence** (5 minutes). CC BY or CC BY-SA can be adapted freely; NC and ND limit what we can do (see the course-pack lesson).
5. **Write it up** on the one-page review form: a score of 1 to 4 on each area, and a recommendation.

## Pitfalls

- Reviewing alone. A second instructor always finds something the first missed.
- Comparing with the perfect textbook. Compare with the one you use now.
- Forgetting the ancillaries. If the course depends on an online homework system, plan for it before you switch.

## Examples

The review of the open statistics textbook for Civil Engineering Technology found two missing outcomes (quality control charts, and the Weibull distribution); we wrote two short supplements.`,
			History: []revisionData{
				{Days: 420, By: "sofia-castillo", Note: ""},
				{Days: 415, By: "eleanor-whitfield", Note: "Added the licence check", Added: []string{"\n4. **Check the licence** (5 minutes). CC BY or CC BY-SA can be adapted freely; NC and ND limit what we can do (see the course-pack lesson)."},
					Changed: [][2]string{{"4. **Write it up**", "5. **Write it up**"}}},
			},
			Comments: []commentData{
				{By: "grace-lindqvist", Days: 380, Body: "Used it for a maternal health text with a colleague. The outcome map showed in twenty minutes that it was not for us."},
			},
			Helpful: []string{"grace-lindqvist", "arjun-mehta"},
		},
		{
			Slug: "measuring-student-savings-honestly", Kind: "lesson",
			Title:   "Measuring student savings honestly",
			Summary: "Our first savings estimate ($610,000) counted every student at the new-book price. Recounted with what students actually paid, it was $380,000. The smaller number has served us better.",
			Source:  "Preparing the final report to the grant funder.",
			Tags:    []string{"affordability", "evaluation", "reporting"},
			Authors: []string{"eleanor-whitfield", "arjun-mehta"}, Maturity: "reviewed", ReviewedBy: "lucia-fernandez",
			Body: `## The situation

Funders and program chairs want to know how much students saved. Our first report multiplied the number of enrolled students by the price of a new copy of the textbook each course had replaced.

## What we expected

That this was the standard method, and so defensible.

## What happened

Arjun pointed out that many students never bought the new book: they bought used copies, rented, shared or went without. When we surveyed 400 students in converted courses about what they had paid for textbooks in their other courses, the average was 62% of the new price, and 18% bought nothing at all.

Recounting with the average price paid, the total fell from $610,000 to $380,000. Some members worried the smaller number would weaken the case. In fact, when a program chair challenged our figures at Academic Council, the survey-based method held up and the old one would not have.

## What we would do next time

- Use the average price actually paid, from a student survey or the bookstore's sales data, from the start.
- Report the method in one sentence next to the number.
- Report what cannot be measured in dollars too: day-one access, and the withdrawal rates in courses like Accounting 1100.
- Keep the raw enrolment and price data, so that the figure can be recalculated.`,
			History: []revisionData{
				{Days: 300, By: "eleanor-whitfield", Note: ""},
				{Days: 150, By: "arjun-mehta", Note: "Added the Academic Council challenge",
					Added: []string{" In fact, when a program chair challenged our figures at Academic Council, the survey-based method held up and the old one would not have."}},
			},
			Comments: []commentData{
				{By: "lucia-fernandez", Days: 145, Body: "This is a good model for how we report co-op outcomes too: say the method next to the number."},
				{By: "samuel-osei", Days: 100, Body: "The 18% who bought nothing is the figure I quote most. Those are the students I meet in week 5."},
			},
			Helpful: []string{"lucia-fernandez", "samuel-osei", "sofia-castillo", "kenji-watanabe"},
		},
		{
			Slug: "adapting-an-open-textbook-in-pressbooks", Kind: "practice",
			Title:   "Adapting an open textbook in Pressbooks",
			Summary: "How Hana adapted an open nutrition textbook for our culinary program: cloning the book, cutting and reordering chapters, replacing examples, and keeping the attributions straight.",
			Tags:    []string{"pressbooks", "adaptation", "nutrition"},
			Authors: []string{"hana-kobayashi"}, Maturity: "published",
			Body: `## When to use it

When an open textbook covers most of a course but not in the order, depth or context you need. Adapting is usually faster than writing, and much faster than it sounds.

## Steps

1. **Check the licence allows adaptation**: CC BY, CC BY-SA or CC BY-NC (for our non-commercial use). Not ND.
2. **Clone the book** in the college's Pressbooks network (Import > the book's URL). You get a copy you can edit, with the original untouched.
3. **Decide the structure first.** I wrote the course outcomes on one page and marked each chapter keep, cut, shorten or rewrite before editing anything.
4. **Replace the examples** with ones from our students' world. A chapter on carbohydrates now uses bread and pastry production; the protein chapter uses the student restaurant's menu.
5. **Keep attributions straight.** Each chapter starts with an attribution saying what was adapted and how (see the attribution practice).
6. **Export** to the web, PDF and EPUB. Pressbooks does all three; check the PDF, where tables most often break.

## Pitfalls

- Editing before deciding the structure. I rewrote a chapter I later cut.
- Cloning images that are not under the book's licence. Check image credits; some open books include "used with permission" images that cannot be reused.
- Losing track of what you changed. Keep a changes page from the first day.

## Examples

*Nutrition for Culinary Professionals*, adapted from the University of Hawai'i's *Human Nutrition*: 14 of 18 chapters kept, 6 rewritten around culinary examples, in about 90 hours.`,
			History: []revisionData{
				{Days: 280, By: "hana-kobayashi", Note: ""},
				{Days: 200, By: "hana-kobayashi", Note: "Added the pitfall about images", Added: []string{"\n- Cloning images that are not under the book's licence. Check image credits; some open books include \"used with permission\" images that cannot be reused."}},
			},
			Comments: []commentData{
				{By: "eleanor-whitfield", Days: 270, Body: "The \"changes page from day one\" tip saves a great deal of pain at the end. I will add it to the Pressbooks workshop."},
				{By: "grace-lindqvist", Days: 190, Body: "I am considering the same for a maternal health text. How long did the PDF checking take?"},
				{By: "hana-kobayashi", Days: 188, Body: "@grace-lindqvist about a day, mostly wide tables. Setting them to landscape fixed most of them."},
			},
			Helpful: []string{"eleanor-whitfield", "grace-lindqvist", "kenji-watanabe", "arjun-mehta"},
		},
		{
			Slug: "the-licence-we-got-wrong", Kind: "lesson",
			Title:   "The licence we got wrong: NC material in a sold course pack",
			Summary: "We included CC BY-NC chapters in a printed course pack that the bookstore sold at a small margin. That arguably made it commercial use. How we noticed, what we changed, and how to check in future.",
			Tags:    []string{"licensing", "creative commons", "course packs"},
			Authors: []string{"eleanor-whitfield"}, Maturity: "published",
			Body: `## The situation

For students who wanted paper, the bookstore printed a course pack of open chapters for Introduction to Sociology. Two of the chapters came from a book licensed CC BY-NC-SA 4.0: "non-commercial".

## What we expected

That printing for students was non-commercial, because it was for education.

## What happened

A colleague at another college asked how we priced the pack. The bookstore had added its standard 25% margin. Creative Commons defines non-commercial use as use "not primarily intended for or directed towards commercial advantage or monetary compensation". Selling at a margin is at least arguable; the authors of the NC book could reasonably object. The chapters had been on sale for two terms.

We wrote to the authors, explained, and offered to remove the chapters. They were kind: they asked only that future packs be sold at cost. We changed the pricing.

## What we would do next time

- Check the licence of every part of a compilation, not just the main textbook.
- Print NC material only at cost recovery, and write down how the price was worked out.
- Prefer CC BY material for anything that may be printed and sold.
- Keep a licence column in every course pack's contents list.

The [Creative Commons licence list](https://creativecommons.org/licenses/) explains each licence's conditions in plain language.`,
			History: []revisionData{
				{Days: 520, By: "eleanor-whitfield", Note: ""},
				{Days: 519, By: "eleanor-whitfield", Note: "Linked the licence list", Added: []string{"\n\nThe [Creative Commons licence list](https://creativecommons.org/licenses/) explains each licence's conditions in plain language."}},
			},
			Comments: []commentData{
				{By: "samuel-osei", Days: 510, Body: "Thank you for owning this publicly. It makes it easier for the rest of us to ask questions when we are unsure."},
				{By: "arjun-mehta", Days: 500, Body: "The licence column is now in the Accounting pack's contents list."},
			},
			Helpful: []string{"samuel-osei", "arjun-mehta", "kenji-watanabe"},
		},
		{
			Slug: "after-the-grant", Kind: "story",
			Title:   "After the grant: how the Library took the work on",
			Summary: "When the grant ended, the community had to decide whether to keep going as volunteers. We chose to hand the work to the Library as a permanent service and archive the community. Why, and what we handed over.",
			Source:  "The community's closing meeting, and the handover notes to the Library's open education service.",
			Tags:    []string{"sustainability", "handover", "community life"},
			Authors: []string{"eleanor-whitfield"}, Maturity: "published",
			Body: `## What happened

For two years this community ran on a grant: release time for a few instructors, a small budget for printing and Pressbooks, and a lot of goodwill. When the grant ended, we met to decide what came next. Three options were on the table: keep going as volunteers, ask the college for a new budget for the community, or ask the Library to take the work on as a service.

Arjun made the case most clearly: the volunteer version would depend on the same four people, and two of them were already stretched. The Library could offer what a community could not: a named person, a budget line, and continuity when people leave.

The Library agreed. We spent our last two months writing the handover: the list of converted courses and their materials, the review form, the attribution guide, the savings method and its raw data, and contacts for each adopting instructor.

## Why it matters

Communities have a life cycle, and ending well is part of it. Archiving the community, rather than letting it fade, keeps everything we learned readable, and makes it clear where to go now.

## What we took from it

- Decide about the end while there is still energy to do it well.
- Hand over the knowledge and the relationships, not just the files.
- The practices in this library are still current; the Library's open education service uses them. If you want to start something new on open education, start with the Start here collection.`,
			History: []revisionData{
				{Days: 60, By: "eleanor-whitfield", Note: "Written for the closing meeting"},
				{Days: 50, By: "eleanor-whitfield", Note: "Added where to go now", Added: []string{" If you want to start something new on open education, start with the Start here collection."}},
			},
			Comments: []commentData{
				{By: "arjun-mehta", Days: 55, Body: "It was the right decision. Thank you for leading us to it, Eleanor."},
				{By: "kenji-watanabe", Days: 52, Body: "Proud of what we did. The textbook will outlive all of us, which is rather the point."},
				{By: "sofia-castillo", Days: 50, Body: "Thank you, everyone. I learned more here than in any committee I have sat on."},
			},
			Helpful: []string{"arjun-mehta", "kenji-watanabe", "sofia-castillo", "samuel-osei", "lucia-fernandez"},
		},
		{
			Slug: "open-nursing-textbooks-shortlist", Kind: "resource",
			Title:   "Open nursing textbooks: a shortlist",
			Summary: "Draft: open textbooks for pre-licensure nursing courses that we had started to review before the community closed, with notes on fit for each course.",
			Tags:    []string{"nursing", "open textbooks", "shortlist"},
			Authors: []string{"grace-lindqvist"}, Maturity: "draft",
			Body: `## What it is

A list of open nursing textbooks I started to review for our program, unfinished when the community was archived. Several come from the Open RN project at Chippewa Valley Technical College, funded by the US Department of Education, licensed CC BY 4.0.

## How we use it

Not yet: each needs the one-hour review with a second instructor.

- *Nursing Fundamentals* (Open RN): likely fit for NURS 1100; strong on the nursing process.
- *Nursing Pharmacology* (Open RN): clear; American drug names and units need checking.
- *Nursing Skills* (Open RN): good checklists; would need our local procedures added.
- *Maternal-Newborn Nursing* (OpenStax): new; not yet reviewed.

## Caveats

- American scope of practice and terminology throughout.
- The licensing exam focus is NCLEX, which suits us.
- To finish: the outcome maps for each course, and a second reviewer.`,
			History: []revisionData{
				{Days: 200, By: "grace-lindqvist", Note: "Unfinished list"},
			},
		},
	},
	Collections: []collectionData{
		{Slug: "start-here", Title: "Start here", Days: 600,
			Description: "This community is archived. If you are picking up open education at Northfield, read these first: how we ended, how to attribute, and two adoptions from start to finish.",
			Entries:     []string{"after-the-grant", "attributing-openly-licensed-work", "accounting-1100-went-textbook-free", "writing-our-own-thermodynamics-textbook"}},
	},
}
