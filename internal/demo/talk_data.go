package demo

// talkThread is one demo conversation: a discussion, or a question with its
// answers (one perhaps accepted) and replies. Who writes is chosen among the
// community's active members in turn (see loadTalk), so the data names no
// one; Days is how long before the community's last day it started.
type talkThread struct {
	Kind  string // discussion or question
	Title string
	Body  string
	Tags  []string
	Days  int
	Posts []talkPost
}

// talkPost is a reply or an answer, Hours after the post before it.
type talkPost struct {
	Kind     string // reply or answer
	Body     string
	Hours    int
	Accepted bool
	Votes    int
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
		{Kind: "question", Title: "Is there a detector worth using?", Days: 3, Tags: []string{"academic integrity"},
			Body: "A colleague insists on running every essay through a detector. What do you tell them?"},
	},
	"accessible-course-design": {
		{Kind: "question", Title: "Alt text for complex charts: how long is too long?", Days: 18, Tags: []string{"alt text"},
			Body: "Our statistics slides have dense charts. A paragraph of alt text each feels wrong.",
			Posts: []talkPost{
				{Kind: "answer", Hours: 2, Votes: 3, Accepted: true, Body: "Keep alt text short (what the chart shows and its point) and put the data in a table or a long description next to it."},
				{Kind: "reply", Hours: 8, Body: "Thank you, the table next to it also helps everyone else."}}},
		{Kind: "discussion", Title: "Captioning lecture recordings at scale", Days: 8, Tags: []string{"captions"},
			Body: "Automatic captions are good but not good enough for technical terms. How do you correct them without a team?",
			Posts: []talkPost{
				{Kind: "reply", Hours: 5, Body: "We add a glossary of course terms to the captioning tool. Errors dropped by half."}}},
		{Kind: "question", Title: "Accessible maths in the learning platform?", Days: 1, Tags: []string{"maths"},
			Body: "Screen readers read our equations as images. What works for you?"},
	},
	"kitchen-food-safety": {
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
