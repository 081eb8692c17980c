package demo

// nursingRepertoire is the practice library of Simulation in Nursing
// Education: debriefing, scenario design and the running of the sim lab.
var nursingRepertoire = repertoire{
	Entries: []entryData{
		{
			Slug: "running-a-pearls-debrief", Kind: "practice",
			Title:   "Running a PEARLS debrief in 20 minutes",
			Summary: "A five-phase debrief (reactions, description, analysis, application, summary) that fits a 20-minute slot after a 15-minute scenario, with the questions we use to open up the analysis.",
			Source:  "Facilitator workshop in the simulation lab, autumn term; timings revised after the spring cohort.",
			Tags:    []string{"debriefing", "pearls", "facilitation"},
			Authors: []string{"amara-okafor"}, Maturity: "endorsed", ReviewedBy: "tomasz-nowak", EndorsedBy: "priya-raman",
			Body: `## When to use it

After any scenario that ran longer than ten minutes, with a group of up to eight students. For a short skills station, a plus-delta at the bedside is enough.

## Steps

1. **Reactions (2 minutes).** "How are you feeling?" Let everyone speak once and acknowledge the emotion before any analysis. Do not skip this when the group seems fine: the quiet student who gave the wrong drug is rarely fine.
2. **Description (2 minutes).** Ask the team leader to sum up the case in a sentence or two: "What was going on with Mr. Hale?" Correct factual misunderstandings now, so that the analysis rests on a shared picture.
3. **Analysis (12 minutes).** Pick two or three performance gaps from your observation notes, no more. For each, choose the PEARLS strategy that fits:
   - *Learner self-assessment* (plus-delta) when time is short or the gap is obvious to them.
   - *Focused facilitation* with advocacy-inquiry when you need to surface the thinking behind an action: "I saw the oxygen stay at 2 litres while the saturation fell to 86%. I was worried. What was on your mind at that point?"
   - *Directive feedback* for a plain knowledge gap, such as the naloxone dose.
4. **Application (3 minutes).** "What will you do differently the next time a patient's saturation drifts?" Each student names one thing.
5. **Summary (1 minute).** A student, not the facilitator, states the take-aways.

## Questions that open up the analysis

- "Walk me through what you were thinking when the monitor alarmed."
- "What did you notice first? What do you wish you had noticed first?"
- "Who did you want to call, and what stopped you?"
- "If you had been the patient's daughter watching, what would you have seen?"

## Pitfalls

- Turning advocacy-inquiry into a guessing game ("What do you think I'm thinking?"). State what you saw and what you thought of it, honestly, then ask.
- Debriefing every gap. Two done well beat six rushed.
- Leaving the observers silent. Give each of them something specific to watch before the scenario starts.

## Examples

Our sepsis and post-operative haemorrhage scenarios both use this structure in their facilitator guides. The original paper is Eppich and Cheng, *Simulation in Healthcare* (2015); [Debrief2Learn](https://debrief2learn.org/) has a one-page PEARLS tool worth printing for the control room.`,
			History: []revisionData{
				{Days: 505, By: "amara-okafor", Note: "First version, from the facilitator workshop"},
				{Days: 330, By: "daniel-reyes", Note: "Added the debrief questions for the analysis phase", Sections: []string{"## Questions that open up the analysis"}},
				{Days: 41, By: "amara-okafor", Note: "Tightened the timings after the spring cohort",
					OldTitle:   "Running a PEARLS debrief in 25 minutes",
					Changed:    [][2]string{{"**Analysis (17 minutes).**", "**Analysis (12 minutes).**"}, {"A facilitator states the take-aways.", "A student, not the facilitator, states the take-aways."}},
					OldSummary: "A five-phase debrief (reactions, description, analysis, application, summary) that fits a 25-minute slot after a 15-minute scenario."},
			},
			Comments: []commentData{
				{By: "daniel-reyes", Days: 326, Body: "I used the advocacy-inquiry example almost word for word with my med-surg group on Tuesday. The student who had left the oxygen alone said she had been waiting for the instructor to tell her to change it. We would never have found that out with a plus-delta."},
				{By: "grace-lindqvist", Days: 210, Body: "For the maternity scenarios I add a line to *Reactions*: \"Is anyone carrying something from their own life into this?\" Birth scenarios hit some students hard. It costs thirty seconds and has twice opened a conversation we needed to have."},
				{By: "niamh-gallagher", Days: 96, Body: "Would a printable version help? I can make a one-page PDF of the steps and questions and put it in the sim lab course shell."},
				{By: "amara-okafor", Days: 95, Body: "@niamh-gallagher yes please, laminated for the control room if you can."},
				{By: "carlos-mendoza", Days: 33, Body: "The 20-minute version works much better for the Tuesday timetable. Having the student give the summary is a nice touch: you hear straight away what they actually took from it."},
			},
			Helpful: []string{"daniel-reyes", "grace-lindqvist", "carlos-mendoza", "aisha-rahman", "liam-oconnell", "tomasz-nowak", "niamh-gallagher"},
		},
		{
			Slug: "prebriefing-for-psychological-safety", Kind: "practice",
			Title:   "Pre-briefing that makes a scenario psychologically safe",
			Summary: "What we say and do in the ten minutes before a scenario so that students take risks, ask for help and learn from mistakes: the fiction contract, orientation to the manikin, and what the observers do.",
			Source:  "Written after the simulation faculty retreat, where the second-year students told us what frightened them about sim days.",
			Tags:    []string{"prebriefing", "psychological safety", "facilitation"},
			Authors: []string{"priya-raman", "amara-okafor"}, Maturity: "reviewed", ReviewedBy: "daniel-reyes",
			Body: `## When to use it

Before every scenario, and especially a group's first. Students who have never been in the lab arrive expecting to be judged; the pre-brief is where we show them they will not be.

## Steps

1. **Basic assumption (1 minute).** Say it aloud: "We believe everyone here is intelligent, capable, cares about doing their best and wants to improve." Then say what it means: mistakes in here are material for learning, not evidence against you.
2. **Fiction contract (2 minutes).** "The manikin is not a real patient and some things will feel artificial. We ask you to treat him as real as far as you can; we will do our best to make him believable." Name what will not work: he cannot squeeze your hand, and the IV arm leaks.
3. **Orientation (4 minutes).** Let them touch everything: listen to the chest sounds, find the pulses, open the medication drawer, pick up the phone and hear who answers. Most freezes in the first minute are about not knowing where things are.
4. **Roles and help (2 minutes).** Say who is the primary nurse and who observes, and that they can call the charge nurse (played by the technician) at any time. Asking for help is a skill we want to see, not a failure.
5. **Confidentiality (1 minute).** What happens in the scenario stays in the debrief. Videos are deleted at the end of term.

## Pitfalls

- Rushing the pre-brief because the scenario is running late. Cut the scenario instead.
- Telling students "there is no right answer" when there plainly is. Say instead that we care about their reasoning.
- Forgetting the observers: hand each an observation card (communication, assessment, escalation) so that they have a job.

## Examples

The wording of the basic assumption comes from the Center for Medical Simulation in Boston. Our own pre-brief script is on the back of every scenario template.`,
			History: []revisionData{
				{Days: 468, By: "priya-raman", Note: ""},
				{Days: 466, By: "amara-okafor", Note: "Added the fiction contract wording we use", Added: []string{" Name what will not work: he cannot squeeze your hand, and the IV arm leaks."}},
				{Days: 190, By: "tomasz-nowak", Note: "Orientation: the phone and the medication drawer",
					Changed: [][2]string{{"Let them touch everything: listen to the chest sounds and find the pulses.", "Let them touch everything: listen to the chest sounds, find the pulses, open the medication drawer, pick up the phone and hear who answers."}}},
			},
			Comments: []commentData{
				{By: "tomasz-nowak", Days: 185, Body: "From the control room: the first minute always goes better when students have heard my voice on the phone during orientation. They then actually call the charge nurse."},
				{By: "aisha-rahman", Days: 120, Body: "For students with anxiety disorders, sending the pre-brief in writing the day before helps a great deal. Could we attach it to the scenario page in the LMS as a standard?"},
				{By: "priya-raman", Days: 118, Body: "Good idea, Aisha. I have added a \"before you come\" page to the template; it goes out with the timetable from next term."},
			},
			Helpful: []string{"daniel-reyes", "grace-lindqvist", "aisha-rahman", "carlos-mendoza", "niamh-gallagher"},
		},
		{
			Slug: "deteriorating-patient-overwhelmed-first-years", Kind: "lesson",
			Title:   "The deteriorating-patient scenario that overwhelmed our first-years",
			Summary: "We ran a second-year sepsis scenario with first-year students. Half the group froze, and the debrief turned into reassurance. What we changed: fewer simultaneous cues, a cue ladder and an earlier help line.",
			Source:  "Debrief of the facilitators after the first-year simulation day in week 6.",
			Tags:    []string{"scenario design", "first year", "clinical judgement"},
			Authors: []string{"daniel-reyes"}, Maturity: "reviewed", ReviewedBy: "amara-okafor",
			Body: `## The situation

Week 6 of the first year. We borrowed the second-year sepsis scenario (an elderly man, two days after a bowel resection, becoming confused and hypotensive) because the first-years had just covered vital signs and we wanted them to put those skills to work.

## What we expected

That they would take a full set of observations, notice that the numbers were abnormal, and call for help. Recognition and escalation only; no treatment expected.

## What happened

Within four minutes the manikin was tachycardic at 124, hypotensive at 88/50, febrile, confused and his wife (a standardised patient) was asking why nobody was doing anything. Three of the six students froze. One retook the blood pressure four times. Nobody called for help until minute eleven. The debrief became twenty minutes of reassurance; we never reached the analysis.

## What we would do next time

- **One cue at a time.** Start with a single abnormal sign (a respiratory rate of 26) and let the others appear only if the student has not responded after two minutes.
- **A cue ladder.** Write down in advance what the technician does at each step: the patient says "I don't feel right", the wife asks a question, the charge nurse walks past.
- **Say the help line out loud.** In the pre-brief, tell first-years that calling for help early is the expected answer.
- **Keep the family for second year.** A distressed relative doubles the cognitive load.

## Cue ladder we now use

| Minute | If the student has not... | Then... |
| --- | --- | --- |
| 2 | counted the respirations | the patient says he can't catch his breath |
| 4 | taken a blood pressure | the monitor alarms |
| 6 | called for help | the charge nurse asks "how is he doing?" |`,
			History: []revisionData{
				{Days: 382, By: "daniel-reyes", Note: "First draft, written the evening after"},
				{Days: 380, By: "daniel-reyes", Note: "Added what we would do next time", Sections: []string{"## What we would do next time"}},
				{Days: 150, By: "grace-lindqvist", Note: "Added the cue ladder table from the maternity scenarios", Sections: []string{"## Cue ladder we now use"}},
			},
			Comments: []commentData{
				{By: "amara-okafor", Days: 378, Body: "Thank you for writing this down so honestly, Daniel. I made the same mistake in my first year of teaching. Scenarios do not scale down by themselves; they need to be rewritten."},
				{By: "tomasz-nowak", Days: 149, Body: "The cue ladder makes my job in the control room much easier. I print it and tape it next to the voice mic."},
				{By: "liam-oconnell", Days: 60, Body: "Outsider's question: does the same thing happen with the engineering lab simulations? We throw everything at the first-years at once, too."},
			},
			Helpful: []string{"amara-okafor", "grace-lindqvist", "tomasz-nowak", "carlos-mendoza", "priya-raman"},
		},
		{
			Slug: "the-student-who-called-rapid-response", Kind: "story",
			Title:   "The student who called the rapid response team",
			Summary: "A second-year student who had frozen in her first simulation called a rapid response on placement three months later, using the SBAR she had practised in the lab. Her preceptor wrote to tell us.",
			Source:  "An e-mail from a preceptor on the surgical unit at Riverside General, shared with the student's permission.",
			Tags:    []string{"escalation", "sbar", "transfer to practice"},
			Authors: []string{"grace-lindqvist"}, Maturity: "published",
			Body: `## What happened

In January, one of our second-year students froze in the post-partum haemorrhage scenario. She stood at the foot of the bed for nearly three minutes while the blood loss grew, and in the debrief she said she had known something was wrong but could not find the words to tell anyone.

We spent most of that debrief on SBAR. She practised the call twice, out loud, with the group listening: "This is Maya on ward 4. I am calling about Mrs. Santos, day one post-partum. Her blood loss is over 1,000 ml and rising, heart rate 118, blood pressure 90/60. I think she is haemorrhaging. I need you to come now."

In April her preceptor on the surgical unit wrote to us. A patient's oxygen saturation had dropped overnight and the resident was slow to respond. The student called the rapid response team herself, using an SBAR the preceptor described as "better than most of my staff manage". The patient went to high dependency and did well.

## Why it matters

We rarely learn what happens to our students after the lab. This is one of the few times we could trace a line from a debrief to a decision on a real ward. It also reminds us that the students who struggle most in simulation are often the ones who gain most from it.

## What we took from it

- Practising the words out loud, in the debrief, matters more than we thought. We now end every escalation debrief with each student saying the SBAR call.
- Preceptors are a source of evidence about transfer. Priya has added a question about escalation to the placement feedback form.`,
			History: []revisionData{
				{Days: 300, By: "grace-lindqvist", Note: ""},
				{Days: 298, By: "grace-lindqvist", Note: "Removed the unit name; added what we took from it", Sections: []string{"## What we took from it"}},
			},
			Comments: []commentData{
				{By: "priya-raman", Days: 290, Body: "The placement feedback form now asks preceptors: \"Describe a time the student escalated a concern.\" The first answers are coming in, and several mention SBAR by name."},
				{By: "daniel-reyes", Days: 280, Body: "This is why I moved from the ward to teaching. Thank you for sharing it."},
				{By: "aisha-rahman", Days: 150, Body: "Lovely story. Could we use it (anonymised) in the newcomer orientation for facilitators? It explains why the debrief matters better than any slide."},
			},
			Helpful: []string{"amara-okafor", "daniel-reyes", "priya-raman", "tomasz-nowak"},
		},
		{
			Slug: "moulage-recipes", Kind: "practice",
			Title:   "Moulage recipes for wounds, burns and cyanosis",
			Summary: "Cheap, quick and washable recipes for the moulage we use most: a surgical wound with drainage, a partial-thickness burn, peripheral cyanosis and diaphoresis, with what each costs and how long it takes.",
			Tags:    []string{"moulage", "sim lab operations", "realism"},
			Authors: []string{"tomasz-nowak"}, Maturity: "published",
			Body: `## When to use it

Whenever a scenario depends on the student noticing something they would see before they measure it: a wound that is oozing, a patient who is grey and sweaty. A good moulage saves the technician from announcing "the patient looks pale", which tells the student what to think.

## Steps

1. **Surgical wound with serous drainage** (10 minutes, about $2). Cut the incision into a strip of scar wax on a plastic backing, not on the manikin skin. Colour the edges with a red cream stick and a touch of bruise wheel purple. For drainage, thin clear gel with a drop of yellow food colouring and dab it on the dressing.
2. **Partial-thickness burn** (15 minutes, about $3). Stipple red and a little purple over the area, then add blisters made from gelatine (one sachet in 50 ml of hot water, with a few drops of glycerine). Glycerine on top gives the wet look.
3. **Peripheral cyanosis** (2 minutes). Blue-grey cream colour on the nail beds and lips, blended with a sponge. Less is more: overdone cyanosis reads as costume make-up.
4. **Diaphoresis** (1 minute). Glycerine and water, half and half, in a spray bottle; mist the forehead and chest just before the scenario starts.

## Pitfalls

- Never put cream colours or wax directly on the manikin skin: they stain permanently. Use a barrier film or a plastic backing.
- Fake blood stains fabric. Use the washable kind and keep it off the manikin's clothes.
- Gelatine blisters melt under the lights after about 40 minutes.

## Examples

The burn is used in the paediatric scald scenario; the wound with drainage in the post-operative day 2 scenarios. Liam O'Connell printed the backing moulds for the incisions on the fabrication lab's printer.`,
			History: []revisionData{
				{Days: 498, By: "tomasz-nowak", Note: ""},
				{Days: 421, By: "liam-oconnell", Note: "Added the printed backing moulds", Added: []string{" Liam O'Connell printed the backing moulds for the incisions on the fabrication lab's printer."}},
			},
			Comments: []commentData{
				{By: "amara-okafor", Days: 415, Body: "The diaphoresis spray made the sepsis scenario. Two students said afterwards it was the sweat that made them check the blood pressure."},
				{By: "grace-lindqvist", Days: 330, Body: "Does anyone have a good recipe for neonatal jaundice? Yellow cream colour looks like paint on the infant manikin."},
			},
			Helpful: []string{"amara-okafor", "priya-raman", "daniel-reyes"},
		},
		{
			Slug: "inacsl-standards-of-best-practice", Kind: "resource",
			Title:       "INACSL Healthcare Simulation Standards of Best Practice",
			Summary:     "The international standards for simulation in nursing education: design, pre-briefing, facilitation, debriefing, evaluation and more. We align every scenario template with them.",
			ResourceURL: "https://www.inacsl.org/healthcare-simulation-standards",
			Tags:        []string{"standards", "scenario design", "quality"},
			Authors:     []string{"amara-okafor"}, Maturity: "endorsed", ReviewedBy: "grace-lindqvist", EndorsedBy: "priya-raman",
			Verified: 22, VerifiedBy: "priya-raman",
			Body: `## What it is

The International Nursing Association for Clinical Simulation and Learning publishes the Healthcare Simulation Standards of Best Practice: eight standards (Professional Development, Prebriefing, Simulation Design, Facilitation, The Debriefing Process, Operating, Outcomes and Objectives, Professional Integrity), plus one on simulation-enhanced interprofessional education. They are free to read online; the current set was first published in 2021.

## How we use it

- **Scenario templates.** Our template has a section for each criterion of the Simulation Design standard: the needs assessment, measurable objectives, the fidelity we need, the progression of the case, and the pre-brief.
- **Facilitator development.** New facilitators read the Facilitation and Debriefing standards before they co-facilitate their first scenario. We discuss one criterion at each monthly facilitator meeting.
- **Program review.** When the nursing program is reviewed, we show how our lab meets each standard. The Operating standard was a useful checklist for the lab's policies on equipment, scheduling and video.

## Caveats

- The standards tell you what good looks like, not how to get there on a Tuesday with one technician. The practices in this library are our answer to the "how".
- They are written for nursing and healthcare simulation. Colleagues in Culinary Arts and the trades have found the design and debriefing standards useful, but will need to translate the vocabulary.
- Check the site for revisions; the standards are reviewed every few years.`,
			History: []revisionData{
				{Days: 520, By: "amara-okafor", Note: ""},
				{Days: 402, By: "priya-raman", Note: "Listed the standards by name",
					Changed: [][2]string{{"publishes the Healthcare Simulation Standards of Best Practice: eight standards,", "publishes the Healthcare Simulation Standards of Best Practice: eight standards (Professional Development, Prebriefing, Simulation Design, Facilitation, The Debriefing Process, Operating, Outcomes and Objectives, Professional Integrity),"}}},
			},
			Comments: []commentData{
				{By: "carlos-mendoza", Days: 390, Body: "The Outcomes and Objectives standard maps neatly onto how we write course learning outcomes. Happy to help anyone turn scenario objectives into measurable ones."},
				{By: "priya-raman", Days: 22, Body: "Checked today against the current standards on the INACSL site: our template still matches them, and the link works. Marked as verified."},
			},
			Helpful: []string{"daniel-reyes", "grace-lindqvist", "carlos-mendoza", "tomasz-nowak", "aisha-rahman", "niamh-gallagher"},
		},
		{
			Slug: "medication-error-scenario-barcode-scanner", Kind: "lesson",
			Title:   "Our medication-error scenario, and the barcode scanner that always worked",
			Summary: "We built a scenario around a look-alike medication error, but our lab's scanner never failed and the students knew it. Realism means reproducing the workarounds of real wards, not just their equipment.",
			Tags:    []string{"medication safety", "realism", "scenario design"},
			Authors: []string{"amara-okafor", "tomasz-nowak"}, Maturity: "published",
			Body: `## The situation

We wanted a scenario in which a student catches (or misses) a look-alike, sound-alike error: hydromorphone dispensed where morphine was ordered. The lab has a barcode medication administration system that mirrors the one at Riverside General.

## What we expected

That the scanner would flag the mismatch and the scenario would test whether students stopped, or overrode the warning under time pressure, as nurses sometimes do.

## What happened

Every student scanned, saw the warning and stopped. Perfect scores, no learning. In the debrief a student said: "The scanner here always works, so we trust it." On the wards, our clinical instructors told us, scanners fail, wristbands are missing or unreadable, and nurses type in the patient number by hand. The errors happen in the workaround, not at the scanner.

## What we would do next time

- **Reproduce the workaround.** We now run the scenario with a damaged wristband that will not scan, so that the student must decide how to identify the patient and check the drug by hand.
- **Add time pressure honestly.** A second patient's call bell rings at the moment of administration.
- **Ask the wards.** Before building a safety scenario, ask two clinical instructors how the error actually happens on their unit.
- **Debrief the system, not only the student.** The application phase now asks: "What would you change on the ward so that this could not happen?"`,
			History: []revisionData{
				{Days: 262, By: "amara-okafor", Note: ""},
				{Days: 258, By: "tomasz-nowak", Note: "Added the damaged wristband we use now",
					Changed: [][2]string{{"- **Reproduce the workaround.** We will make the scanner fail.", "- **Reproduce the workaround.** We now run the scenario with a damaged wristband that will not scan, so that the student must decide how to identify the patient and check the drug by hand."}}},
				{Days: 90, By: "daniel-reyes", Note: "Added the debrief question about the system", Added: []string{"\n- **Debrief the system, not only the student.** The application phase now asks: \"What would you change on the ward so that this could not happen?\""}},
			},
			Comments: []commentData{
				{By: "daniel-reyes", Days: 250, Body: "This matches my ward experience exactly. On nights we had a wristband printer that jammed every other week."},
				{By: "priya-raman", Days: 240, Body: "Infection control has the same problem with hand hygiene: the lab sink always has soap and paper towels. I now leave the dispenser empty once a term."},
				{By: "grace-lindqvist", Days: 200, HiddenBy: "tomasz-nowak", Body: "Jess M. in my Tuesday group did exactly this on placement last week: typed the number in by hand and gave the wrong patient's dose. Her preceptor was furious."},
				{By: "grace-lindqvist", Days: 199, Body: "Reposting without the details, sorry (thanks, Tomasz). One of my students typed a patient number in by hand on placement when the band would not scan, and picked up the wrong record. Nobody was harmed, but it is exactly this workaround."},
			},
			Helpful: []string{"daniel-reyes", "priya-raman", "grace-lindqvist"},
		},
		{
			Slug: "writing-a-scenario-from-the-template", Kind: "practice",
			Title:   "Writing a scenario from the template: objectives, cues and a branching timeline",
			Summary: "How to turn a clinical idea into a runnable scenario in an afternoon, using our template: three measurable objectives, a patient whose states change on cues, and a facilitator guide for the debrief.",
			Source:  "Scenario-writing afternoon with the Instructional Design team.",
			Tags:    []string{"scenario design", "templates", "learning outcomes"},
			Authors: []string{"amara-okafor", "carlos-mendoza"}, Maturity: "reviewed", ReviewedBy: "daniel-reyes",
			Verified: 30, VerifiedBy: "daniel-reyes",
			Body: `## When to use it

When you have a clinical situation worth practising and want it to run the same way for every group, whoever is facilitating and whoever is in the control room.

## Steps

1. **Start from the debrief.** Write down the two or three things you want students to talk about afterwards. Those become your objectives.
2. **Write measurable objectives.** "Recognises early signs of sepsis" is not measurable; "Calls for help using SBAR within five minutes of the first abnormal vital sign" is.
3. **Define the patient states.** Three or four states, each with its vital signs, what the patient says, and what moves the patient to the next state.
4. **Write the cues.** For each state, what the technician does if the students have not acted.
5. **Write the facilitator guide.** The expected actions, the common errors and the debrief questions that go with each objective.
6. **Pilot with faculty.** Run it once with colleagues playing students before any student sees it.

## Patient states

| State | Vital signs | Patient says | Moves on when |
| --- | --- | --- | --- |
| 1. Baseline | HR 96, BP 118/72, RR 20, SpO2 95% | "I'm a bit tired" | 3 minutes pass |
| 2. Deteriorating | HR 118, BP 96/58, RR 26, T 38.6 | "I feel awful, I'm so cold" | Help is called, or 6 minutes |
| 3a. Improving | HR 104, BP 108/66 | "That's a bit better" | Fluids and antibiotics started |
| 3b. Critical | HR 132, BP 78/40, confused | Mumbles | No help by minute 9 |

## Pitfalls

- Too many objectives. Three is the most a 15-minute scenario supports.
- States without exits. Every state needs a rule for what happens next, or the technician improvises.

## Examples

The template lives in the lab's shared drive; the sepsis scenario is the worked example.`,
			History: []revisionData{
				{Days: 452, By: "amara-okafor", Note: ""},
				{Days: 386, By: "carlos-mendoza", Note: "Added the table of patient states", Sections: []string{"## Patient states"}},
				{Days: 58, By: "amara-okafor", Note: "Step 6: pilot with faculty first", Added: []string{"\n6. **Pilot with faculty.** Run it once with colleagues playing students before any student sees it."}},
			},
			Comments: []commentData{
				{By: "daniel-reyes", Days: 370, Body: "Starting from the debrief changed how I write. My first scenario had seven objectives and I debriefed none of them well."},
				{By: "liam-oconnell", Days: 300, Body: "Could the state table drive the manikin software directly? The SimMan scenario editor has states and transitions; it looks like the same model."},
				{By: "tomasz-nowak", Days: 298, Body: "@liam-oconnell it can, and I build them that way now. The table is what I work from."},
			},
			Helpful: []string{"daniel-reyes", "grace-lindqvist", "tomasz-nowak", "liam-oconnell", "niamh-gallagher", "priya-raman"},
		},
		{
			Slug: "dash-debriefing-assessment", Kind: "resource",
			Title:       "DASH: the Debriefing Assessment for Simulation in Healthcare",
			Summary:     "A six-element rating scale for debriefings, with versions for raters, instructors and students. We use the student version for peer feedback to new facilitators.",
			ResourceURL: "https://harvardmedsim.org/debriefing-assessment-for-simulation-in-healthcare-dash/",
			Tags:        []string{"debriefing", "facilitator development", "evaluation"},
			Authors:     []string{"priya-raman"}, Maturity: "published", ReviewBy: -30,
			Body: `## What it is

The Debriefing Assessment for Simulation in Healthcare (DASH), from the Center for Medical Simulation, rates a debriefing on six elements:

1. Establishes an engaging learning environment.
2. Maintains an engaging learning environment.
3. Structures the debriefing in an organised way.
4. Provokes engaging discussions.
5. Identifies and explores performance gaps.
6. Helps trainees achieve or sustain good future performance.

Each element is rated on a seven-point scale. There are rater, instructor (self-assessment) and student versions, each with a short and a long form.

## How we use it

- New facilitators co-facilitate two scenarios, then lead one while an experienced facilitator rates them with the rater form.
- After every third debrief, students complete the short student form. It takes two minutes and the comments are often more useful than the scores.
- Once a term, facilitators watch one of their own recorded debriefs and complete the instructor form.

## Caveats

- Raters need training to agree with one another; the centre runs paid courses, and we calibrate by rating the same video together at a facilitator meeting.
- Students tend to rate every debrief highly; read the comments, not the averages.
- The forms are free for educational use but may not be modified. Check the licence before adapting them.`,
			History: []revisionData{
				{Days: 470, By: "priya-raman", Note: ""},
			},
			Comments: []commentData{
				{By: "amara-okafor", Days: 460, Body: "The calibration session was one of our best facilitator meetings. We disagreed by two points on element 5 until we watched the clip again."},
			},
			Helpful: []string{"amara-okafor", "tomasz-nowak"},
		},
		{
			Slug: "standardised-patient-frightened-daughter", Kind: "story",
			Title:   "What a frightened daughter taught our students about communication",
			Summary: "A standardised patient playing an anxious daughter refused to leave the bedside. The students' attempts to get her out, and what worked in the end, became our best lesson on communicating with families.",
			Source:  "Standardised patient day with the drama department's actors, spring term.",
			Tags:    []string{"standardised patients", "communication", "families"},
			Authors: []string{"priya-raman"}, Maturity: "reviewed", ReviewedBy: "grace-lindqvist",
			Body: `## What happened

For our spring standardised patient day, an actor from the drama department played the daughter of a man with a suspected stroke. Her brief was simple: she was frightened, she had been ignored in the emergency department, and she would not leave her father's side.

The first group tried to get her out of the room. "We need some space to work." "Could you wait outside, please?" Each attempt made her louder. By minute five, one student was doing the neurological assessment while another stood between the daughter and the bed, and nobody was talking to the patient.

The third group did something different. The student leading gave the daughter a job: "You know him best. Can you tell me if his speech sounds different from normal?" The daughter calmed down, answered the questions, and noticed that her father could not find the word for "glasses". That was the finding the scenario was built around.

## Why it matters

Our students are taught to manage the environment. Families are part of the environment, and often its most useful part. Manikins do not have daughters, so a scenario without a standardised patient never tests this.

## What we took from it

- We now include a family member in at least one scenario per term, played by an actor or a trained volunteer.
- "Give them a job" is part of the pre-brief for family scenarios.
- The actors' own feedback, given in role at the end of the debrief, was the part students remembered best.`,
			History: []revisionData{
				{Days: 250, By: "priya-raman", Note: ""},
				{Days: 245, By: "priya-raman", Note: "Added what the actors said", Added: []string{"\n- The actors' own feedback, given in role at the end of the debrief, was the part students remembered best."}},
			},
			Comments: []commentData{
				{By: "grace-lindqvist", Days: 240, Body: "\"Give them a job\" is exactly what we teach for birth partners. It works for fathers in the delivery room too."},
				{By: "amara-okafor", Days: 230, Body: "The drama department has offered the same actors next spring. I will book two days."},
				{By: "aisha-rahman", Days: 100, Body: "Could a future scenario include a family member who is Deaf, or who needs an interpreter? Students rarely practise working with an interpreter before they need to."},
			},
			Helpful: []string{"grace-lindqvist", "daniel-reyes", "amara-okafor", "aisha-rahman"},
		},
		{
			Slug: "printed-iv-task-trainers", Kind: "practice",
			Title:   "Printing IV cannulation task trainers in the fabrication lab",
			Summary: "A draft method for making forearm task trainers for IV practice: a printed shell, silicone skin and replaceable vein tubes, at about a tenth of the price of a commercial arm.",
			Tags:    []string{"task trainers", "3d printing", "sim lab operations"},
			Authors: []string{"liam-oconnell"}, Maturity: "draft",
			Body: `## When to use it

When students need many more cannulation attempts than our two commercial IV arms allow. A commercial arm costs over $1,000 and its skin wears through after a term; these cost about $90 each.

## Steps

1. Print the forearm shell in PETG (about 14 hours on the Prusa, 0.3 mm layers). The file is in the fabrication lab's shared folder.
2. Thread two lengths of 4 mm silicone tubing through the channels for the cephalic and basilic veins. Seal one end; connect the other to a 500 ml bag of red-dyed water hung on a pole.
3. Mix platinum-cure silicone (Shore 00-30) with a little skin-tone pigment and pour the skin into the printed mould around the shell. Leave it overnight.
4. Test: a 20-gauge cannula should give a flashback and the skin should reseal.

## Pitfalls

- Shore 00-50 silicone is too firm: students said it felt like "cannulating a tyre".
- Dye stains; use washable food colouring, not ink.
- The tubing needs replacing after about 40 punctures.

## Examples

Two prototypes are in the sim lab for Tomasz and the second-year instructors to try. Still to do: a version with a rolling vein for the older-adult scenarios.`,
			History: []revisionData{
				{Days: 40, By: "liam-oconnell", Note: "Draft for Tomasz to try"},
				{Days: 12, By: "liam-oconnell", Note: "Softer silicone after the first trial", Changed: [][2]string{{"(Shore 00-50)", "(Shore 00-30)"}}, Sections: []string{"## Pitfalls"}},
			},
		},
	},
	Collections: []collectionData{
		{Slug: "start-here", Title: "Start here", Days: 440,
			Description: "New to the sim lab? Read these first: how we pre-brief and debrief, how to write a scenario, and the standards we work to.",
			Entries:     []string{"prebriefing-for-psychological-safety", "running-a-pearls-debrief", "writing-a-scenario-from-the-template", "inacsl-standards-of-best-practice"}},
		{Slug: "facilitator-development", Title: "Facilitator development", Days: 300,
			Description: "For facilitators preparing to lead their first debriefs, and for those who mentor them.",
			Entries:     []string{"running-a-pearls-debrief", "dash-debriefing-assessment", "deteriorating-patient-overwhelmed-first-years", "standardised-patient-frightened-daughter"}},
	},
}
