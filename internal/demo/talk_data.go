package demo

// talkThread is one demo conversation: a discussion, or a question with its
// answers (one perhaps accepted) and replies. Who writes is chosen among the
// community's active members in turn (see loadTalk), unless By names them
// (where a community's health needs particular people to have written: its
// regulars, its newcomers); Days is how long before the community's last
// day it started.
type talkThread struct {
	Kind  string // discussion or question
	Title string
	Body  string
	Tags  []string
	Days  int
	By    string // the asker's handle; "" for the next member in turn
	Posts []talkPost
}

// talkPost is a reply or an answer, Hours after the post before it.
type talkPost struct {
	Kind     string // reply or answer
	Body     string
	Hours    int
	Accepted bool
	Votes    int
	By       string // the writer's handle; "" for the next member in turn
}

// talks are each community's conversations: lively discussions, answered
// questions and one still waiting for an answer.
var talks = map[string][]talkThread{
	"simulation-in-nursing-education": {
		{Kind: "question", Title: "How long should a debrief run after a 15-minute scenario?", Days: 19, Tags: []string{"debriefing"},
			Body: "Our debriefs run past 40 minutes and students fade. Is there a rule of thumb?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 3, Votes: 3, Accepted: true, Body: "Roughly twice the scenario: 30 minutes. Use a structure (reactions, analysis, summary) and stop the analysis when the learning objectives are covered."},
				{Kind: "reply", Hours: 5, Body: "Does that hold for a scenario with two deteriorations?"},
				{Kind: "answer", Hours: 20, Votes: 1, Body: "We time-box each phase on a card the facilitator holds. It keeps us honest."}}},
		{Kind: "discussion", Title: "Standardised patients for end-of-life conversations", Days: 9, Tags: []string{"standardised patients"},
			Body: "We are piloting SP scenarios about breaking bad news. Who has tried this, and how did you brief the actors?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 6, Body: "We brief actors for an hour and agree a safe word. Students valued the realism more than anything else."},
				{Kind: "reply", Hours: 30, Body: "Have a quiet room ready afterwards: some students needed it."}}},
		{Kind: "question", Title: "Low-cost way to simulate a wound for dressing practice?", Days: 2, Tags: []string{"low fidelity"},
			Body: "Our moulage budget is gone for the year. Any cheap recipes that hold up for a morning of practice?"},
	},
	"teaching-with-generative-ai": {
		{Kind: "question", Title: "Should students cite the AI tool they used, and how?", Days: 21, Tags: []string{"academic integrity"},
			Body: "Our department wants a consistent rule for citing generative AI in essays.",
			Posts: []talkPost{
				{Kind: "answer", Hours: 4, Votes: 4, Accepted: true, Body: "Ask for a short statement: which tool, for what, and what the student changed. A prompt appendix for anything substantial."},
				{Kind: "answer", Hours: 26, Votes: 1, Body: "APA and MLA both publish guidance now; pick one and link it in the syllabus."}}},
		{Kind: "discussion", Title: "Assignments that got better once we allowed AI", Days: 11, Tags: []string{"assessment"},
			Body: "Share an assignment you redesigned around AI rather than against it.",
			Posts: []talkPost{
				{Kind: "reply", Hours: 2, Body: "Students critique an AI-written literature review and find the invented references. They learn sourcing fast."},
				{Kind: "reply", Hours: 40, Body: "Oral follow-ups of five minutes per essay. Cheap and revealing."}}},
		{Kind: "question", Title: "Is there a detector worth using?", Days: 1, Tags: []string{"academic integrity"},
			Body: "A colleague insists on running every essay through a detector. What do you tell them?"},
		// Thriving (see shape.go): five departments answering one another
		// within hours, the newest member among them.
		{Kind: "question", Title: "Prompt injection hidden in assignment files?", Days: 26, By: "kwame-mensah", Tags: []string{"academic integrity"},
			Body: "A student showed me white-on-white text in a shared assignment file telling AI tools to write a worse essay. Is anyone checking for this?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 1, By: "anh-nguyen", Votes: 3, Accepted: true, Body: "We saw it in two programming courses. Paste the file into a plain-text editor before sharing it: hidden text shows up at once."},
				{Kind: "reply", Hours: 3, By: "rebecca-goldberg", Body: "Worth a line in the course outline too: instructions hidden from students are not fair play either way."},
				{Kind: "reply", Hours: 5, By: "kwame-mensah", Body: "Thank you both. I will write a short how-to for the service desk."}}},
		{Kind: "discussion", Title: "AI menu descriptions in the restaurant course", Days: 22, By: "meilin-chen", Tags: []string{"assessment"},
			Body: "Students drafted menu descriptions with AI, then defended every claim to a guest. The defending was where they learned. Has anyone tried a spoken defence like this?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 2, By: "lucia-fernandez", Body: "We do it with marketing copy in Business: a two-minute pitch to a sceptical client. Same lesson."},
				{Kind: "reply", Hours: 4, By: "sofia-castillo", Body: "Engineering lab reports next term, with a five-minute oral on the method section."},
				{Kind: "reply", Hours: 7, By: "grace-lindqvist", Body: "Nursing care plans would suit this well. Could we compare rubrics at the next clinic?"}}},
		{Kind: "question", Title: "A one-paragraph AI statement for a course outline?", Days: 15, By: "yusuf-demir", Tags: []string{"course outline"},
			Body: "I need a short, plain AI statement for my outline by Friday. Does anyone have one students actually read?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 1, By: "eleanor-whitfield", Votes: 4, Accepted: true, Body: "The Library's template: what is allowed, what must be disclosed, and why, in under 120 words. It is linked from the AI literacy guide."},
				{Kind: "answer", Hours: 3, By: "arjun-mehta", Votes: 1, Body: "Add one example of an acceptable use. Students read examples, not rules."}}},
		{Kind: "question", Title: "Can students use AI to check circuit calculations?", Days: 12, By: "fatima-al-sayed", Tags: []string{"assessment"},
			Body: "My electrical students ask whether they may check their calculations with an AI tool before submitting. Where would you draw the line?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 2, By: "samuel-osei", Votes: 2, Accepted: true, Body: "Allow checking, and ask for the first attempt too. Then you see their working and what the check changed."},
				{Kind: "answer", Hours: 4, By: "kwame-mensah", Votes: 1, Body: "From the security side: ask them to use the college's licensed tool, not a free one that keeps what they paste."}}},
		{Kind: "discussion", Title: "What our students said about AI this term", Days: 6, By: "oluwaseun-adebayo", Tags: []string{"student voice"},
			Body: "I asked my class what helped and what worried them about AI. The worries surprised me: mostly about being accused, not about learning less.",
			Posts: []talkPost{
				{Kind: "reply", Hours: 2, By: "liam-oconnell", Body: "Same in mine. Saying clearly what is allowed calmed them more than anything."},
				{Kind: "reply", Hours: 5, By: "niamh-gallagher", Body: "Could we gather these answers across programs? The Library would happily run the survey."},
				{Kind: "reply", Hours: 9, By: "daniel-reyes", Body: "Nursing students said the same. Count us in."}}},
	},
	"accessible-course-design": {
		// Fading (see shape.go): three regulars who wrote every week until
		// two months ago, then silence but for the steward; two questions
		// still wait.
		{Kind: "discussion", Title: "Our five-fixes checklist, one term on", Days: 86, By: "eleanor-whitfield", Tags: []string{"checklist"},
			Body: "We have used the five-fixes checklist for a term. Which of the five did your course need most, and which did nobody need?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 3, By: "aisha-rahman", Body: "Headings, by far. Half the documents students sent us had none, so screen reader users could not skim them."},
				{Kind: "reply", Hours: 9, By: "niamh-gallagher", Body: "Link text. \"Click here\" was in every course I checked."},
				{Kind: "reply", Hours: 30, By: "carlos-mendoza", Body: "Nobody needed the table fix: our courses have almost no data tables. I will swap it for colour contrast."}}},
		{Kind: "question", Title: "Describing a lab demonstration video for blind students?", Days: 79, By: "niamh-gallagher", Tags: []string{"audio description"},
			Body: "An engineering instructor asked how to make a lab demonstration video usable without sight. Audio description, or a written walkthrough?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 2, By: "aisha-rahman", Votes: 2, Accepted: true, Body: "Both, if you can: describe the key actions in the narration as you film (\"I open the valve a quarter turn\"), and offer a written walkthrough with the same steps."},
				{Kind: "reply", Hours: 6, By: "eleanor-whitfield", Body: "The Library can host the walkthrough beside the video so that they stay together."}}},
		{Kind: "discussion", Title: "Accessibility office hours: worth keeping?", Days: 72, By: "aisha-rahman", Tags: []string{"support"},
			Body: "Three people came to last month's drop-in office hours. Should we keep them, move them online, or stop?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 4, By: "eleanor-whitfield", Body: "Move them online and record a five-minute tip each time: the recordings get watched long after."},
				{Kind: "reply", Hours: 20, By: "niamh-gallagher", Body: "Keep them, but in the week before term, when people are actually building courses."}}},
		{Kind: "question", Title: "Accessible PDF forms: fix them or replace them?", Days: 65, By: "eleanor-whitfield", Tags: []string{"documents"},
			Body: "We still have dozens of fillable PDF forms. Is fixing their tags worth it, or should they become web forms?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 3, By: "niamh-gallagher", Votes: 1, Accepted: true, Body: "Replace the ones students fill in every term with web forms; fix only the rare ones. Tagging a form field by field takes an afternoon each."},
				{Kind: "reply", Hours: 10, By: "aisha-rahman", Body: "Agreed. Even a well-tagged PDF form is hard going with a screen reader."}}},
		{Kind: "discussion", Title: "A slide template with accessible colours", Days: 51, By: "niamh-gallagher", Tags: []string{"colour"},
			Body: "I drafted a slide template whose colours all pass contrast. Could you try it on a real lecture before I share it widely?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 5, By: "eleanor-whitfield", Body: "Tried it on two lectures: the orange heading on white is borderline at small sizes."},
				{Kind: "reply", Hours: 26, By: "aisha-rahman", Body: "The dark theme works well for students with light sensitivity. Keep both."}}},
		{Kind: "question", Title: "Who checks accessibility when a course changes hands?", Days: 38, By: "aisha-rahman", Tags: []string{"course design"},
			Body: "Courses pass from one instructor to another every year and the fixes get lost. Whose job is it to check?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 8, By: "eleanor-whitfield", Accepted: true, Body: "The program chair's handover checklist could include it, and we could offer chairs a ten-minute check."},
				{Kind: "reply", Hours: 30, By: "niamh-gallagher", Body: "I will draft the handover item and bring it back here."}}},
		{Kind: "question", Title: "Captions for the new simulation videos: who pays?", Days: 20, By: "carlos-mendoza", Tags: []string{"captions"},
			Body: "Nursing has ten new simulation videos for January and no captioning budget. Has anyone found money for this before?"},
		{Kind: "question", Title: "Alt text for complex charts: how long is too long?", Days: 58, Tags: []string{"alt text"},
			Body: "Our statistics slides have dense charts. A paragraph of alt text each feels wrong.",
			Posts: []talkPost{
				{Kind: "answer", Hours: 2, Votes: 3, Accepted: true, Body: "Keep alt text short (what the chart shows and its point) and put the data in a table or a long description next to it."},
				{Kind: "reply", Hours: 8, Body: "Thank you, the table next to it also helps everyone else."}}},
		{Kind: "discussion", Title: "Captioning lecture recordings at scale", Days: 44, Tags: []string{"captions"},
			Body: "Automatic captions are good but not good enough for technical terms. How do you correct them without a team?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 5, Body: "We add a glossary of course terms to the captioning tool. Errors dropped by half."}}},
		{Kind: "question", Title: "Accessible maths in the learning platform?", Days: 9, By: "daniel-reyes", Tags: []string{"maths"},
			Body: "Screen readers read our equations as images. What works for you?"},
	},
	"kitchen-food-safety": {
		// Siloed (see shape.go): only its Culinary Arts members talk here.
		{Kind: "question", Title: "Labelling decanted dry goods: what goes on the label?", Days: 120, Tags: []string{"labelling"},
			Body: "After the almond flour near miss we label every decanted tub. What exactly do you put on the label?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 2, Votes: 2, Accepted: true, Body: "Product name, allergens in capitals, the date decanted and your initials. The allergen line is the one that matters."},
				{Kind: "reply", Hours: 6, Body: "We print them from the stores system now, so the allergens come from the supplier's sheet."}}},
		{Kind: "discussion", Title: "Teaching first-term students to read a temperature log", Days: 75, Tags: []string{"temperature"},
			Body: "New students fill in the log but cannot say what an out-of-range reading means. How do you teach the why?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 3, Body: "We give them a log with three planted mistakes and ask what they would do about each."},
				{Kind: "reply", Hours: 20, Body: "Reading the walk-in's probe together with them works better than any worksheet."}}},
		{Kind: "question", Title: "Which recipes need relabelling for sesame?", Days: 45, Tags: []string{"allergens"},
			Body: "Sesame is now on our list of major allergens. Which of our recipes need relabelling?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 1, Votes: 2, Accepted: true, Body: "The dressings, the flatbreads and anything with tahini. I have marked them on the matrix in red."},
				{Kind: "answer", Hours: 5, Body: "Check the bought-in bread too: two suppliers changed their recipes."}}},
		{Kind: "discussion", Title: "A cleaning schedule for the new combi ovens", Days: 28, Tags: []string{"sanitation"},
			Body: "The combi ovens arrived. Who has a cleaning schedule that students actually follow?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 2, Body: "The rinse programme at close every day, descaling on Fridays after the huddle, and a laminated card on the door."},
				{Kind: "reply", Hours: 8, Body: "And a line on the closing checklist, or the rinse gets skipped."}}},
		{Kind: "question", Title: "Cooling a large batch of stock safely", Days: 17, Tags: []string{"cooling"},
			Body: "20 litres of stock takes hours to come down. What is the fastest safe method?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 1, Votes: 2, Accepted: true, Body: "Split it into shallow gastronorm trays, use an ice bath and stir; below 8 °C within 90 minutes. Log the times."},
				{Kind: "answer", Hours: 6, Votes: 1, Body: "Ice wands help if you have them. Never put it hot into the walk-in: it warms everything else."}}},
		{Kind: "discussion", Title: "Allergen matrix: paper or tablet?", Days: 7, Tags: []string{"allergens"},
			Body: "We are moving our allergen matrix to tablets. Worth it?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 3, Body: "Tablets update faster, but keep a printed copy for when the wifi drops at service."}}},
		{Kind: "question", Title: "Probe thermometer calibration: how often?", Days: 2, Tags: []string{"temperature"},
			Body: "Our inspector asked about calibration records. What frequency do you use?"},
	},
	"open-educational-resources": {
		{Kind: "question", Title: "Which licence lets others adapt our textbook but not sell it?", Days: 75, Tags: []string{"licensing"},
			Body: "We want adaptations shared back. CC BY-NC-SA?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 5, Votes: 2, Accepted: true, Body: "CC BY-NC-SA does that, though NC confuses people. Many projects choose CC BY-SA and accept commercial reuse."}}},
		{Kind: "discussion", Title: "Finding reviewers for open textbooks", Days: 62, Tags: []string{"peer review"},
			Body: "How do you recruit peer reviewers without a budget?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 9, Body: "We offer a named acknowledgement and a short certificate. It works better than expected."}}},
		{Kind: "question", Title: "Hosting an OER with interactive exercises?", Days: 55, Tags: []string{"platforms"},
			Body: "Where do you host a book with embedded exercises that others can copy?"},
	},
	"devops-and-infrastructure": {
		{Kind: "question", Title: "Blameless postmortems when the cause was a person's mistake?", Days: 20, Tags: []string{"incidents"},
			Body: "Someone ran a migration against production by mistake. How do we keep the review blameless?",
			Posts: []talkPost{
				{Kind: "answer", Hours: 2, Votes: 5, Accepted: true, Body: "Ask what made the mistake easy: why was production one command away? Fix the system; the person is the one who found the gap."},
				{Kind: "reply", Hours: 4, Body: "We added a prompt that names the environment in red. Small, but it stopped two more."},
				{Kind: "answer", Hours: 28, Votes: 2, Body: "Write the timeline first, without names, then the contributing factors."}}},
		{Kind: "discussion", Title: "On-call rotations for a team of four", Days: 10, Tags: []string{"on-call"},
			Body: "Four people, one week each feels brutal. What rotations have worked for small teams?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 3, Body: "Follow-the-sun is out for us, so we split weekday and weekend shifts and pay the weekend."},
				{Kind: "reply", Hours: 22, Body: "Fix the noisy alerts first: our pages halved and the rotation stopped hurting."}}},
		{Kind: "question", Title: "Terraform state: one file per environment or workspaces?", Days: 2, Tags: []string{"terraform"},
			Body: "We are splitting our state. Workspaces or separate directories?"},
	},
}
