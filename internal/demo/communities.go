package demo

import (
	"context"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// communityData is one demo community and its charter, as its stewards wrote it.
type communityData struct {
	Slug          string
	Name          string
	Creator       string // handle of the steward who started it
	Created       int    // days ago
	Purpose       string
	Scope         string
	KeyQuestions  string
	WhoShouldJoin string
	Tags          []string
	Visibility    string // public, institution or private
	JoinPolicy    string // open, request or invite
	Stage         string
	Archived      int // days ago it was archived; 0 while it is active
}

// communities are the demo's communities of practice, at every stage of life.
var communities = []communityData{
	{
		Slug: "simulation-in-nursing-education", Name: "Simulation in Nursing Education",
		Creator: "amara-okafor", Created: 548,
		Visibility: "public", JoinPolicy: "request", Stage: "maturing",
		Tags: []string{"nursing", "simulation", "clinical judgement", "debriefing", "healthcare education"},
		Purpose: "We help one another design, run and debrief simulation scenarios that build clinical judgement safely. " +
			"Simulation lets a student meet a deteriorating patient, a frightened family or a medication error long before it happens on a ward, " +
			"and the debrief afterwards is where most of the learning lives.\n\n" +
			"This community exists so that what each of us learns in the sim lab (what worked, what fell flat, what surprised the students) " +
			"is shared with everyone, instead of staying in one person's scenario binder.",
		Scope: "In scope: high- and low-fidelity manikin scenarios, standardised patients, virtual simulation, " +
			"debriefing methods (PEARLS, plus-delta, advocacy-inquiry), scenario templates aligned with the INACSL Healthcare Simulation " +
			"Standards of Best Practice, and the practicalities of running the lab: moulage, scheduling, equipment care.\n\n" +
			"Out of scope: clinical placement logistics and assessment policy, which belong to the Nursing program committee, " +
			"though we happily feed them what we learn.",
		KeyQuestions: "- How do we write a scenario that stretches clinical judgement without overwhelming a first-year student?\n" +
			"- What makes a debrief psychologically safe, and how do we train new facilitators to run one?\n" +
			"- Which skills carry over from simulation to placement, and how would we know?\n" +
			"- What can other programs (culinary, early childhood, the trades) borrow from our methods?",
		WhoShouldJoin: "Nursing faculty who teach in the sim lab or would like to, simulation technicians, clinical instructors and preceptors, " +
			"and anyone from another program curious about scenario-based learning. You do not need to have run a scenario: " +
			"newcomers are paired with an experienced facilitator for their first two.\n\n" +
			"When you ask to join, add a line about what you hope to get from the community, so that we can introduce you to the right people.",
	},
	{
		Slug: "teaching-with-generative-ai", Name: "Teaching with Generative AI",
		Creator: "rebecca-goldberg", Created: 126,
		Visibility: "public", JoinPolicy: "open", Stage: "coalescing",
		Tags: []string{"generative ai", "assessment", "academic integrity", "ai literacy", "pedagogy"},
		Purpose: "Generative AI arrived in our classrooms before any policy did. We are instructors from every program working out, " +
			"honestly and together, where these tools help students learn and where they quietly do the learning for them.\n\n" +
			"We share assignments we have redesigned, prompts that worked, failures we learned from, and what our students tell us.",
		Scope: "Classroom practice: assignment and assessment design, AI literacy for students, disclosure and citation of AI use, " +
			"the accessibility benefits of these tools, and the limits of detection software. We discuss particular tools only as far as they bear on teaching.\n\n" +
			"College-wide policy is set by Academic Council. We feed it with evidence from real courses, but we are not a policy committee, " +
			"and we do not discuss individual academic integrity cases.",
		KeyQuestions: "- Which assessments still show us what a student can do, and which need rethinking?\n" +
			"- How do we teach students to use AI critically: to verify, to cite, and to know when not to use it?\n" +
			"- What should a course outline say about AI, in plain language?\n" +
			"- Where does AI widen access (for multilingual students, for students with disabilities), and where does it widen gaps?",
		WhoShouldJoin: "Anyone who teaches or supports teaching at Northfield, whatever your view of AI. Enthusiasts, sceptics and the merely curious " +
			"are all welcome, and the sceptics often ask the best questions. Instructional designers, librarians and learning technologists " +
			"bring a view across courses that we need.\n\n" +
			"Joining is open: come to a monthly show-and-tell and see whether it helps.",
	},
	{
		Slug: "accessible-course-design", Name: "Accessible Course Design",
		Creator: "carlos-mendoza", Created: 404,
		Visibility: "institution", JoinPolicy: "open", Stage: "maturing",
		Tags: []string{"accessibility", "universal design for learning", "wcag", "captions", "course design"},
		Purpose: "Every course we build should work for every student who takes it, including those who use a screen reader, captions " +
			"or a keyboard alone, and those who simply need more time.\n\n" +
			"This community gathers the people who design, teach and support courses, to make accessibility part of how we build from the start " +
			"rather than a fix applied after a student asks for an accommodation.",
		Scope: "Universal Design for Learning, accessible documents and slides, captions and transcripts, colour and contrast, " +
			"accessible maths and science notation, course pages in the learning management system, and testing with assistive technology. " +
			"WCAG 2.2 AA is our technical baseline.\n\n" +
			"Individual accommodation requests stay with the Accessible Learning Centre and are confidential. Here we work on the design of courses, " +
			"so that fewer students need to ask.",
		KeyQuestions: "- Which five fixes make the biggest difference in a typical course?\n" +
			"- How do we caption and describe lab, workshop and kitchen demonstrations well?\n" +
			"- How do we make accessible design quick enough that busy faculty actually do it?\n" +
			"- How do we learn from students with disabilities what works, without burdening them?",
		WhoShouldJoin: "Faculty who build their own course materials, instructional designers, learning technologists, and staff of the " +
			"Accessible Learning Centre. If you have ever received an accommodation letter and wondered how to design your course so that the next " +
			"student would not need one, this community is for you.\n\n" +
			"It is visible to Northfield people only, because we discuss our own courses candidly.",
	},
	{
		Slug: "kitchen-food-safety", Name: "Kitchen Food Safety",
		Creator: "marco-bellini", Created: 701,
		Visibility: "public", JoinPolicy: "request", Stage: "stewardship",
		Tags: []string{"food safety", "haccp", "allergens", "sanitation", "culinary"},
		Purpose: "Our teaching kitchens serve real food to real people: the student-run restaurant, catering for college events, " +
			"and daily production for the cafeteria.\n\n" +
			"This community keeps the practice of food safety alive across all of them: HACCP plans that match how we actually cook, " +
			"allergen handling that students can follow during a busy service, and the lessons of every near miss, " +
			"so that one kitchen's scare becomes every kitchen's habit.",
		Scope: "HACCP and critical control points, temperature monitoring and logs, allergen and cross-contact control, cleaning and sanitation " +
			"schedules, receiving and storage, preparing for public health inspections, and teaching all of the above to first-term students.\n\n" +
			"Out of scope: menu development and costing, which have their own forums. We share inspection findings openly here, " +
			"but the personal details of any incident stay out.",
		KeyQuestions: "- How do we make allergen procedures hold up at the pace of a Friday-night service?\n" +
			"- What must a first-week student know before they touch food, and how do we check that they know it?\n" +
			"- Which temperature logs actually get filled in, and what have the wireless probes changed?\n" +
			"- What did our last inspection, or our last near miss, teach us?",
		WhoShouldJoin: "Chef instructors, kitchen and stores staff, hospitality faculty, and anyone who runs food service on campus. " +
			"Colleagues from Nursing and infection control are valued members: they taught us a great deal about hand hygiene audits.\n\n" +
			"Please ask to join with a line about which kitchen you work in, so that we can add you to the right rota and checklists.",
	},
	{
		Slug: "open-educational-resources", Name: "Open Educational Resources",
		Creator: "eleanor-whitfield", Created: 716, Archived: 47,
		Visibility: "public", JoinPolicy: "open", Stage: "transformation",
		Tags: []string{"oer", "open textbooks", "open licensing", "creative commons", "affordability"},
		Purpose: "We set out to cut what Northfield students pay for textbooks, by adopting, adapting and writing openly licensed course materials. " +
			"Over two years, members replaced commercial textbooks in 41 course sections, saving students an estimated $380,000, " +
			"and wrote three open textbooks of our own.\n\n" +
			"When the Library took open education on as a permanent service, we archived this community, so that everything it learned " +
			"stays readable for whoever takes the work up next.",
		Scope: "Finding and evaluating open materials, Creative Commons licences and attribution, adapting open textbooks, " +
			"the accessibility of open materials, and making the case to program chairs.\n\n" +
			"Decisions about course materials stayed with each program; we offered evidence, templates and a helping hand.",
		KeyQuestions: "- Where can we find open materials good enough to replace the textbook in a given course?\n" +
			"- How do we adapt and remix openly licensed work, and attribute it correctly?\n" +
			"- How do we measure what students save, and whether they learn as well?\n" +
			"- How does the work continue once the grant ends?",
		WhoShouldJoin: "This community is archived: you can read everything it made, but no longer join or post. " +
			"For help with open materials today, contact the Library's open education service.\n\n" +
			"If you would like to start a new community that builds on this one, its charter and lessons learned are a good place to begin.",
	},
	{
		Slug: "devops-and-infrastructure", Name: "DevOps and Infrastructure Practice",
		Creator: "nikolai-petrov", Created: 38,
		Visibility: "private", JoinPolicy: "invite", Stage: "potential",
		Tags: []string{"devops", "infrastructure as code", "monitoring", "incident review", "linux"},
		Purpose: "A few of us who keep the college's systems running want to stop solving the same problems separately. " +
			"We want shared habits for infrastructure as code, deployments that are boring, monitoring that wakes the right person, " +
			"and blameless reviews after incidents.\n\n" +
			"We also want a place where the people who run the learning platforms, the lab servers and the robotics cell learn from one another.",
		Scope: "Configuration management and infrastructure as code, build and deployment pipelines, containers, monitoring and alerting, " +
			"backup and restore drills, on-call practice and post-incident reviews.\n\n" +
			"Change approvals stay with the Change Advisory Board, and security incidents follow the incident response plan; " +
			"we share the lessons afterwards, with sensitive details removed.",
		KeyQuestions: "- Which of our services could we rebuild from code tomorrow, and which could we not?\n" +
			"- What does a good post-incident review look like here, and how do we keep it blameless?\n" +
			"- How can teaching labs and production systems share tools without sharing risk?\n" +
			"- Are we a community yet, or a working group? What would make this worth people's time?",
		WhoShouldJoin: "People who build, run or automate systems at Northfield: IT staff, technical staff in Engineering's labs, " +
			"and learning technologists who run course platforms.\n\n" +
			"The community is private and by invitation while we find our feet, because we discuss internal systems. " +
			"Ask Nikolai or Zainab if you would like an invitation.",
	},
}

// loadCommunities creates the communities and their tags; loadMemberships
// adds their stewards and members.
func loadCommunities(ctx context.Context, tx *db.Tx, l *loaded) error {
	for _, c := range communities {
		creator, ok := l.people[c.Creator]
		if !ok {
			return errs.Wrap(errUnknown("person", c.Creator), "community "+c.Slug)
		}
		created := later(l.ago(c.Created), creator.At.Add(24*time.Hour))
		status, updated := "active", created.Add(3*24*time.Hour)
		var archived *time.Time
		if c.Archived > 0 {
			at := l.ago(c.Archived)
			status, updated, archived = "archived", at, &at
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO communities (slug, name, purpose, scope, key_questions, who_should_join,
			visibility, join_policy, stage, status, created_by, created_at, updated_at, archived_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			c.Slug, c.Name, c.Purpose, c.Scope, c.KeyQuestions, c.WhoShouldJoin, c.Visibility, c.JoinPolicy, c.Stage,
			status, creator.ID, created, updated, archived).Scan(&id)
		if err != nil {
			return errs.Wrap(err, "insert community "+c.Slug)
		}
		for _, tag := range c.Tags {
			if _, err := tx.ExecContext(ctx, "INSERT INTO community_tags (community_id, tag) VALUES ($1, $2)", id, tag); err != nil {
				return errs.Wrap(err, "tag community "+c.Slug)
			}
		}
		l.communities[c.Slug] = row{ID: id, At: created}
	}
	return nil
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
