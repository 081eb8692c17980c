package demo

// accessibilityRepertoire is the practice library of Accessible Course
// Design: the fixes that matter most, alt text, captions and documents.
var accessibilityRepertoire = repertoire{
	Entries: []entryData{
		{
			Slug: "five-fixes-that-matter-most", Kind: "practice",
			Title:   "The five fixes that matter most in a typical course",
			Summary: "If you only have an afternoon: real headings, alt text, captions, meaningful links and selectable text. These five account for most of the barriers students report in our courses, and each takes minutes once you know how.",
			Source:  "Drawn from two years of Accessible Learning Centre requests and the community's course walk-throughs.",
			Tags:    []string{"quick wins", "course design", "universal design for learning"},
			Authors: []string{"carlos-mendoza", "aisha-rahman"}, Maturity: "endorsed", ReviewedBy: "niamh-gallagher", EndorsedBy: "carlos-mendoza",
			Body: `## When to use it

Before a term starts, on any course you teach, especially one you inherited. You do not need to rebuild the course: work through these five in order, on the pages and files students use in the first three weeks, and carry on from there.

## Steps

1. **Real headings.** Use the Heading 1, 2 and 3 styles in Word, Google Docs and the LMS editor, not bold text in a bigger size. Screen reader users jump from heading to heading the way sighted readers skim; without headings a page is one long paragraph.
2. **Alt text on every meaningful image.** Say what the image tells the reader, in a sentence. Mark decorative images as decorative. See our entry on alt text for diagrams and charts.
3. **Captions on every video, and a transcript for audio.** Correct the automatic captions: names, technical terms and numbers are where they fail.
4. **Links that say where they go.** "Lab safety checklist (PDF)" rather than "click here". Screen readers list links out of context.
5. **Text that can be selected.** If you cannot select a word in a PDF, a screen reader cannot read it either. Replace scanned pages with the original file, or ask the Library to run recognition on them.

Run the LMS accessibility checker on each page afterwards; it catches missing alt text and contrast problems in seconds.

## Pitfalls

- Fixing the syllabus first. Students rarely struggle with the syllabus; they struggle with week 2's readings and slides.
- Treating colour contrast as the top priority. It matters, but the five above cause more failures.
- Doing everything at once and burning out. One fix across the whole course beats five fixes on one page.

## Examples

Our walk-through of the Civil Engineering Technology first-year courses found 212 issues; fixes 1 and 5 resolved 140 of them in two afternoons.`,
			History: []revisionData{
				{Days: 380, By: "carlos-mendoza", Note: ""},
				{Days: 300, By: "aisha-rahman", Note: "Fix 5 is about every file, not only PDFs",
					Changed: [][2]string{{"Text that can be selected in any PDF.", "Text that can be selected."}}},
				{Days: 25, By: "carlos-mendoza", Note: "Added the LMS accessibility checker", Added: []string{"\n\nRun the LMS accessibility checker on each page afterwards; it catches missing alt text and contrast problems in seconds."}},
			},
			Comments: []commentData{
				{By: "sofia-castillo", Days: 290, Body: "We did the Civil walk-through with Carlos and Aisha. The scanned PDFs were the worst of it: three of our standards documents were photocopies of photocopies."},
				{By: "daniel-reyes", Days: 200, Body: "I did fix 1 on all my med-surg pages in one evening. A student who uses a screen reader thanked me the next week, without knowing I had done anything. She said the pages \"suddenly made sense\"."},
				{By: "ben-tremblay", Days: 100, Body: "From the service desk: \"I can't read the PDF\" is one of our most common tickets in September. Fix 5 would remove most of them."},
				{By: "kenji-watanabe", Days: 24, Body: "The LMS checker flagged 38 contrast problems in my course, almost all from one red I used for warnings. One change to the template fixed them."},
			},
			Helpful: []string{"niamh-gallagher", "daniel-reyes", "sofia-castillo", "ingrid-solberg", "chloe-dubois", "ben-tremblay", "eleanor-whitfield", "kenji-watanabe"},
		},
		{
			Slug: "alt-text-for-diagrams-charts-and-photos", Kind: "practice",
			Title:   "Writing alt text for diagrams, charts and photos",
			Summary: "How to decide what an image's alt text should say: its purpose in the lesson, not a description of every pixel. With a table of what to write for the kinds of images we use most.",
			Tags:    []string{"alt text", "images", "screen readers"},
			Authors: []string{"aisha-rahman"}, Maturity: "reviewed", ReviewedBy: "eleanor-whitfield",
			Body: `## When to use it

Whenever you add an image to a page, a document or a slide. As a screen reader user, I hear alt text in place of the image: it should give me what the image gives you.

## Steps

1. **Ask why the image is there.** What would a student miss if it vanished? That is your alt text.
2. **Keep it short**: one or two sentences. Put longer explanations in the text of the page, where everyone benefits from them.
3. **Do not start with "Image of"**. The screen reader already says it is an image.
4. **Mark purely decorative images as decorative**, so that they are skipped.
5. **For complex images, describe them in the page**, and give the alt text a short summary that points there.

## What to write, by kind of image

| Image | Alt text should give | Example |
| --- | --- | --- |
| Photo of a technique | The action and the key detail | "Knife held in a pinch grip, thumb and forefinger on the blade above the bolster." |
| Chart | The trend or comparison that matters | "Textbook costs fell from $412 to $96 per student between 2021 and 2023." |
| Circuit or process diagram | The structure, then a pointer | "Series circuit with a 9 V battery and two resistors. Full description below." |
| Screenshot of software | Where to click, in words | "The Save button is at the top right of the quiz editor." |
| Decorative banner | Nothing: mark as decorative | |

## Pitfalls

- Alt text that repeats the caption word for word. I hear it twice.
- Alt text generated automatically and never checked. It describes the picture, not its purpose, and is sometimes wrong.
- Text inside images. If the image is a slide title, make it real text.

## Examples

The knife-skills pages in the culinary program and the DC circuits lab manual are good models.`,
			History: []revisionData{
				{Days: 360, By: "aisha-rahman", Note: ""},
				{Days: 200, By: "aisha-rahman", Note: "Added the table by kind of image", Sections: []string{"## What to write, by kind of image"}},
				{Days: 120, By: "ingrid-solberg", Note: "Knife grip example from the culinary program", Changed: [][2]string{{"\"A chef's knife in use.\"", "\"Knife held in a pinch grip, thumb and forefinger on the blade above the bolster.\""}}},
			},
			Comments: []commentData{
				{By: "eleanor-whitfield", Days: 190, Body: "\"What would a student miss if it vanished?\" is the clearest test I know. I use it in every open textbook workshop."},
				{By: "chloe-dubois", Days: 110, Body: "What about images in French? Our bilingual pages have captions in both languages; should the alt text be bilingual too?"},
				{By: "aisha-rahman", Days: 109, Body: "@chloe-dubois match the language of the page, and mark the page's language properly so the screen reader switches voice. Bilingual alt text is read in one voice and sounds garbled."},
			},
			Helpful: []string{"eleanor-whitfield", "chloe-dubois", "ingrid-solberg", "kenji-watanabe", "niamh-gallagher", "ben-tremblay"},
		},
		{
			Slug: "accessible-maths-notation", Kind: "practice",
			Title:   "Accessible maths: equations that screen readers can read",
			Summary: "How to write equations in the LMS and in Word so that a screen reader speaks them and a student can zoom them: use the equation editors, never pictures of equations, and check with the reader yourself.",
			Tags:    []string{"stem", "mathml", "screen readers"},
			Authors: []string{"kenji-watanabe"}, Maturity: "published", ReviewBy: -20,
			Body: `## When to use it

In any course with formulas: engineering, accounting, nursing dosage calculations, chemistry. An equation pasted as a picture is silent to a screen reader and blurs when a student with low vision zooms in.

## Steps

1. **In the LMS**, use the equation editor button, or type LaTeX between the editor's maths delimiters. The LMS stores it as MathML, which screen readers with MathCAT or MathPlayer read aloud and which zooms cleanly.
2. **In Word**, use Insert > Equation. Word's equations export to accessible PDF only through "Save as PDF" with the accessibility option on, and even then inconsistently; prefer sharing the Word file.
3. **For existing images of equations**, retype them. For a thermodynamics course this took me about four hours for 120 equations.
4. **Check with a screen reader.** Turn on NVDA (free) and listen to one page. If you hear "graphic" or silence, the equation is an image.

## Pitfalls

- Handwritten solutions photographed on a phone. Offer a typed version of key worked examples, or a narrated video.
- Equations in PowerPoint exported to PDF. Most tools flatten them to images.
- LaTeX with custom macros that the LMS does not know. It shows the raw code.

## Examples

MECH 2310 (Thermodynamics) uses the LMS editor for all equations since last year. A student using a screen reader passed the course with no separate materials.

The LMS's equation editor is being replaced in the next update; this entry needs checking once it is released.`,
			History: []revisionData{
				{Days: 340, By: "kenji-watanabe", Note: ""},
				{Days: 338, By: "kenji-watanabe", Note: "Note on the editor update", Added: []string{"\n\nThe LMS's equation editor is being replaced in the next update; this entry needs checking once it is released."}},
			},
			Comments: []commentData{
				{By: "aisha-rahman", Days: 330, Body: "Confirmed with NVDA and MathCAT: the LMS equations read well, including fractions and subscripts. Word equations in PDF were hit and miss."},
				{By: "niamh-gallagher", Days: 35, Body: "The update is out on the test server. The new editor still stores MathML, but the button has moved. Could someone check this before the term starts?"},
			},
			Helpful: []string{"aisha-rahman", "sofia-castillo"},
		},
		{
			Slug: "auto-captions-on-knife-skills-videos", Kind: "lesson",
			Title:   "Auto-captions on the knife-skills videos",
			Summary: "We relied on automatic captions for twelve knife-skills videos. They turned \"julienne\" into \"Julianne\" and \"chiffonade\" into \"shiffon aid\", and a Deaf student missed the safety instructions.",
			Source:  "Feedback from a student through the Accessible Learning Centre, shared with permission.",
			Tags:    []string{"captions", "video", "culinary"},
			Authors: []string{"ingrid-solberg"}, Maturity: "reviewed", ReviewedBy: "aisha-rahman",
			Body: `## The situation

I filmed twelve short videos of knife skills for first-term culinary students: grips, the claw, and the classic cuts. The video platform generates captions automatically, and I published them without reading them.

## What we expected

That automatic captions would be good enough. They looked accurate when I spot-checked the first minute of two videos.

## What happened

A Deaf student told the Accessible Learning Centre that the captions were "full of nonsense". "Julienne" became "Julianne", "chiffonade" became "shiffon aid", "brunoise" became "brunette". Worse, in the safety video, "keep your fingertips tucked behind your knuckles" was captioned as "keep your fingertips tucked behind your knuckle sandwich". The student had skipped the safety video because the captions made no sense, and cut herself in the first lab. It was a minor cut, but it need not have happened.

## What we would do next time

- **Read every caption file before publishing.** It took me 20 minutes per 5-minute video to correct them.
- **Add a glossary to the platform.** Our video platform lets us add custom vocabulary; we added 60 culinary terms and the next videos were far better.
- **Caption the safety videos first**, and check them with a student who uses captions.
- **Put the key terms on screen as text**, as well as in the captions. Everyone benefits.`,
			History: []revisionData{
				{Days: 330, By: "ingrid-solberg", Note: ""},
				{Days: 325, By: "aisha-rahman", Note: "Added the custom vocabulary tip", Added: []string{"\n- **Add a glossary to the platform.** Our video platform lets us add custom vocabulary; we added 60 culinary terms and the next videos were far better."}},
			},
			Comments: []commentData{
				{By: "chloe-dubois", Days: 320, Body: "The French terms are the hardest for the captioner. We now say them slowly once and add them on screen."},
				{By: "carlos-mendoza", Days: 300, Body: "Thank you for writing this with such candour, Ingrid. I have used it in three faculty workshops now; it convinces people in a way statistics do not."},
				{By: "kenji-watanabe", Days: 250, Body: "Same in engineering: \"enthalpy\" came out as \"and that'll be\". I added a vocabulary list too."},
			},
			Helpful: []string{"aisha-rahman", "carlos-mendoza", "chloe-dubois", "kenji-watanabe", "sofia-castillo", "niamh-gallagher"},
		},
		{
			Slug: "screen-reader-run-through-our-course-template", Kind: "story",
			Title:   "A screen reader run through our own course template",
			Summary: "Aisha, who uses a screen reader every day, tried to complete week 1 of a course built on our standard LMS template while four of us watched. It took her 41 minutes; it takes a sighted student 12.",
			Source:  "Community walk-through session in the Library's accessibility lab.",
			Tags:    []string{"screen readers", "lms", "user testing"},
			Authors: []string{"aisha-rahman"}, Maturity: "published",
			Body: `## What happened

We asked a simple question: how long does week 1 of a typical course take with a screen reader? I used JAWS with the LMS, on a course built from the college's standard template, while Carlos, Niamh, Ben and Daniel watched and took notes. They were not allowed to help.

Week 1 had a welcome page, a syllabus, a video, a reading and a short quiz. It took me 41 minutes; Niamh timed a sighted colleague at 12.

Where the time went:

- **The navigation menu** (9 minutes). The template's menu was built with images of text. JAWS read each item as "link, graphic" and I had to open each one to find out where it went.
- **The syllabus** (11 minutes). A scanned PDF. I gave up and asked for the Word file, as a student would have to.
- **The quiz** (8 minutes). The timer announced itself every 30 seconds, interrupting every question.
- **The video** (4 minutes) was fine: captions, and the player's buttons were labelled.

## Why it matters

Every course built from that template had the same menu. One fix to the template fixed hundreds of courses. We would never have found it from a checklist: the menu passed the automated checker, because the images had alt text, which was the filename.

## What we took from it

- Niamh rebuilt the template menu with real text the following week.
- We now do a screen reader walk-through of any new template before it goes out.
- Watching is different from reading a report. Everyone who watched changed something in their own courses that month.`,
			History: []revisionData{
				{Days: 290, By: "aisha-rahman", Note: ""},
				{Days: 289, By: "niamh-gallagher", Note: "Added the template fix", Changed: [][2]string{{"- Niamh will rebuild the template menu with real text.", "- Niamh rebuilt the template menu with real text the following week."}}},
			},
			Comments: []commentData{
				{By: "niamh-gallagher", Days: 285, Body: "Template menu fixed and pushed to all 1,140 course shells. The quiz timer announcement is an LMS setting; I have raised it with the vendor."},
				{By: "ben-tremblay", Days: 280, Body: "Watching this was humbling. I had closed tickets about the menu as \"user error\"."},
				{By: "daniel-reyes", Days: 270, Body: "I went straight back and replaced my scanned syllabus. Thank you, Aisha."},
				{By: "eleanor-whitfield", Days: 140, Body: "Could we do the same for the Library's research guides? I suspect we have the same problem."},
			},
			Helpful: []string{"carlos-mendoza", "niamh-gallagher", "ben-tremblay", "daniel-reyes", "eleanor-whitfield", "chloe-dubois", "sofia-castillo"},
		},
		{
			Slug: "webaim-contrast-checker", Kind: "resource",
			Title:       "WebAIM Contrast Checker",
			Summary:     "A free web tool that tells you whether text and background colours have enough contrast to meet WCAG AA and AAA, for normal and large text. Paste two colours, read the result.",
			ResourceURL: "https://webaim.org/resources/contrastchecker/",
			Tags:        []string{"colour contrast", "tools", "wcag"},
			Authors:     []string{"ben-tremblay"}, Maturity: "published",
			Body: `## What it is

A one-page tool from WebAIM at Utah State University. Enter a foreground and a background colour (as hex codes, or with the colour picker) and it shows the contrast ratio and whether it passes WCAG 2 level AA and AAA, for normal text, large text and graphical objects.

The thresholds it checks are 4.5:1 for normal text and 3:1 for large text (AA), and 7:1 and 4.5:1 (AAA).

## How we use it

- **Course banners and templates.** Before a department adopts a colour scheme for its course banners, we check every text colour against its background.
- **Slides.** Faculty paste the colours from their slide theme; pale grey on white and red on dark blue fail most often.
- **Service desk tickets.** When a student reports that a page is hard to read, we check the colours first; it answers most of these tickets in two minutes.

## Caveats

- It checks two flat colours. Text over a photograph or a gradient needs a different approach: put a solid band behind the text.
- Passing contrast does not make colour alone a safe way to carry meaning. "Items in red are due this week" fails students who cannot tell red from green, whatever the contrast.
- Browser extensions and the LMS checker do the same calculation on whole pages; this tool is for checking a scheme before you build it.`,
			History: []revisionData{
				{Days: 378, By: "ben-tremblay", Note: ""},
				{Days: 377, By: "ben-tremblay", Note: "Added the thresholds", Added: []string{"\n\nThe thresholds it checks are 4.5:1 for normal text and 3:1 for large text (AA), and 7:1 and 4.5:1 (AAA)."}},
			},
			Comments: []commentData{
				{By: "sofia-castillo", Days: 360, Body: "Our department's orange banner failed at 2.9:1. We darkened it slightly and nobody noticed the difference except the checker."},
			},
			Helpful: []string{"sofia-castillo", "chloe-dubois", "carlos-mendoza"},
		},
		{
			Slug: "scanned-pdfs-in-the-reading-list", Kind: "lesson",
			Title:   "Scanned PDFs in the reading list",
			Summary: "Our reading lists were full of scanned book chapters that screen readers cannot read. We ran text recognition on all of them in a week, and learned that the recognition needs checking too.",
			Tags:    []string{"documents", "pdf", "library"},
			Authors: []string{"eleanor-whitfield"}, Maturity: "published",
			Body: `## The situation

Under the copyright licence, instructors may share a chapter of a book as a scan. Over the years the Library's reading lists had collected 1,900 scanned PDFs, most of them images of pages with no text layer.

## What we expected

That running optical character recognition (OCR) over all of them would solve the problem, and that it would take a few days of processing time.

## What happened

The OCR itself ran in a weekend. Then Aisha tested a sample of 40 with a screen reader:

- 26 read well.
- 9 read the text in the wrong order: two-column layouts were read straight across both columns.
- 5 were unusable: photocopies of photocopies, handwritten notes in the margins, tables read as strings of numbers.

We also found that 300 of the scans were of books now available to us as accessible e-books through the Library's subscriptions.

## What we would do next time

- Check the Library's e-book subscriptions before scanning anything; link to the e-book instead.
- Run OCR, then check a sample of every batch with a screen reader, prioritising courses with students registered with the Accessible Learning Centre.
- Re-scan the worst ones from the book, flat on the glass, at 300 dpi.
- Tag two-column documents for manual correction of the reading order.`,
			History: []revisionData{
				{Days: 372, By: "eleanor-whitfield", Note: ""},
			},
			Comments: []commentData{
				{By: "aisha-rahman", Days: 368, Body: "The reading-order problem is invisible unless you listen to the document. Worth knowing that Acrobat's reading order tool can fix a page in a few minutes."},
			},
			Helpful: []string{"aisha-rahman", "carlos-mendoza", "daniel-reyes", "kenji-watanabe"},
		},
		{
			Slug: "accessible-slide-decks", Kind: "practice",
			Title:   "Accessible slide decks in PowerPoint and Google Slides",
			Summary: "A ten-minute checklist for lecture slides: use the layouts, give every slide a unique title, check the reading order, describe images and keep text large. With a before-and-after from a med-surg lecture.",
			Tags:    []string{"slides", "powerpoint", "course design"},
			Authors: []string{"niamh-gallagher"}, Maturity: "reviewed", ReviewedBy: "chloe-dubois",
			Body: `## When to use it

For any slides you share with students, before or after the lecture. Students with screen readers, with low vision, or simply reading on a phone on the bus all depend on the file, not on the room.

## Steps

1. **Use the built-in layouts**, not text boxes drawn on blank slides. Layout placeholders are read in a sensible order; free text boxes are read in the order you drew them.
2. **Give every slide a unique title**, even if you hide it visually. "Continued" five times in a row is useless when jumping between slides.
3. **Check the reading order.** In PowerPoint: Home > Arrange > Selection Pane (the order is read bottom to top). In Google Slides, the order follows the order of creation; cut and paste to fix it.
4. **Describe images** (see the alt text entry) and mark decorative ones.
5. **Keep text at 24 points or more**, and no more than six lines per slide.
6. **Run the checker**: PowerPoint's Review > Check Accessibility. Google Slides has no checker; use the Grackle add-on.

## Pitfalls

- Animations that reveal text line by line. The file contains every line at once; fine for screen readers, confusing in the exported PDF.
- Slides as the only notes. Share the speaker notes too, or a short handout.

## Examples

Daniel's lecture on post-operative complications went from 14 checker errors to none in about fifteen minutes. The main change was replacing 11 text boxes with layouts; the slides look the same.`,
			History: []revisionData{
				{Days: 300, By: "niamh-gallagher", Note: ""},
				{Days: 150, By: "daniel-reyes", Note: "Added the example from my med-surg lecture", Sections: []string{"## Examples"},
					OldSummary: "A ten-minute checklist for lecture slides: use the layouts, give every slide a unique title, check the reading order, describe images and keep text large."},
			},
			Comments: []commentData{
				{By: "chloe-dubois", Days: 140, Body: "The Selection Pane reading order (bottom to top!) was news to me. Fixed all the hospitality law slides this week."},
				{By: "ingrid-solberg", Days: 90, Body: "Is there an equivalent for Canva? Several of us in Culinary make our slides there."},
			},
			Helpful: []string{"daniel-reyes", "chloe-dubois", "ingrid-solberg", "kenji-watanabe", "eleanor-whitfield"},
		},
		{
			Slug: "wcag-2-2-at-a-glance", Kind: "resource",
			Title:       "WCAG 2.2 at a glance: the criteria that matter for course pages",
			Summary:     "The W3C's one-page summary of the Web Content Accessibility Guidelines, our technical baseline, with the handful of success criteria that most often apply to course pages and documents.",
			ResourceURL: "https://www.w3.org/WAI/standards-guidelines/wcag/glance/",
			Tags:        []string{"wcag", "standards", "reference"},
			Authors:     []string{"carlos-mendoza"}, Maturity: "published",
			Verified: 10, VerifiedBy: "aisha-rahman",
			Body: `## What it is

"WCAG 2 at a Glance" is the W3C's own one-page summary of the Web Content Accessibility Guidelines, organised under the four principles: perceivable, operable, understandable and robust. WCAG 2.2, published in October 2023, is the version we design to, at level AA.

## How we use it

The full standard is long. For course pages, documents and slides, these success criteria account for nearly everything we find in walk-throughs:

- **1.1.1 Non-text content**: alt text.
- **1.2.2 Captions (prerecorded)** and **1.2.3 Audio description or media alternative**.
- **1.3.1 Info and relationships**: real headings, lists and table headers.
- **1.4.3 Contrast (minimum)**: 4.5:1 for normal text.
- **2.4.4 Link purpose (in context)**: meaningful link text.
- **2.2.1 Timing adjustable**: quiz time limits that can be extended.
- **3.1.1 Language of page**: so that the screen reader uses the right voice.

New in 2.2 and relevant to us: **2.4.11 Focus not obscured** (sticky LMS banners hiding the keyboard focus) and **3.3.7 Redundant entry** (forms that ask students for the same information twice).

## Caveats

- WCAG is written for web content; applying it to documents and slides takes some translation. The W3C's "Understanding" pages explain each criterion with examples.
- Meeting AA does not mean a course is usable. Test with people, as in our screen reader walk-through.`,
			History: []revisionData{
				{Days: 395, By: "carlos-mendoza", Note: ""},
				{Days: 360, By: "aisha-rahman", Note: "Added what is new in 2.2", Added: []string{"\n\nNew in 2.2 and relevant to us: **2.4.11 Focus not obscured** (sticky LMS banners hiding the keyboard focus) and **3.3.7 Redundant entry** (forms that ask students for the same information twice)."}},
			},
			Comments: []commentData{
				{By: "ben-tremblay", Days: 300, Body: "This list is now pinned in the service desk's knowledge base. Having the criterion numbers helps when we escalate to a vendor."},
			},
			Helpful: []string{"ben-tremblay", "aisha-rahman", "niamh-gallagher", "sofia-castillo"},
		},
		{
			Slug: "quiz-time-extensions-that-reset", Kind: "lesson",
			Title:   "The quiz time extensions that reset every term",
			Summary: "Draft: extra-time settings for quizzes are attached to the quiz, not the student, so every copied course loses them. What happened in September and how we might design around it.",
			Tags:    []string{"quizzes", "lms", "extended time"},
			Authors: []string{"ben-tremblay"}, Maturity: "draft",
			Body: `## The situation

Students with extended time on assessments get it in the LMS through a per-student setting on each quiz. In September, the service desk received 34 tickets in the first two weeks from students whose extra time had disappeared.

## What we expected

That extra time set up last year would carry over when instructors copied their course to the new term.

## What happened

Course copy brings the quizzes but not the per-student settings, because the students are different. Each instructor has to add the extension again for each quiz, and many did not know. Some students did not report it and simply ran out of time.

## What we would do next time

- Still working this out with Niamh. Options: the LMS's course-wide accommodation setting (in the next update), a checklist in the course-copy instructions, or designing quizzes with generous time for everyone.
- The last one is the UDL answer, and for low-stakes quizzes it may be the right one.`,
			History: []revisionData{
				{Days: 20, By: "ben-tremblay", Note: "Draft, to discuss at the next meeting"},
			},
		},
	},
	Collections: []collectionData{
		{Slug: "start-here", Title: "Start here", Days: 350,
			Description: "Where to begin making a course accessible: the five fixes, alt text, and what a screen reader user actually meets in our courses.",
			Entries:     []string{"five-fixes-that-matter-most", "screen-reader-run-through-our-course-template", "alt-text-for-diagrams-charts-and-photos"}},
	},
}
