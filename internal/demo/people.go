package demo

import (
	"context"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// person is one of Northfield's staff.
type person struct {
	Handle  string
	Name    string
	Email   string // when not the handle with dots: first.last@northfield.example
	Dept    string // department slug
	Title   string
	Bio     string
	Joined  int // days ago the account was made
	Admin   bool
	Sponsor bool // reads the institution's page
}

// emailDomain is the demo institution's (reserved, never delivered) domain.
const emailDomain = "northfield.example"

// email is the person's sign-in address.
func (p person) email() string {
	if p.Email != "" {
		return p.Email
	}
	return strings.ReplaceAll(p.Handle, "-", ".") + "@" + emailDomain
}

// people are the demo's staff, five or so to a department, who joined Hearth
// over its first two years.
var people = []person{
	// Nursing
	{Handle: "amara-okafor", Name: "Amara Okafor", Dept: "nursing", Joined: 712,
		Title: "Simulation Lab Coordinator, RN",
		Bio:   "Twelve years in emergency nursing before teaching. I run the simulation lab and believe the debrief is where the learning happens."},
	{Handle: "daniel-reyes", Name: "Daniel Reyes", Dept: "nursing", Joined: 431,
		Title: "Nursing Instructor, Medical-Surgical",
		Bio:   "New to teaching after a decade on a surgical ward. Learning to write scenarios, and to let students struggle a little."},
	{Handle: "priya-raman", Name: "Priya Raman", Dept: "nursing", Joined: 655,
		Title: "Clinical Placement Lead and Infection Control Liaison",
		Bio:   "I match students with placements and keep an eye on infection control across our labs. Ask me about hand hygiene audits."},
	{Handle: "grace-lindqvist", Name: "Grace Lindqvist", Dept: "nursing", Joined: 388,
		Title: "Nursing Faculty, Maternal and Child Health",
		Bio:   "Former midwife. Interested in open textbooks and in how students use AI to study for licensing exams."},
	{Handle: "tomasz-nowak", Name: "Tomasz Nowak", Dept: "nursing", Joined: 602,
		Title: "Simulation Technician",
		Bio:   "I keep the manikins breathing and the moulage convincing. Happy to show anyone how the control room works."},

	// Engineering
	{Handle: "kenji-watanabe", Name: "Kenji Watanabe", Dept: "engineering", Joined: 690,
		Title: "Professor, Mechanical Engineering Technology",
		Bio:   "Teaches thermodynamics and machine design. Wrote one of our open textbooks and would do it again."},
	{Handle: "fatima-al-sayed", Name: "Fatima Al-Sayed", Email: "fatima.alsayed@" + emailDomain, Dept: "engineering", Joined: 214,
		Title: "Instructor, Electrical Engineering Technology",
		Bio:   "Circuits, PLCs and lab safety. Redesigning my lab reports now that students have AI assistants."},
	{Handle: "liam-oconnell", Name: "Liam O'Connell", Dept: "engineering", Joined: 566,
		Title: "Fabrication Lab Manager",
		Bio:   "3D printers, laser cutters and a lot of glue. I build task trainers for the nursing sim lab on the side."},
	{Handle: "sofia-castillo", Name: "Sofia Castillo", Dept: "engineering", Joined: 498,
		Title: "Program Chair, Civil Engineering Technology",
		Bio:   "Chairs the civil program and cares about how our courses work for students who learn differently."},
	{Handle: "oluwaseun-adebayo", Name: "Oluwaseun Adebayo", Dept: "engineering", Joined: 143,
		Title: "Instructor, Robotics and Automation",
		Bio:   "Runs the robotics cell. Trying to bring version control and CI into student projects."},

	// Culinary Arts
	{Handle: "marco-bellini", Name: "Marco Bellini", Dept: "culinary-arts", Joined: 728,
		Title: "Chef Instructor, Professional Cooking",
		Bio:   "Twenty years in restaurant kitchens, eight teaching. Runs the student restaurant's line on Friday nights."},
	{Handle: "meilin-chen", Name: "Mei Lin Chen", Dept: "culinary-arts", Joined: 590,
		Title: "Chef Instructor, Baking and Pastry",
		Bio:   "Pastry chef. Obsessed with allergen labelling since a near miss with almond flour."},
	{Handle: "jamal-washington", Name: "Jamal Washington", Dept: "culinary-arts", Joined: 477,
		Title: "Kitchen Operations Manager",
		Bio:   "Receiving, stores, rotas and the walk-in. If a temperature log is blank, I will find you."},
	{Handle: "ingrid-solberg", Name: "Ingrid Solberg", Dept: "culinary-arts", Joined: 671,
		Title: "Instructor, Food Safety and Sanitation",
		Bio:   "Teaches every first-term student their food safety certificate. Filming our kitchen procedures with captions."},
	{Handle: "hana-kobayashi", Name: "Hana Kobayashi", Dept: "culinary-arts", Joined: 352,
		Title: "Instructor, Nutrition and Menu Planning",
		Bio:   "Dietitian by training. Adapted an open nutrition textbook for our program."},

	// Library & Learning Services
	{Handle: "ruth-adeyemi", Name: "Ruth Adeyemi", Email: "admin@" + emailDomain, Dept: "library", Joined: 735, Admin: true,
		Title: "Head of Digital Learning",
		Bio:   "Looks after Hearth and the college's learning platforms. Ask me if you want to start a community."},
	{Handle: "eleanor-whitfield", Name: "Eleanor Whitfield", Dept: "library", Joined: 724,
		Title: "Open Education Librarian",
		Bio:   "Helped forty-odd courses swap a textbook for an open one. Now runs the Library's open education service."},
	{Handle: "carlos-mendoza", Name: "Carlos Mendoza", Dept: "library", Joined: 540,
		Title: "Instructional Designer",
		Bio:   "Works with faculty on course design, with an eye for Universal Design for Learning and plain language."},
	{Handle: "aisha-rahman", Name: "Aisha Rahman", Dept: "library", Joined: 512,
		Title: "Accessibility Specialist, Accessible Learning Centre",
		Bio:   "Screen reader user and tester. I would rather help you design it right than write an accommodation letter."},
	{Handle: "niamh-gallagher", Name: "Niamh Gallagher", Dept: "library", Joined: 460,
		Title: "Learning Technologist",
		Bio:   "Runs the learning management system and its integrations. Curious about everything that makes teaching easier."},
	{Handle: "samuel-osei", Name: "Samuel Osei", Dept: "library", Joined: 615,
		Title: "Learning Strategist",
		Bio:   "Helps students with study skills, exam anxiety and time management, one conversation at a time."},

	// Business Administration
	{Handle: "helen-marsh", Name: "Helen Marsh", Dept: "business", Joined: 610, Sponsor: true,
		Title: "Vice-Principal, Academic",
		Bio:   "Sponsors the college's communities of practice. Reads the institution's page each term, and the stories behind it."},
	{Handle: "rebecca-goldberg", Name: "Rebecca Goldberg", Dept: "business", Joined: 301,
		Title: "Professor, Marketing",
		Bio:   "Teaches marketing and consumer behaviour. Rewrote every assignment last year and documented what happened."},
	{Handle: "arjun-mehta", Name: "Arjun Mehta", Dept: "business", Joined: 580,
		Title: "Instructor, Accounting",
		Bio:   "Spreadsheets, cost accounting and open educational resources. My students pay nothing for course materials."},
	{Handle: "chloe-dubois", Name: "Chloé Dubois", Dept: "business", Joined: 419,
		Title: "Program Coordinator, Hospitality Management",
		Bio:   "Bridges the hospitality program and the teaching kitchens. Bilingual English and French."},
	{Handle: "yusuf-demir", Name: "Yusuf Demir", Dept: "business", Joined: 96,
		Title: "Instructor, Entrepreneurship",
		Bio:   "Started two small businesses before teaching. New here, and looking to meet people outside Business."},
	{Handle: "lucia-fernandez", Name: "Lucía Fernández", Dept: "business", Joined: 333,
		Title: "Co-op and Work-Integrated Learning Coordinator",
		Bio:   "Finds co-op placements and prepares students for them. Interested in how other programs prepare for the real world."},

	// Information Technology
	{Handle: "nikolai-petrov", Name: "Nikolai Petrov", Dept: "information-technology", Joined: 268,
		Title: "Senior Systems Administrator",
		Bio:   "Linux, automation and on-call for longer than I care to admit. Prefers boring deployments."},
	{Handle: "zainab-hussain", Name: "Zainab Hussain", Dept: "information-technology", Joined: 377,
		Title: "Cloud Infrastructure Engineer",
		Bio:   "Infrastructure as code and monitoring. Set up the wireless temperature probes in the teaching kitchens."},
	{Handle: "ben-tremblay", Name: "Ben Tremblay", Dept: "information-technology", Joined: 526,
		Title: "Service Desk Lead",
		Bio:   "First line for every login problem on campus. Learning about accessibility from the tickets we get."},
	{Handle: "anh-nguyen", Name: "Anh Nguyen", Dept: "information-technology", Joined: 247,
		Title: "Instructor, Computer Systems Technology",
		Bio:   "Teaches programming and networking. Researching how students actually use AI coding assistants."},
	{Handle: "kwame-mensah", Name: "Kwame Mensah", Dept: "information-technology", Joined: 58,
		Title: "Information Security Analyst",
		Bio:   "Joined the college this term. Vulnerability management, incident response and a lot of questions."},
}

// loadPeople creates the demo accounts: verified, marked as demo, all with
// the one demo password.
func loadPeople(ctx context.Context, tx *db.Tx, l *loaded) error {
	for _, p := range people {
		dep, ok := l.departments[p.Dept]
		if !ok {
			return errs.Wrap(errUnknown("department", p.Dept), "person "+p.Handle)
		}
		joined := l.ago(p.Joined)
		verified := joined.Add(9 * time.Minute)
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO people (handle, email, name, password_hash, is_admin, is_sponsor, is_demo,
			email_verified_at, department_id, title, bio, created_at)
			VALUES ($1, $2, $3, $4, $5, $11, TRUE, $6, $7, $8, $9, $10) RETURNING id`,
			p.Handle, p.email(), p.Name, l.passwordHash, p.Admin, verified, dep.ID, p.Title, p.Bio, joined, p.Sponsor).Scan(&id)
		if err != nil {
			return errs.Wrap(err, "insert person "+p.Handle)
		}
		l.people[p.Handle] = row{ID: id, At: joined}
	}
	return nil
}
