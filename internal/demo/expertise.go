package demo

import (
	"context"
	"fmt"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// profileData is what some of the staff add to their profiles: pronouns,
// languages, interests and the topics they know (tag: level).
type profileData struct {
	Pronouns  string
	Languages string
	Interests []string
	Expertise map[string]string
}

var profiles = map[string]profileData{
	"amara-okafor": {Pronouns: "she/her", Languages: "English, Igbo", Interests: []string{"debriefing", "psychological safety", "sourdough"},
		Expertise: map[string]string{"simulation": "expert", "debriefing": "expert", "clinical judgement": "practising"}},
	"daniel-reyes": {Pronouns: "he/him", Languages: "English, Spanish", Interests: []string{"scenario writing", "cycling"},
		Expertise: map[string]string{"simulation": "learning", "clinical judgement": "practising"}},
	"priya-raman": {Pronouns: "she/her", Languages: "English, Tamil", Interests: []string{"food safety", "audits"},
		Expertise: map[string]string{"clinical judgement": "expert", "food safety": "learning"}},
	"grace-lindqvist": {Languages: "English, Swedish", Interests: []string{"open textbooks", "generative ai"},
		Expertise: map[string]string{"open textbooks": "practising", "ai literacy": "learning"}},
	"kenji-watanabe": {Pronouns: "he/him", Languages: "English, Japanese", Interests: []string{"open textbooks", "3d printing"},
		Expertise: map[string]string{"open textbooks": "expert", "open licensing": "practising"}},
	"fatima-al-sayed": {Pronouns: "she/her", Languages: "English, Arabic, French", Interests: []string{"accessibility", "captions"},
		Expertise: map[string]string{"captions": "practising", "wcag": "learning"}},
	"marco-bellini": {Pronouns: "he/him", Languages: "English, Italian", Interests: []string{"sourdough", "fermentation"},
		Expertise: map[string]string{"haccp": "expert", "allergens": "expert", "food safety": "expert"}},
	"meilin-chen": {Pronouns: "she/her", Languages: "English, Mandarin", Interests: []string{"fermentation", "debriefing"},
		Expertise: map[string]string{"allergens": "practising", "culinary": "expert"}},
	"hana-kobayashi": {Languages: "English, Japanese", Interests: []string{"sourdough", "accessibility"},
		Expertise: map[string]string{"food safety": "learning", "sanitation": "practising"}},
	"ruth-adeyemi": {Pronouns: "she/her", Languages: "English, Yoruba", Interests: []string{"open textbooks", "affordability"},
		Expertise: map[string]string{"oer": "expert", "open licensing": "expert", "creative commons": "expert"}},
	"eleanor-whitfield": {Languages: "English", Interests: []string{"accessibility", "universal design for learning"},
		Expertise: map[string]string{"accessibility": "expert", "universal design for learning": "expert", "wcag": "practising"}},
	"aisha-rahman": {Pronouns: "she/her", Languages: "English, Bengali", Interests: []string{"generative ai", "academic integrity"},
		Expertise: map[string]string{"ai literacy": "expert", "academic integrity": "practising"}},
	"arjun-mehta": {Pronouns: "he/him", Languages: "English, Hindi", Interests: []string{"generative ai", "assessment"},
		Expertise: map[string]string{"assessment": "expert", "generative ai": "practising"}},
	"chloe-dubois": {Pronouns: "she/her", Languages: "English, French", Interests: []string{"captions", "course design"},
		Expertise: map[string]string{"course design": "practising", "captions": "learning"}},
	"nikolai-petrov": {Pronouns: "he/him", Languages: "English, Russian", Interests: []string{"linux", "incident review"},
		Expertise: map[string]string{"devops": "expert", "linux": "expert", "incident review": "expert"}},
	"zainab-hussain": {Pronouns: "she/her", Languages: "English, Urdu", Interests: []string{"monitoring", "accessibility"},
		Expertise: map[string]string{"monitoring": "practising", "infrastructure as code": "practising"}},
	"kwame-mensah": {Pronouns: "he/him", Languages: "English, Twi", Interests: []string{"incident review", "generative ai"},
		Expertise: map[string]string{"incident review": "learning", "linux": "learning"}},
}

// endorsementData is one person's word for another's topic.
type endorsementData struct {
	By, Of, Tag, Note string
	Days              int // ago
}

var endorsements = []endorsementData{
	{"daniel-reyes", "amara-okafor", "debriefing", "Her debriefs turned my first scenario from a disaster into the best lesson of the term.", 120},
	{"tomasz-nowak", "amara-okafor", "simulation", "Designs scenarios that the technicians can actually run.", 200},
	{"priya-raman", "amara-okafor", "simulation", "", 90},
	{"meilin-chen", "amara-okafor", "debriefing", "Borrowed her debrief questions for kitchen service reviews. They work there too.", 40},
	{"amara-okafor", "priya-raman", "clinical judgement", "The one to ask when a placement goes sideways.", 150},
	{"kenji-watanabe", "ruth-adeyemi", "open licensing", "Sorted out the licence of our thermodynamics book in an afternoon.", 300},
	{"grace-lindqvist", "ruth-adeyemi", "oer", "", 180},
	{"ruth-adeyemi", "kenji-watanabe", "open textbooks", "Wrote a whole open textbook and kept the students in the loop.", 260},
	{"hana-kobayashi", "marco-bellini", "haccp", "Walked me through our HACCP plan line by line.", 70},
	{"meilin-chen", "marco-bellini", "allergens", "", 110},
	{"jamal-washington", "marco-bellini", "food safety", "His audits are calm and thorough.", 60},
	{"fatima-al-sayed", "eleanor-whitfield", "accessibility", "Reviewed my slides and taught me more about contrast than a course did.", 95},
	{"chloe-dubois", "eleanor-whitfield", "universal design for learning", "", 45},
	{"arjun-mehta", "aisha-rahman", "ai literacy", "Her workshop on AI and study habits was the most useful hour of the year.", 30},
	{"grace-lindqvist", "aisha-rahman", "ai literacy", "", 25},
	{"aisha-rahman", "arjun-mehta", "assessment", "Rethought our exams so that AI help is visible, not forbidden.", 35},
	{"zainab-hussain", "nikolai-petrov", "incident review", "Runs blameless reviews that people leave wanting to fix things.", 140},
	{"kwame-mensah", "nikolai-petrov", "linux", "", 20},
	{"nikolai-petrov", "zainab-hussain", "monitoring", "Our dashboards finally say something.", 55},
}

// loadExpertise fills in the profiles and endorsements; their scores are
// counted after the transaction (people.Service.Recount).
func loadExpertise(ctx context.Context, tx *db.Tx, l *loaded) error {
	for handle, p := range profiles {
		who, ok := l.people[handle]
		if !ok {
			return errUnknown("person", handle)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE people SET pronouns = $1, languages = $2 WHERE id = $3", p.Pronouns, p.Languages, who.ID); err != nil {
			return errs.Wrap(err, "profile of "+handle)
		}
		for _, t := range p.Interests {
			if _, err := tx.ExecContext(ctx, "INSERT INTO person_interests (person_id, interest) VALUES ($1, $2)", who.ID, t); err != nil {
				return errs.Wrap(err, "interests of "+handle)
			}
		}
		for tag, level := range p.Expertise {
			if _, err := tx.ExecContext(ctx, "INSERT INTO person_expertise (person_id, tag, level) VALUES ($1, $2, $3)", who.ID, tag, level); err != nil {
				return errs.Wrap(err, "expertise of "+handle)
			}
		}
	}
	for _, e := range endorsements {
		by, of := l.people[e.By], l.people[e.Of]
		if by.ID == 0 || of.ID == 0 {
			return errUnknown("person", e.By+" or "+e.Of)
		}
		if _, ok := profiles[e.Of].Expertise[e.Tag]; !ok {
			return fmt.Errorf("the demo endorses %s in %q, which they do not list", e.Of, e.Tag)
		}
		at := later(l.ago(e.Days), later(by.At, of.At))
		if _, err := tx.ExecContext(ctx, `INSERT INTO endorsements (person_id, tag, endorser_id, note, created_at) VALUES ($1, $2, $3, $4, $5)`,
			of.ID, e.Tag, by.ID, e.Note, at); err != nil {
			return errs.Wrap(err, "endorsement of "+e.Of)
		}
	}
	return nil
}
