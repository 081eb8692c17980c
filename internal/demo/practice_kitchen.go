package demo

// kitchenRepertoire is the practice library of Kitchen Food Safety:
// allergens, temperatures, cleaning and the lessons of near misses.
var kitchenRepertoire = repertoire{
	Entries: []entryData{
		{
			Slug: "allergen-procedure-for-friday-service", Kind: "practice",
			Title:   "Allergen procedure for Friday-night service",
			Summary: "How the student restaurant handles an allergy order from the table to the pass: the ticket flag, the purple board and knife, one cook from start to finish, and the callback before the plate leaves.",
			Source:  "Rewritten after the almond flour near miss; callback wording changed after the March inspection.",
			Tags:    []string{"allergens", "service", "cross-contact"},
			Authors: []string{"meilin-chen", "marco-bellini"}, Maturity: "endorsed", ReviewedBy: "ingrid-solberg", EndorsedBy: "marco-bellini",
			Body: `## When to use it

Every service in the student restaurant, and for catering whenever a guest declares an allergy. The procedure is designed for a busy Friday, with first-term students on the line: it has to work when everyone is rushed.

## Steps

1. **Front of house asks, every table:** "Does anyone at the table have a food allergy or intolerance we should know about?" The server writes the allergen on the ticket in full ("SESAME", not "SES") and presses the allergy key, which prints the ticket with a red banner.
2. **The chef on the pass calls it out loud** and names one cook to make that plate from start to finish. Nobody else touches it.
3. **The cook washes hands and changes gloves**, then takes the purple board, purple knife and a clean pan from the allergen shelf.
4. **Check every component against the allergen matrix** at the station, including garnishes, oils and sauces. If any component is not on the matrix, ask the chef; do not guess.
5. **Plate it away from the line** on the allergen station, and cover it with a purple cloche.
6. **The callback.** The chef checks the plate against the ticket and says: "Table 12, seat 3, sesame-free, checked by Mei Lin." The server repeats it back before taking it.
7. **The server delivers it first**, before the rest of the table's food, and names the allergen to the guest.

## Pitfalls

- Shared fryers. Our fryer oil is used for tempura (wheat, sesame) on Fridays: no fried items for wheat or sesame allergies.
- Garnish from the shared tray at the pass. Allergy plates are garnished at the allergen station only.
- "A little bit is fine". Guests sometimes say so; the procedure does not change.

## Examples

A typical Friday has three to six allergy orders; tree nuts, sesame and shellfish are the most common. Since the procedure began, the allergy-order error log has one entry: a dessert plated on the wrong station, caught at the callback.`,
			History: []revisionData{
				{Days: 540, By: "meilin-chen", Note: "Written up from the near-miss debrief"},
				{Days: 400, By: "jamal-washington", Note: "Added the ticket flag and the purple cloche",
					Changed: [][2]string{
						{"The server writes the allergen on the ticket in full (\"SESAME\", not \"SES\").", "The server writes the allergen on the ticket in full (\"SESAME\", not \"SES\") and presses the allergy key, which prints the ticket with a red banner."},
						{"on the allergen station.", "on the allergen station, and cover it with a purple cloche."},
					}},
				{Days: 120, By: "marco-bellini", Note: "Callback wording changed after the March inspection",
					Changed: [][2]string{{"The chef checks the plate and says \"allergy, good to go\".", "The chef checks the plate against the ticket and says: \"Table 12, seat 3, sesame-free, checked by Mei Lin.\" The server repeats it back before taking it."}}},
			},
			Comments: []commentData{
				{By: "chloe-dubois", Days: 395, Body: "Front-of-house students now practise the allergy question in their first week. Some find it awkward at first; by week three it is automatic."},
				{By: "ingrid-solberg", Days: 115, Body: "The inspector singled out the callback as good practice. Her one suggestion, now adopted: name the allergen, not just \"allergy\"."},
				{By: "hana-kobayashi", Days: 80, Body: "Could the matrix include the fourteen allergens used in UK and EU labelling, as well as ours? Several catering guests have asked about celery and mustard."},
				{By: "meilin-chen", Days: 78, Body: "@hana-kobayashi good idea, it costs two columns. I will update the matrix template this week."},
			},
			Helpful: []string{"ingrid-solberg", "jamal-washington", "chloe-dubois", "hana-kobayashi", "priya-raman", "zainab-hussain"},
		},
		{
			Slug: "the-almond-flour-near-miss", Kind: "lesson",
			Title:   "The almond flour near miss",
			Summary: "A guest with a tree nut allergy was nearly served a dessert made with almond flour that had been decanted into an unlabelled tub. Nobody was harmed. What we changed in storage, labelling and the pastry section.",
			Source:  "Near-miss review in the pastry kitchen, with the names removed.",
			Tags:    []string{"allergens", "labelling", "near miss"},
			Authors: []string{"meilin-chen"}, Maturity: "endorsed", ReviewedBy: "chloe-dubois", EndorsedBy: "marco-bellini",
			Verified: 60, VerifiedBy: "ingrid-solberg",
			Body: `## The situation

A Thursday lunch service. A guest told her server she had a tree nut allergy and asked whether the pear tart was safe. The server asked the pastry section. The student on pastry checked the recipe card, which listed "flour", and said yes.

## What we expected

That the recipe card and the labelled ingredient bins were enough for a student to answer an allergy question correctly.

## What happened

The tart base that day had been made with almond flour, decanted from its bag into an unlabelled white tub next to the plain flour, because the bag had split. The recipe card said "flour" because the instructor who wrote it used almond flour in that base and considered it obvious.

The tart reached the pass. By chance I was there, smelled the almond, and stopped it. The guest had a different dessert, and we told her what had happened. She was gracious about it; we were shaken.

## What we would do next time

- **Nothing leaves its original packaging without a label.** Every tub gets a printed label with the product name and its allergens, from the label printer in stores.
- **Recipe cards list allergens, not just ingredients.** Every card now has an allergen line, checked against the matrix.
- **Nut flours live on their own shelf**, in purple-lidded tubs, away from the other flours.
- **"Check the recipe" is not an answer to an allergy question.** Students ask the instructor, who checks the actual batch.
- **Tell the story.** Every new pastry student hears this in their first week.`,
			History: []revisionData{
				{Days: 560, By: "meilin-chen", Note: ""},
			},
			Comments: []commentData{
				{By: "marco-bellini", Days: 555, Body: "Thank you for writing this up so quickly and so honestly. This is exactly what this community is for."},
				{By: "ingrid-solberg", Days: 550, Body: "I have added the story to the first-week food safety session. The students go very quiet."},
				{By: "priya-raman", Days: 540, Body: "In nursing we would call this a \"good catch\" and celebrate it. The unlabelled tub is a classic latent condition: the system made the error easy."},
				{By: "ingrid-solberg", Days: 60, Body: "Walked the pastry kitchen today: every tub labelled, nut flours on their own shelf. Marking this as still accurate."},
			},
			Helpful: []string{"marco-bellini", "ingrid-solberg", "jamal-washington", "chloe-dubois", "priya-raman", "hana-kobayashi", "zainab-hussain"},
		},
		{
			Slug: "cooling-cooked-foods-two-stage", Kind: "practice",
			Title:   "Cooling cooked foods: the two-stage method and how we log it",
			Summary: "Cooked food must cool from 57 °C to 21 °C within two hours, and to 5 °C within six hours in all. How we do it with shallow pans, ice wands and the blast chiller, and how the log works.",
			Tags:    []string{"cooling", "temperature control", "haccp"},
			Authors: []string{"ingrid-solberg"}, Maturity: "reviewed", ReviewedBy: "jamal-washington",
			Body: `## When to use it

Whenever cooked food is kept for later: stocks, sauces, braises, cooked rice and grains, and cafeteria batch production. Cooling is a critical control point in every one of our HACCP plans, and the step most often got wrong.

## Steps

1. **Stage 1: from 57 °C (135 °F) to 21 °C (70 °F) within 2 hours.** This is the danger zone where bacteria multiply fastest, so it is the stage that matters most.
2. **Stage 2: from 21 °C to 5 °C (41 °F) or below,** within a total of 6 hours from the start.
3. **Reduce the mass.** Divide food into shallow hotel pans, no more than 5 cm (2 inches) deep. Cut large joints into pieces of 2.5 kg or less.
4. **Speed it up.** Stir stocks and sauces with an ice wand (frozen in the blast chiller freezer, labelled by station), or stand the pot in an ice bath in the prep sink.
5. **Use the blast chiller for stage 1** whenever it has room; uncovered, on the top racks.
6. **Log it.** The probe records the start, and the blast chiller's probe logs every 15 minutes to the dashboard. For anything cooled outside the chiller, write the temperature at the start, at 2 hours and at 6 hours on the paper log.
7. **If stage 1 is missed,** reheat to 74 °C (165 °F) and start again, once only. If stage 2 is missed, discard it.

## Pitfalls

- Putting a full, covered stockpot straight into the walk-in. It warms everything around it and can take 12 hours to cool.
- Logging the time the food went into the chiller, not the time it came off the heat.
- Cooked rice: treat it as high risk (Bacillus cereus), cool it spread thin, and never leave it at room temperature.

## Examples

The cafeteria's Monday chilli (60 litres) is cooled in 12 shallow pans in the blast chiller: stage 1 in about 70 minutes.`,
			History: []revisionData{
				{Days: 600, By: "ingrid-solberg", Note: ""},
				{Days: 430, By: "jamal-washington", Note: "Added the ice-wand step", Changed: [][2]string{{"4. **Speed it up.** Stir stocks and sauces, or stand the pot in an ice bath in the prep sink.", "4. **Speed it up.** Stir stocks and sauces with an ice wand (frozen in the blast chiller freezer, labelled by station), or stand the pot in an ice bath in the prep sink."}}},
				{Days: 200, By: "zainab-hussain", Note: "The blast chiller now logs to the dashboard", Changed: [][2]string{{"6. **Log it.** Write the temperature", "6. **Log it.** The probe records the start, and the blast chiller's probe logs every 15 minutes to the dashboard. For anything cooled outside the chiller, write the temperature"}}},
			},
			Comments: []commentData{
				{By: "jamal-washington", Days: 425, Body: "We now have 24 ice wands, colour-coded by station. If yours goes missing, it is probably in the pastry freezer."},
				{By: "meilin-chen", Days: 300, Body: "Crème anglaise and pastry cream follow the same rule: we cool them in a thin layer on a sheet tray, covered with film directly on the surface."},
				{By: "hana-kobayashi", Days: 190, Body: "Is the 2.5 kg limit for joints from the Food Code, or our own rule? A student asked and I was not sure."},
				{By: "ingrid-solberg", Days: 188, Body: "@hana-kobayashi our own rule, from testing with the probe: larger joints miss stage 1 even in the blast chiller. The Food Code sets the times and temperatures, not the sizes."},
			},
			Helpful: []string{"jamal-washington", "meilin-chen", "hana-kobayashi", "chloe-dubois", "marco-bellini"},
		},
		{
			Slug: "first-week-food-safety-sign-off", Kind: "practice",
			Title:   "First-week food safety: what every student shows before touching food",
			Summary: "The six things each first-term student demonstrates to an instructor before their first production shift, how we check them in a 20-minute station rotation, and what happens when a student is not ready.",
			Tags:    []string{"first year", "training", "hand washing"},
			Authors: []string{"ingrid-solberg"}, Maturity: "endorsed", ReviewedBy: "marco-bellini", EndorsedBy: "marco-bellini",
			Body: `## When to use it

In the first week of every term, for every student who will work in a production kitchen: culinary, baking and pastry, and hospitality students on kitchen rotation. No student works a production shift without the sign-off.

## Steps

Students rotate through six stations in groups of four; each station takes three minutes, and the instructor signs the student's card at each one.

| Station | The student shows | We look for |
| --- | --- | --- |
| 1. Hand washing | A full wash at the hand sink | 20 seconds of lathering, nails, paper towel to turn off the tap |
| 2. Glove use | When gloves are needed, and changing them | New gloves after touching raw meat, phone or face |
| 3. Probe thermometer | Calibrating in ice water, then taking a reading | 0 °C in ice water; probe in the thickest part |
| 4. Temperatures | Saying the key temperatures | 5 °C, 57 °C, 74 °C; the danger zone |
| 5. Allergens | Finding the allergens in a dish on the matrix | All of them, including the garnish |
| 6. Illness | What to do if they are unwell | Vomiting or diarrhoea: stay home for 48 hours and call |

## Pitfalls

- Testing knowledge on paper only. A student who can write "20 seconds" still washes for six. Watch them do it.
- Rushing the sign-off because the first shift is tomorrow. Students who are not ready join the next day's rotation; we have never needed more than two attempts.
- Forgetting hospitality students who join the kitchen mid-term.

## Examples

Last term, 112 students rotated through in two mornings. Eight needed a second attempt, most often at station 3.`,
			History: []revisionData{
				{Days: 640, By: "ingrid-solberg", Note: ""},
				{Days: 300, By: "ingrid-solberg", Note: "Added the illness station after the norovirus scare", Added: []string{"\n| 6. Illness | What to do if they are unwell | Vomiting or diarrhoea: stay home for 48 hours and call |"},
					Changed: [][2]string{{"The five things each first-term student", "The six things each first-term student"}, {"Students rotate through five stations", "Students rotate through six stations"}}},
				{Days: 45, By: "chloe-dubois", Note: "Reminder about hospitality students", Added: []string{"\n- Forgetting hospitality students who join the kitchen mid-term."}},
			},
			Comments: []commentData{
				{By: "marco-bellini", Days: 290, Body: "The illness station should have been there from the start. Thank you, Ingrid."},
				{By: "priya-raman", Days: 280, Body: "Hand washing: try a UV gel and lamp at station 1. Students see exactly what they missed; it is how we teach it in nursing."},
				{By: "ingrid-solberg", Days: 270, Body: "@priya-raman borrowed the lamp from the nursing lab this week. The backs of the thumbs glowed on nearly every student."},
			},
			Helpful: []string{"marco-bellini", "meilin-chen", "jamal-washington", "chloe-dubois", "priya-raman", "hana-kobayashi"},
		},
		{
			Slug: "wireless-temperature-probes", Kind: "resource",
			Title:   "Wireless temperature probes: reading the dashboard and answering alerts",
			Summary: "Since last year, every fridge, freezer, the walk-in and the blast chiller report their temperature every five minutes. Where to see it, what the alerts mean, and who answers them out of hours.",
			Source:  "Set up by IT with Kitchen Operations; a conversation at the community's spring meeting about who gets the 3 a.m. alert.",
			Tags:    []string{"temperature control", "monitoring", "equipment"},
			Authors: []string{"zainab-hussain", "jamal-washington"}, Maturity: "published",
			Verified: 15, VerifiedBy: "jamal-washington",
			Body: `## What it is

Twenty-two wireless probes, one in each fridge, freezer, the walk-in cooler, the walk-in freezer and the blast chiller across the three teaching kitchens. They report every five minutes to a dashboard that anyone with a college account in Culinary Arts can open. The dashboard keeps two years of readings and prints the daily log that the inspector asks for.

## How we use it

- **Alerts.** A fridge above 5 °C (or a freezer above -15 °C) for 30 minutes sends a text to the kitchen on duty. After 60 minutes, it also calls the Kitchen Operations Manager, and out of hours, campus security, who have the walk-in keys.
- **Responding.** Check the door first (most alerts are a door left ajar), then the food temperature with a hand probe. If food has been above 5 °C for more than four hours, discard it and record it.
- **Logs.** The dashboard replaces the paper fridge logs. We still write the hand-probe check on the paper log at opening, as a check on the probes.

## Caveats

- Probes drift. We check each against a calibrated thermometer monthly; the last check found two reading 1.5 °C low, since replaced.
- Batteries last about 18 months and the dashboard warns two weeks ahead. Spare batteries are in stores.
- Wi-Fi in the basement stores is weak: the walk-in freezer probe drops out for a few minutes most nights. A gap in the graph is not an alert.`,
			History: []revisionData{
				{Days: 340, By: "zainab-hussain", Note: ""},
				{Days: 100, By: "jamal-washington", Note: "Monthly calibration and the probes we replaced", Changed: [][2]string{{"- Probes drift. We check each against a calibrated thermometer monthly.", "- Probes drift. We check each against a calibrated thermometer monthly; the last check found two reading 1.5 °C low, since replaced."}}},
			},
			Comments: []commentData{
				{By: "marco-bellini", Days: 300, Body: "The alert at 2 a.m. in February saved about $3,000 of stock when the walk-in compressor failed. Security moved everything to the cafeteria cooler."},
				{By: "meilin-chen", Days: 150, Body: "The chocolate room is not on the list. It does not hold food at risk, but tempering goes badly above 20 °C. Could we add a probe there too?"},
			},
			Helpful: []string{"marco-bellini", "meilin-chen", "ingrid-solberg", "chloe-dubois"},
		},
		{
			Slug: "the-inspection-that-found-our-log-was-fiction", Kind: "story",
			Title:   "The inspection that found our best-kept log was fiction",
			Summary: "Our neatest temperature log, filled in every day in the same handwriting, turned out to have been completed from memory at the end of each week. What the inspector said, and why we stopped blaming the student.",
			Tags:    []string{"inspections", "temperature logs", "culture"},
			Authors: []string{"jamal-washington"}, Maturity: "reviewed", ReviewedBy: "priya-raman",
			Body: `## What happened

At our public health inspection two years ago, the inspector asked for the fridge logs of the cafeteria kitchen. I handed her the best-kept one: every day filled in, every temperature between 2 and 4 °C, in the same neat blue pen.

She looked at it for a long time, then walked to the fridge, probed a tray of cooked chicken and read 7 °C. She asked the student on duty when he had last taken the temperature. He said, honestly, that he filled in the log on Friday afternoons "from what it usually is".

She did not write us up for the fridge (it was a door seal, fixed that day). She did write: "Records do not reflect monitoring." And she said something I have repeated to every student since: "A perfect log worries me more than a messy one."

## Why it matters

My first reaction was to blame the student. But the log was on a clipboard in the office, two rooms away from the fridge; nobody had ever shown him why it mattered; and the only feedback anyone had ever given him was praise for how neat it was. We had designed a system that rewarded fiction.

## What we took from it

- Logs live on the fridge door, with the pen tied on.
- Instructors check one reading a day against a hand probe, and initial it.
- Out-of-range readings are praised when they are acted on. A log with a 6 °C reading and "door seal, called maintenance" in the margin is a good log.
- Two years later, the wireless probes replaced most paper logs. The lesson about culture still applies.`,
			History: []revisionData{
				{Days: 420, By: "jamal-washington", Note: ""},
				{Days: 330, By: "jamal-washington", Note: "Added the note on the wireless probes", Added: []string{"\n- Two years later, the wireless probes replaced most paper logs. The lesson about culture still applies."}},
			},
			Comments: []commentData{
				{By: "priya-raman", Days: 400, Body: "\"A perfect log worries me more than a messy one\" is exactly what our audit nurses say about hand hygiene compliance at 100%."},
				{By: "chloe-dubois", Days: 390, Body: "I use this story in Hospitality Law when we talk about due diligence. The students remember it."},
			},
			Helpful: []string{"priya-raman", "chloe-dubois", "marco-bellini", "ingrid-solberg", "zainab-hussain"},
		},
		{
			Slug: "hand-hygiene-audit-from-the-ward", Kind: "lesson",
			Title:   "A hand hygiene audit borrowed from the nursing ward",
			Summary: "We adapted the hospital's observation audit to our kitchens: ten observed moments per kitchen per week. Compliance started at 54%, not the 90% we assumed, and the audit itself changed behaviour.",
			Source:  "A conversation between Priya and Ingrid at the college's health and safety committee.",
			Tags:    []string{"hand hygiene", "audits", "infection control"},
			Authors: []string{"priya-raman", "ingrid-solberg"}, Maturity: "reviewed", ReviewedBy: "meilin-chen",
			Verified: 80, VerifiedBy: "ingrid-solberg",
			Body: `## The situation

Ingrid mentioned at the health and safety committee that every kitchen student passes the hand-washing station in week 1, and asked whether that meant they kept washing. Priya runs hand hygiene audits on placement wards and offered to adapt one.

## What we expected

High compliance: about 90%, given the training and the sinks at every station.

## What happened

We defined five kitchen moments for hand washing: on entering the kitchen; after touching raw meat, fish or eggs; after touching the face, hair or phone; after handling waste; and after cleaning. An instructor observed ten moments per kitchen per week, without naming anyone.

- Week 1: 54% compliance. The weakest moment was after touching the phone (23%).
- Week 6: 81%. We shared the results on the board each Monday, by kitchen, never by person.
- The phone moment improved most once phones went into a locker by the door.

## What we would do next time

- Audit from the start of term, not as a special project; the first weeks set the habits.
- Train the observers together for half an hour, so that they agree on what counts.
- Keep it anonymous. When one instructor named a student in the results, compliance dropped the next week.
- Rotate observers, so the audit does not become one person's job.

The audit has run every term since. Compliance has stayed between 80% and 88%.`,
			History: []revisionData{
				{Days: 610, By: "priya-raman", Note: ""},
				{Days: 500, By: "ingrid-solberg", Note: "Added a year of results", Added: []string{"\n\nThe audit has run every term since. Compliance has stayed between 80% and 88%."}},
			},
			Comments: []commentData{
				{By: "marco-bellini", Days: 600, Body: "The phone lockers were unpopular for a week and now nobody mentions them."},
				{By: "ingrid-solberg", Days: 80, Body: "Checked: still running every term, last term's average 84%. Verified."},
			},
			Helpful: []string{"marco-bellini", "meilin-chen", "jamal-washington", "chloe-dubois"},
		},
		{
			Slug: "receiving-deliveries", Kind: "practice",
			Title:   "Receiving deliveries: temperatures, labels and when to refuse",
			Summary: "What the person receiving a delivery checks before signing, in the order to check it: the truck, chilled and frozen temperatures, packaging, labels and dates, and how to refuse a delivery politely and on paper.",
			Tags:    []string{"receiving", "temperature control", "suppliers"},
			Authors: []string{"jamal-washington"}, Maturity: "published",
			Body: `## When to use it

At every delivery to stores, usually between 6:30 and 9:00. Students on the stores rotation receive under supervision for their first two weeks.

## Steps

1. **Check the truck.** Is the chilled compartment closed and cold? Look before the driver unloads.
2. **Chilled food at 5 °C or below.** Probe between two packs (do not pierce them). For shellfish and dairy, the supplier's limit may be lower; it is on the spec sheet by the door.
3. **Frozen food hard frozen,** at -18 °C or below, with no signs of thawing and refreezing: ice crystals inside the packaging, or pooled frozen liquid.
4. **Packaging intact.** No torn vacuum packs, dented or swollen cans, or wet boxes.
5. **Labels and dates.** Every item labelled with its name and allergens; use-by dates at least three days away for chilled goods.
6. **Record it.** Temperatures and the time on the receiving log, and sign the delivery note only after the checks.
7. **Put it away chilled and frozen first,** within 15 minutes.

## Pitfalls

- Signing the note before checking, because the driver is in a hurry. Once signed, we have accepted it.
- Refusing without writing it down. Write the reason on the delivery note, ask the driver to sign it, and photograph the item.
- Leaving deliveries on the dock while the next one arrives.

## Examples

Typical refusals last year: fish at 9 °C, a case of eggs with cracked shells, and chicken thighs two days from their use-by date.`,
			History: []revisionData{
				{Days: 440, By: "jamal-washington", Note: ""},
				{Days: 430, By: "jamal-washington", Note: "Added the examples of refusals", Sections: []string{"## Examples"}},
			},
			Comments: []commentData{
				{By: "marco-bellini", Days: 425, Body: "Step 1 is the one students skip. A warm truck means everything on it is suspect."},
			},
			Helpful: []string{"marco-bellini", "ingrid-solberg"},
		},
		{
			Slug: "fda-food-code", Kind: "resource",
			Title:       "The FDA Food Code",
			Summary:     "The model food safety code from the US Food and Drug Administration, on which many local regulations are based. Our reference for cooking, holding and cooling temperatures, and for the allergen rules.",
			ResourceURL: "https://www.fda.gov/food/retail-food-protection/fda-food-code",
			Tags:        []string{"regulations", "reference", "haccp"},
			Authors:     []string{"ingrid-solberg"}, Maturity: "published", ReviewBy: -10,
			Body: `## What it is

The FDA Food Code is a model code for retail food and food service, updated every four years with supplements in between. It is not law by itself: state and local authorities adopt it, often with changes. It is free to download, with an annex that explains the science behind each rule.

## How we use it

- **Temperatures.** Our cooking, hot holding, cold holding and cooling temperatures come from chapter 3. The entries on cooling and receiving cite it.
- **Teaching.** Ingrid's food safety course uses chapter 2 (management and personnel) for the illness policy and hand washing.
- **HACCP plans.** Annex 4 walks through the hazard analysis we follow for each menu.
- **Disagreements.** When two instructors disagree about a rule, we look it up together. It settles most arguments in minutes.

## Caveats

- **Check the local code.** Our inspector enforces the local regulation, which follows an older edition of the Food Code with local changes. Where they differ, the local code wins.
- **New editions.** A newer edition or supplement may have changed the numbers we teach; this entry is due for review against the latest edition.
- It is written in regulatory language. For first-term students, the course workbook explains the same rules in plain words.`,
			History: []revisionData{
				{Days: 520, By: "ingrid-solberg", Note: ""},
				{Days: 210, By: "marco-bellini", Note: "Added a note on local differences", Changed: [][2]string{{"- **Check the local code.** Our inspector enforces the local regulation.", "- **Check the local code.** Our inspector enforces the local regulation, which follows an older edition of the Food Code with local changes. Where they differ, the local code wins."}}},
			},
			Comments: []commentData{
				{By: "hana-kobayashi", Days: 200, Body: "The annex is excellent for nutrition students too: the reasoning behind the temperatures is clearer there than in any textbook."},
			},
			Helpful: []string{"hana-kobayashi", "jamal-washington", "meilin-chen"},
		},
		{
			Slug: "labelling-for-the-grab-and-go-fridge", Kind: "practice",
			Title:   "Labelling for the grab-and-go fridge",
			Summary: "Draft: what the labels on the cafeteria's grab-and-go salads and sandwiches must show (name, allergens in bold, made and use-by dates), and how students print them from the recipe system.",
			Tags:    []string{"labelling", "allergens", "cafeteria"},
			Authors: []string{"hana-kobayashi"}, Maturity: "draft",
			Body: `## When to use it

For everything the cafeteria sells pre-packed from the grab-and-go fridge: about 120 items a day, made by students in the morning production shift.

## Steps

1. Print the label from the recipe system, not by hand, so that the allergens come from the recipe.
2. Check that the label shows: the name of the food; the full ingredient list with allergens in **bold**; the date made and the use-by date (made plus two days for sandwiches, three for grain salads); and "Made in a kitchen that handles nuts, sesame and gluten".
3. Stick the label on the lid, not the side, so it can be read in the fridge.
4. A second student checks five random labels against the recipe before the fridge is stocked.

## Pitfalls

- Swapping an ingredient on the day (pesto without pine nuts, because they ran out) without changing the recipe. The label is then wrong.
- To check: whether the new packaging law applies to food made and sold on the same premises. Asking Ingrid.

## Examples

To add: photos of a correct and an incorrect label.`,
			History: []revisionData{
				{Days: 30, By: "hana-kobayashi", Note: "First draft"},
				{Days: 10, By: "hana-kobayashi", Note: "Added the second-student check", Added: []string{"\n4. A second student checks five random labels against the recipe before the fridge is stocked."}},
			},
		},
		{
			Slug: "quat-sanitizer-too-strong", Kind: "lesson",
			Title:   "Our quat sanitizer was too strong, and why that matters",
			Summary: "Test strips showed our quaternary ammonium sanitizer at 600 ppm, three times the label strength, because students were topping up by eye. Too strong is not safer: it leaves residues on food-contact surfaces.",
			Tags:    []string{"sanitation", "chemicals", "cleaning"},
			Authors: []string{"marco-bellini"}, Maturity: "published",
			Body: `## The situation

We sanitize food-contact surfaces with a quaternary ammonium (quat) solution, made up in buckets at each station. The label strength is 200 ppm. Students made up the buckets from a jug, "a good glug per bucket".

## What we expected

That the solution was at about the right strength and that a stronger solution would, if anything, be safer.

## What happened

When we started testing with strips at every shift change, readings ranged from 100 ppm (after a bucket had been topped up with water all morning) to over 600 ppm. At the strong end, the surfaces had a visible film and a student got a rash on her forearms. Quats above the label strength are not approved for food-contact surfaces without rinsing, because of the residue. At the weak end, the solution was not sanitizing.

## What we would do next time

- Install the wall-mounted dispenser that mixes at the right ratio. Done within a month, for about $400 per kitchen.
- Test strips at every bucket change, with the reading written on the bucket's tag.
- Change buckets every two hours, or sooner if visibly dirty, instead of topping up.
- Teach students why: too strong and too weak are both failures.`,
			History: []revisionData{
				{Days: 640, By: "marco-bellini", Note: ""},
				{Days: 600, By: "marco-bellini", Note: "Dispenser installed", Changed: [][2]string{{"- Install a wall-mounted dispenser that mixes at the right ratio.", "- Install the wall-mounted dispenser that mixes at the right ratio. Done within a month, for about $400 per kitchen."}}},
			},
			Comments: []commentData{
				{By: "ingrid-solberg", Days: 630, Body: "Added test-strip reading to the week 1 station on chemicals. Students are surprised how much the colour changes."},
				{By: "priya-raman", Days: 620, Body: "Our clinical wipes have the same issue in reverse: they dry out in the tub and stop working. Strips are cheap; use them."},
			},
			Helpful: []string{"ingrid-solberg", "priya-raman", "meilin-chen"},
		},
	},
	Collections: []collectionData{
		{Slug: "start-here", Title: "Start here", Days: 620,
			Description: "Before your first shift in any of our kitchens: the first-week sign-off, how we handle allergens, the near miss that shaped it, and cooling.",
			Entries:     []string{"first-week-food-safety-sign-off", "allergen-procedure-for-friday-service", "the-almond-flour-near-miss", "cooling-cooked-foods-two-stage"}},
		{Slug: "temperature-control", Title: "Temperature control", Days: 330,
			Description: "Everything about keeping food out of the danger zone, from the delivery dock to the blast chiller.",
			Entries:     []string{"receiving-deliveries", "cooling-cooked-foods-two-stage", "wireless-temperature-probes", "the-inspection-that-found-our-log-was-fiction"}},
	},
}
