package demo

// aiRepertoire is the practice library of Teaching with Generative AI:
// redesigned assessments, AI literacy and what students tell us.
var aiRepertoire = repertoire{
	Entries: []entryData{
		{
			Slug: "rewrote-every-assignment-in-marketing-2200", Kind: "story",
			Title:   "I rewrote every assignment in Marketing 2200: what happened",
			Summary: "Last year I redesigned all five assessments in Consumer Behaviour for a world where students have ChatGPT. Two worked very well, one failed, and the students' own survey told me more than I expected.",
			Source:  "Presented at the community's first monthly show-and-tell.",
			Tags:    []string{"assessment design", "marketing", "student voice"},
			Authors: []string{"rebecca-goldberg"}, Maturity: "endorsed", ReviewedBy: "arjun-mehta", EndorsedBy: "anh-nguyen",
			Body: `## What happened

In the first week of term, a student handed in a consumer persona that was fluent, well organised and described a shopper who could not exist: a 34-year-old with three teenage children, a student loan and a retirement home in Spain. That was when I decided to redesign everything rather than ban anything.

I changed the five assessments as follows:

1. **Persona** became an interview: students interview two real shoppers and build the persona from their notes, which they hand in.
2. **Brand audit** became an in-class studio: teams audit a local business during two class sessions, with AI allowed for the first draft of the SWOT and a class critique of what the AI got wrong.
3. **Essay on pricing psychology** became a ten-minute recorded explanation with a worked example of the student's own choosing.
4. **Campaign pitch** stayed the same, with a disclosure note on any AI use.
5. **Final exam** stayed on paper. I am not proud of this one.

## Why it matters

The interview and the studio worked best: the work was visibly the students' own, and the AI critique taught more about marketing than the audit itself. The recorded explanation failed: students read out scripts, some clearly generated, and marking 140 videos took three weekends.

The survey at the end of term (86 responses) surprised me: 71% said they used AI less in this course than in their others, and the most common reason was "the assignments needed things only I had".

## What we took from it

- Design for what only the student has: their interviews, their observations, their reasoning in the room.
- Let students use AI where it helps, and make critiquing it part of the assignment.
- Count your own marking hours before you choose a format.`,
			History: []revisionData{
				{Days: 120, By: "rebecca-goldberg", Note: "Notes from the show-and-tell"},
				{Days: 118, By: "rebecca-goldberg", Note: "Added the numbers from the student survey", Added: []string{"\n\nThe survey at the end of term (86 responses) surprised me: 71% said they used AI less in this course than in their others, and the most common reason was \"the assignments needed things only I had\"."}},
				{Days: 31, By: "rebecca-goldberg", Note: "Added what we took from it, after this term", Sections: []string{"## What we took from it"}},
			},
			Comments: []commentData{
				{By: "anh-nguyen", Days: 112, Body: "The \"needed things only I had\" line is the best design principle I have heard this year. I am stealing it for the programming assignments."},
				{By: "arjun-mehta", Days: 80, Body: "I tried the in-class studio in cost accounting with a case from a local bakery. Same result: the AI's first draft was confidently wrong about overhead allocation, and spotting why was the learning."},
				{By: "yusuf-demir", Days: 70, Body: "How did you handle students who were absent for one of the two studio sessions?"},
				{By: "rebecca-goldberg", Days: 69, Body: "@yusuf-demir they completed a short individual audit of the same business, with a five-minute conversation with me. Three students needed it over the term."},
				{By: "samuel-osei", Days: 28, Body: "Students mention this course to me as one where they \"actually learned the thing\". That is high praise at the learning centre."},
			},
			Helpful: []string{"anh-nguyen", "arjun-mehta", "yusuf-demir", "fatima-al-sayed", "carlos-mendoza", "lucia-fernandez", "sofia-castillo", "kenji-watanabe"},
		},
		{
			Slug: "plain-language-ai-statement", Kind: "practice",
			Title:   "A plain-language AI statement for your course outline",
			Summary: "Three levels of AI use (not allowed, allowed for named tasks, welcome) with wording you can paste into a course outline and adapt per assignment, plus how students should disclose and cite what they used.",
			Tags:    []string{"course outlines", "academic integrity", "ai literacy"},
			Authors: []string{"rebecca-goldberg", "carlos-mendoza"}, Maturity: "endorsed", ReviewedBy: "niamh-gallagher", EndorsedBy: "anh-nguyen",
			Body: `## When to use it

When you write or update a course outline, and again on each assignment brief. Students tell us the rules differ from course to course and are often unclear; a short, specific statement removes most of the guesswork.

## Steps

1. **Choose a level for the course**, then adjust it per assignment where needed:
   - **Level 1, no AI.** "In this course you may not use AI tools to produce any part of your submitted work, because the point is to practise doing it yourself."
   - **Level 2, AI for named tasks.** "You may use AI tools to brainstorm, check grammar or explain a concept. You may not use them to write any part of what you submit. Say what you used and how."
   - **Level 3, AI welcome.** "You may use AI tools in any part of this work. You are responsible for everything you submit, including checking facts and sources. Say what you used and how."
2. **Say why.** One sentence on what the assignment is meant to build makes the rule feel fair.
3. **Ask for a disclosure note** of two or three lines at the end of the work: the tool, what it was asked, and what the student changed.
4. **Show how to cite.** When AI output is quoted or paraphrased, students cite it like any other source.

## Citing AI output

In APA style, the reference names the company as author and the model as the title, for example: OpenAI. (2024). *ChatGPT* (GPT-4o) [Large language model]. The [APA Style blog](https://apastyle.apa.org/blog/how-to-cite-chatgpt) explains the details; the Library has MLA and Chicago examples.

## Pitfalls

- Vague wording such as "use AI responsibly". Name the tasks.
- Changing the level mid-term without telling students in writing.

## Examples

Marketing 2200 uses Level 3 for the brand audit and Level 1 for the exam. Electrical Engineering Technology uses Level 2 throughout. Nursing uses Level 2 for written assignments and Level 1 for dosage calculation tests.`,
			History: []revisionData{
				{Days: 95, By: "rebecca-goldberg", Note: ""},
				{Days: 80, By: "carlos-mendoza", Note: "Plain-language pass: shorter sentences, \"you\" throughout",
					Changed: [][2]string{{"Students report that the rules differ between courses and are frequently ambiguous; a short, specific statement addresses most of the uncertainty.", "Students tell us the rules differ from course to course and are often unclear; a short, specific statement removes most of the guesswork."}}},
				{Days: 50, By: "eleanor-whitfield", Note: "Added how to cite AI output, with the APA format", Sections: []string{"## Citing AI output"}},
				{Days: 18, By: "grace-lindqvist", Note: "Added how Nursing uses the levels", Added: []string{" Nursing uses Level 2 for written assignments and Level 1 for dosage calculation tests."}},
			},
			Comments: []commentData{
				{By: "fatima-al-sayed", Days: 78, Body: "Level 2 has been easy to explain in the lab: \"AI can help you understand the circuit, it cannot write your analysis.\""},
				{By: "lucia-fernandez", Days: 52, Body: "Co-op employers ask me what our students are allowed to do. Could I share this page with them, as an example of how the college thinks about it?"},
				{By: "rebecca-goldberg", Days: 51, Body: "@lucia-fernandez please do. It is public on purpose."},
				{By: "ruth-adeyemi", Days: 20, Body: "Academic Council's draft guideline now points to this entry as an example. Thank you all."},
			},
			Helpful: []string{"anh-nguyen", "fatima-al-sayed", "lucia-fernandez", "ruth-adeyemi", "grace-lindqvist", "daniel-reyes", "sofia-castillo", "yusuf-demir", "meilin-chen", "kenji-watanabe"},
		},
		{
			Slug: "process-based-lab-reports", Kind: "practice",
			Title:   "Process-based lab reports: grading the notebook, not just the report",
			Summary: "In Electrical Engineering Technology labs, 40% of the lab grade now comes from the bench notebook, checked in the lab, so that the polished report (which AI can help write) is no longer the only evidence.",
			Tags:    []string{"lab reports", "assessment design", "engineering"},
			Authors: []string{"fatima-al-sayed"}, Maturity: "reviewed", ReviewedBy: "kenji-watanabe",
			Body: `## When to use it

In any lab course where students write up experiments afterwards. A polished report used to be good evidence that a student understood the circuit; now it mostly shows that they can prompt well.

## Steps

1. **Give every student a bound bench notebook** (we use the cheap quad-ruled kind from the bookstore). Pages are numbered; nothing is torn out.
2. **Ask for four things on the bench:** the circuit as built (a sketch), predicted values before measuring, measured values, and one sentence on any difference.
3. **Sign the notebook in the lab.** Before students leave, the instructor or technologist initials the page and asks one question about it. This takes about a minute per student.
4. **Grade the notebook at 40%**, the report at 40% and a short in-lab quiz at 20%.
5. **Let AI help with the report.** Students may use AI to tidy the writing, with a disclosure note; the reasoning is already on the signed page.

## Rubric weights for the notebook

| Criterion | Weight |
| --- | --- |
| Prediction made before measuring | 30% |
| Measurements complete, with units | 30% |
| Differences explained | 30% |
| Legible and dated | 10% |

## Pitfalls

- The one-minute check becomes ten minutes if you ask open questions. Ask something specific: "Why is this voltage lower than you predicted?"
- Students who miss a lab need a make-up slot on the bench, not a take-home version.

## Examples

ELEC 1150 (DC circuits) and ELEC 2210 (PLCs) use this from this term. Kenji is trying it in the thermodynamics lab.`,
			History: []revisionData{
				{Days: 100, By: "fatima-al-sayed", Note: ""},
				{Days: 60, By: "fatima-al-sayed", Note: "Added the rubric weights", Sections: []string{"## Rubric weights for the notebook"}},
			},
			Comments: []commentData{
				{By: "kenji-watanabe", Days: 55, Body: "Week 3 in thermo: the predictions are the gold. Half my students predicted the heat loss with the wrong sign, and we caught it on the bench rather than in the report three weeks later."},
				{By: "anh-nguyen", Days: 40, Body: "This is the lab equivalent of asking for the commit history in a programming assignment. Same idea: grade the process where it is visible."},
			},
			Helpful: []string{"kenji-watanabe", "anh-nguyen", "sofia-castillo", "rebecca-goldberg"},
		},
		{
			Slug: "why-we-stopped-relying-on-ai-detectors", Kind: "lesson",
			Title:   "Why we stopped relying on AI detectors",
			Summary: "We trialled an AI-writing detector for a term across six courses. It flagged work we knew was genuine, most often from multilingual students, and gave us nothing we could act on fairly.",
			Source:  "Trial in six courses, reported to Academic Council.",
			Tags:    []string{"academic integrity", "ai detection", "equity"},
			Authors: []string{"anh-nguyen", "niamh-gallagher"}, Maturity: "reviewed", ReviewedBy: "rebecca-goldberg",
			Body: `## The situation

Last term the AI-writing indicator in our similarity checker was switched on for six volunteer courses. Instructors saw a percentage of "AI-generated" text next to each submission. We agreed in advance that no score alone would lead to an integrity case.

## What we expected

That the indicator would help us decide which submissions deserved a conversation, and that high scores would be rare.

## What happened

- Of 612 submissions, 58 scored above 20%. In conversations, 19 students showed drafts and notes that convinced the instructor the work was their own.
- Of those 19, 13 were multilingual students whose writing was careful, formal and plain: the style the detectors score as machine-like. This matches published research (Liang and colleagues, *Patterns*, 2023).
- Students who had clearly used AI and edited the result scored low.
- Two students said they had started running their own writing through a paraphrasing tool "so the detector doesn't flag me", which made their writing worse.

## What we would do next time

- Do not show the score to instructors at all. A number invites a judgement it cannot support.
- Put the effort into assessment design (see the Start here collection) and into conversations about process.
- When integrity is in doubt, ask for the drafts, notes and version history, and talk with the student.

We have asked for the indicator to stay off by default; Academic Council agreed.`,
			History: []revisionData{
				{Days: 104, By: "anh-nguyen", Note: ""},
				{Days: 70, By: "niamh-gallagher", Note: "Added the figures from the trial",
					Changed: [][2]string{{"- Many of the high scores were for work that turned out to be the students' own.", "- Of 612 submissions, 58 scored above 20%. In conversations, 19 students showed drafts and notes that convinced the instructor the work was their own."}}},
				{Days: 66, By: "anh-nguyen", Note: "Council decision", Added: []string{"\n\nWe have asked for the indicator to stay off by default; Academic Council agreed."}},
			},
			Comments: []commentData{
				{By: "sofia-castillo", Days: 65, Body: "Thank you for the equity finding. Several of my students write in their third language, and they already work twice as hard on their reports."},
				{By: "daniel-reyes", Days: 60, Body: "Is there anything that does work to spot undisclosed AI use?"},
				{By: "niamh-gallagher", Days: 59, Body: "@daniel-reyes nothing reliable that we have found. Version history in the shared documents is the closest, and it shows the process rather than judging the product."},
			},
			Helpful: []string{"rebecca-goldberg", "sofia-castillo", "daniel-reyes", "samuel-osei", "eleanor-whitfield", "lucia-fernandez"},
		},
		{
			Slug: "ai-tools-the-college-licenses", Kind: "resource",
			Title:   "Which AI tools the college licenses, and what they do with student data",
			Summary: "A table of the AI tools available under a college licence this term, whether students sign in with their college account, and whether prompts are used to train models. Check it before you require a tool in a course.",
			Tags:    []string{"tools", "privacy", "licensing"},
			Authors: []string{"niamh-gallagher"}, Maturity: "published", ReviewBy: -12,
			Body: `## What it is

A summary, kept by Learning Technology, of the AI tools students and staff can use under a college agreement. It is not a list of every tool you may use; it is the list of tools we have checked.

| Tool | Who | College sign-in | Prompts used for training |
| --- | --- | --- | --- |
| Microsoft Copilot (with data protection) | Staff and students | Yes | No |
| The LMS's built-in AI assistant | Staff only, pilot | Yes | No |
| Grammarly for Education | Students in English courses | Yes | No |
| Free consumer chatbots | Anyone | No | Often, unless turned off |

## How we use it

- If an assignment requires students to use an AI tool, choose one from the first three rows, so that no student has to hand personal data to a company to pass your course.
- Tell students how to sign in with their college account: the protection applies only then. The service desk has a one-page guide.
- If you want a tool added, ask Learning Technology; privacy and accessibility reviews take about six weeks.

## Caveats

- Licences change from term to term. This page is due for review at the start of every term; check its date.
- "Not used for training" is what the agreements say. It does not mean nothing is stored.
- Free tools remain allowed for optional use, but do not require them.`,
			History: []revisionData{
				{Days: 100, By: "niamh-gallagher", Note: ""},
				{Days: 45, By: "niamh-gallagher", Note: "Grammarly added for English courses", Added: []string{"\n| Grammarly for Education | Students in English courses | Yes | No |"}},
			},
			Comments: []commentData{
				{By: "ruth-adeyemi", Days: 44, Body: "The LMS assistant pilot ends in May; we will decide then whether to open it to students."},
				{By: "meilin-chen", Days: 30, Body: "Is the image generator inside Copilot covered by the same agreement? My pastry students use it for mood boards."},
			},
			Helpful: []string{"rebecca-goldberg", "fatima-al-sayed", "meilin-chen"},
		},
		{
			Slug: "students-memorised-wrong-nclex-rationales", Kind: "lesson",
			Title:   "Students memorised wrong NCLEX rationales from a chatbot",
			Summary: "Several of my nursing students studied for the licensing exam by asking a chatbot to explain practice questions. Some of the explanations were confidently wrong, and the students learned them.",
			Tags:    []string{"nursing", "study skills", "ai literacy"},
			Authors: []string{"grace-lindqvist"}, Maturity: "published",
			Body: `## The situation

Final-year nursing students preparing for the NCLEX use question banks. Several told me they paste questions they got wrong into a chatbot and ask it to explain the right answer, because the bank's own rationales are short.

## What we expected

That this would help: a patient tutor that explains on demand.

## What happened

In a review session, three students defended the same wrong answer about magnesium sulfate: that it should be stopped when deep tendon reflexes are 2+. They had all read the same chatbot explanation, which had confused the signs of magnesium toxicity (absent reflexes, respiratory depression) with normal findings. Two other rationales they showed me mixed up priority frameworks.

The explanations sounded exactly like a textbook. That was the problem: nothing signalled that they were wrong.

## What we would do next time

- Show students, in class, a chatbot rationale with an error in it and ask them to find it.
- Recommend checking any AI explanation against the course text or a drug reference before learning it, and say which references.
- Ask students to bring the explanations they are unsure about to review sessions. Three of them did, and the discussion was the best of the term.
- Samuel at the learning centre now covers this in his exam-preparation workshop.`,
			History: []revisionData{
				{Days: 90, By: "grace-lindqvist", Note: ""},
				{Days: 85, By: "samuel-osei", Note: "Added the exam-preparation workshop", Added: []string{"\n- Samuel at the learning centre now covers this in his exam-preparation workshop."}},
			},
			Comments: []commentData{
				{By: "samuel-osei", Days: 84, Body: "The workshop exercise is simple: students get five AI rationales, two of which are wrong, and have twenty minutes with the drug guide. Most find one of the two."},
				{By: "kenji-watanabe", Days: 50, Body: "Same pattern with thermodynamics sign conventions. The wrong explanation is always fluent."},
			},
			Helpful: []string{"samuel-osei", "daniel-reyes", "eleanor-whitfield", "anh-nguyen"},
		},
		{
			Slug: "the-three-source-check", Kind: "practice",
			Title:   "Teaching students to verify AI output: the three-source check",
			Summary: "A 30-minute class activity that teaches students to check a claim from an AI tool against three independent sources, based on lateral reading and the SIFT moves. Works in any subject.",
			Source:  "Library instruction sessions, adapted for the community's show-and-tell.",
			Tags:    []string{"ai literacy", "information literacy", "class activity"},
			Authors: []string{"eleanor-whitfield"}, Maturity: "reviewed", ReviewedBy: "grace-lindqvist",
			Body: `## When to use it

Early in a course where students will use AI tools for research or study, ideally before the first assignment that allows them.

## Steps

1. **Pick a claim** the AI tool made in your subject: a statistic, a date, a dosage, a regulation. Choose one that is partly wrong.
2. **Show the claim and the AI's confident explanation.** Ask: "Would you put this in your assignment?" Most hands go up.
3. **Teach the moves** (10 minutes), after Mike Caulfield's [SIFT](https://hapgood.us/2019/06/19/sift-the-four-moves/): *Stop*; *Investigate the source*; *Find better coverage*; *Trace the claim* to its origin.
4. **Three sources, independently** (15 minutes). In pairs, students find three sources for the claim that do not copy one another, at least one primary (a regulation, a study, a manufacturer's data sheet). They note what each says.
5. **Report back** (5 minutes). What was right, what was wrong, and how long it took.

## Pitfalls

- Choosing a claim that is completely wrong. A partly right claim teaches more, because that is what students meet.
- Letting the pairs use the same AI tool to check the claim.
- Running it once. Refer back to it whenever a student cites an unsupported claim.

## Examples

In Nutrition, the claim was the daily sodium limit for adults (the tool gave an outdated figure). In Civil Engineering Technology, a concrete curing time. In Marketing, a statistic on Gen Z shopping habits that traced back to a press release.`,
			History: []revisionData{
				{Days: 92, By: "eleanor-whitfield", Note: ""},
				{Days: 40, By: "eleanor-whitfield", Note: "Examples from three programs", Sections: []string{"## Examples"}},
			},
			Comments: []commentData{
				{By: "grace-lindqvist", Days: 38, Body: "Ran it with the magnesium sulfate rationale. The students found the error in eight minutes and were indignant about it, which is exactly what I wanted."},
				{By: "sofia-castillo", Days: 30, Body: "The concrete curing example is mine; happy to share the slides with anyone in Engineering."},
			},
			Helpful: []string{"grace-lindqvist", "sofia-castillo", "rebecca-goldberg", "meilin-chen", "samuel-osei"},
		},
		{
			Slug: "unesco-guidance-on-generative-ai", Kind: "resource",
			Title:       "UNESCO's guidance for generative AI in education and research",
			Summary:     "UNESCO's 2023 global guidance: a policy framework, with recommendations on age limits, data protection, human agency and the validation of tools. Useful background for course and college policy.",
			ResourceURL: "https://www.unesco.org/en/articles/guidance-generative-ai-education-and-research",
			Tags:        []string{"policy", "ethics", "background reading"},
			Authors:     []string{"ruth-adeyemi"}, Maturity: "published", ReviewBy: -4,
			Body: `## What it is

A guidance document published by UNESCO in September 2023, presented as the first global guidance on generative AI in education. It explains how the tools work, sets out the controversies (from copyright to the "digital poverty" gap), and recommends steps for governments and institutions.

## How we use it

- **Chapters 3 and 4** (regulating generative AI, and a policy framework for its use) framed the first draft of Academic Council's guideline; we borrowed their emphasis on human agency and on validating tools before they are required.
- **Chapter 5** has ideas for creative uses in teaching and research that are more careful than most vendor material. Together with the roles in UNESCO's earlier quick-start guide for higher education (AI as a "Socratic opponent", as a "co-designer"), it started good discussions at the show-and-tell.
- We quote its recommendation that institutions protect learners' data when we explain why some tools may be required in a course and others may not.

## Caveats

- It is written for policy makers, not instructors; skim the first three chapters.
- The tools have changed a good deal since 2023. Treat the technical descriptions as a snapshot.
- UNESCO has since published competency frameworks on AI for students and for teachers; they may be more practical for course design. We should review whether to add them here.`,
			History: []revisionData{
				{Days: 85, By: "ruth-adeyemi", Note: ""},
			},
			Comments: []commentData{
				{By: "eleanor-whitfield", Days: 80, Body: "The competency framework for teachers is worth a look; the Library can get print copies."},
			},
			Helpful: []string{"eleanor-whitfield", "rebecca-goldberg"},
		},
		{
			Slug: "code-assistants-in-first-year-programming", Kind: "lesson",
			Title:   "Code assistants in first-year programming: faster, then stuck",
			Summary: "With an AI code assistant allowed, my first-year students finished early labs twice as fast, then stalled in week 7 when the problems needed debugging they had never practised.",
			Tags:    []string{"programming", "ai coding assistants", "first year"},
			Authors: []string{"anh-nguyen"}, Maturity: "published",
			Body: `## The situation

Introduction to Programming (Python), two sections of 32. For the first time, I allowed an AI code assistant in the editor for all labs, with a disclosure note.

## What we expected

Faster progress through the basics and more time for design in the second half of term.

## What happened

Weeks 1 to 6 went faster than ever: median lab completion time fell from 95 to 48 minutes. In week 7 (file processing with messy data), completion collapsed. Students could not read a traceback, did not know how to print an intermediate value, and kept asking the assistant to "fix it", which produced a new error each time. Office hours doubled.

In the week-8 survey, 61% agreed with "I can explain the code I submitted in weeks 1 to 6"; 23% agreed with "I could write it again without help".

## What we would do next time

- **Assistant off for the first four weeks.** Students learn to read errors and trace by hand first.
- **Debugging labs.** Give students broken programs to fix without the assistant, marked on their notes as much as the fix.
- **Explain-your-code check.** A two-minute conversation on one function at each lab sign-off (borrowed from Fatima's notebook idea).
- **Then switch it on,** and teach prompting as a skill: ask for an explanation, not a fix.

I am running this plan in the autumn and will report back.`,
			History: []revisionData{
				{Days: 75, By: "anh-nguyen", Note: ""},
				{Days: 20, By: "anh-nguyen", Note: "Added the week-8 survey figures", Added: []string{"\n\nIn the week-8 survey, 61% agreed with \"I can explain the code I submitted in weeks 1 to 6\"; 23% agreed with \"I could write it again without help\"."}},
			},
			Comments: []commentData{
				{By: "fatima-al-sayed", Days: 19, Body: "The 61/23 gap is the clearest evidence I have seen of the difference between understanding and being able to do it."},
				{By: "samuel-osei", Days: 15, Body: "We saw week-7 panic at the learning centre too. Several students thought they were \"just bad at programming\"."},
			},
			Helpful: []string{"fatima-al-sayed", "samuel-osei", "rebecca-goldberg", "kenji-watanabe", "niamh-gallagher"},
		},
		{
			Slug: "what-students-tell-me-at-11pm", Kind: "story",
			Title:   "What students tell me at 11 p.m. about AI",
			Summary: "From the learning centre's evening drop-in: students are not mostly cheating with AI. They are anxious, unsure what is allowed, and using it to cope. What they asked me, and what helped.",
			Source:  "Evening drop-in sessions at the learning centre, this term; shared at the show-and-tell.",
			Tags:    []string{"student voice", "wellbeing", "academic integrity"},
			Authors: []string{"samuel-osei"}, Maturity: "published",
			Body: `## What happened

The learning centre runs an online drop-in until 11 p.m. in the weeks before exams. This term I kept a note (no names) of every conversation that mentioned AI: 47 in six weeks.

Most were not about getting AI to do the work. The commonest questions were:

- "Am I allowed to use it to explain the lecture notes?" (14 times). Often the student had two courses with opposite rules and had stopped using it altogether, just in case.
- "I used it to fix my grammar. Is that cheating?" (9 times), mostly from multilingual students.
- "It gave me a different answer from the textbook. Which one is right?" (8 times).
- Only four students asked for help to make AI-written work "sound like me". We talked about why they felt they needed to.

One student, at 10:40 p.m., said she had been asking a chatbot to quiz her on pharmacology because "it doesn't make me feel stupid". We talked about study groups, and she joined one the following week.

## Why it matters

Students' use of AI is tangled up with anxiety, time pressure and unclear rules. Rules that differ without explanation make honest students more anxious, not more honest.

## What we took from it

- A clear statement on every course outline (see the Start here collection) would have answered a third of these conversations.
- Several students did not know they could ask their instructor. Say so in class.
- The learning centre will add a short session on "using AI to study, honestly" next term.`,
			History: []revisionData{
				{Days: 60, By: "samuel-osei", Note: "From my drop-in notes"},
			},
			Comments: []commentData{
				{By: "rebecca-goldberg", Days: 58, Body: "\"It doesn't make me feel stupid\" will stay with me. Thank you, Samuel."},
				{By: "yusuf-demir", Days: 50, Body: "I had assumed most questions would be about cheating. This changes what I will say on the first day of class."},
				{By: "grace-lindqvist", Days: 45, Body: "The pharmacology student might well be one of mine. I will mention the study groups in class."},
			},
			Helpful: []string{"rebecca-goldberg", "yusuf-demir", "grace-lindqvist", "daniel-reyes", "lucia-fernandez", "ruth-adeyemi"},
		},
		{
			Slug: "ai-role-play-for-pitch-practice", Kind: "practice",
			Title:   "AI role-play for pitch practice",
			Summary: "A draft: entrepreneurship students rehearse their investor pitch with an AI playing a sceptical investor, then reflect on the three hardest questions before pitching to a real panel.",
			Tags:    []string{"entrepreneurship", "role-play", "oral assessment"},
			Authors: []string{"yusuf-demir"}, Maturity: "draft",
			Body: `## When to use it

In the two weeks before students pitch to the panel of local business owners at the end of Entrepreneurship 2100. Students rarely get to practise answering hard questions; the panel has time for only one pitch each.

## Steps

1. Students paste their one-page business summary into the college's licensed chat tool.
2. They use the prompt we provide: "You are an experienced angel investor in our region. You are interested but sceptical. Ask me one question at a time about this business, starting with the market. Push back on vague answers."
3. They answer out loud, typing or dictating, for 15 minutes.
4. They write down the three questions they found hardest and how they would answer them now.
5. In the next class, pairs swap their three questions and practise answering each other's.

## Pitfalls

- Still finding out. Some students found the "investor" too polite; the prompt may need to ask for tougher questions.
- The AI sometimes invents market figures when asked. Students must not quote them in the pitch.

## Examples

Piloting with one section this term.`,
			History: []revisionData{
				{Days: 14, By: "yusuf-demir", Note: "First draft"},
				{Days: 6, By: "yusuf-demir", Note: "Added the pair practice step", Added: []string{"\n5. In the next class, pairs swap their three questions and practise answering each other's."}},
			},
		},
	},
	Collections: []collectionData{
		{Slug: "start-here", Title: "Start here", Days: 90,
			Description: "New to the community? These four entries are where most of us began: a course-outline statement, one instructor's redesign, a class activity, and why we do not rely on detectors.",
			Entries:     []string{"plain-language-ai-statement", "rewrote-every-assignment-in-marketing-2200", "the-three-source-check", "why-we-stopped-relying-on-ai-detectors"}},
	},
}
