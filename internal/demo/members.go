package demo

import (
	"context"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// member is one person's place in a community.
type member struct {
	Handle  string
	Role    string // steward, moderator or member
	Status  string // active, pending (asked to join) or invited
	Message string // what a person wrote when asking to join
}

func steward(h string) member   { return member{Handle: h, Role: "steward", Status: "active"} }
func moderator(h string) member { return member{Handle: h, Role: "moderator", Status: "active"} }
func active(h string) member    { return member{Handle: h, Role: "member", Status: "active"} }
func invited(h string) member   { return member{Handle: h, Role: "member", Status: "invited"} }
func pending(h, msg string) member {
	return member{Handle: h, Role: "member", Status: "pending", Message: msg}
}

// memberships are each community's members, by community slug. The first
// steward listed is the one who started the community.
var memberships = map[string][]member{
	"simulation-in-nursing-education": {
		steward("amara-okafor"), steward("priya-raman"), moderator("tomasz-nowak"),
		active("daniel-reyes"), active("grace-lindqvist"), active("liam-oconnell"),
		active("carlos-mendoza"), active("niamh-gallagher"), active("aisha-rahman"),
		pending("lucia-fernandez", "I coordinate co-op placements in Business and would love to learn how you prepare students for placement through simulation."),
		pending("samuel-osei", "Several nursing students come to me anxious before sim days. I would like to understand what they face, so I can help them prepare."),
	},
	"teaching-with-generative-ai": {
		steward("rebecca-goldberg"), steward("anh-nguyen"), moderator("niamh-gallagher"),
		active("daniel-reyes"), active("arjun-mehta"), active("kenji-watanabe"), active("fatima-al-sayed"),
		active("eleanor-whitfield"), active("carlos-mendoza"), active("samuel-osei"), active("meilin-chen"),
		active("grace-lindqvist"), active("lucia-fernandez"), active("ruth-adeyemi"), active("sofia-castillo"),
		active("yusuf-demir"), active("liam-oconnell"), active("oluwaseun-adebayo"), active("kwame-mensah"),
	},
	"accessible-course-design": {
		steward("carlos-mendoza"), moderator("aisha-rahman"),
		active("niamh-gallagher"), active("daniel-reyes"), active("sofia-castillo"), active("ingrid-solberg"),
		active("chloe-dubois"), active("ben-tremblay"), active("eleanor-whitfield"), active("kenji-watanabe"),
	},
	"kitchen-food-safety": {
		steward("marco-bellini"), moderator("ingrid-solberg"),
		active("meilin-chen"), active("jamal-washington"), active("hana-kobayashi"), active("chloe-dubois"),
		active("priya-raman"), active("zainab-hussain"),
	},
	"open-educational-resources": {
		steward("eleanor-whitfield"), moderator("samuel-osei"),
		active("arjun-mehta"), active("kenji-watanabe"), active("sofia-castillo"), active("grace-lindqvist"),
		active("hana-kobayashi"), active("lucia-fernandez"),
	},
	"devops-and-infrastructure": {
		steward("nikolai-petrov"), steward("zainab-hussain"),
		active("ben-tremblay"), active("oluwaseun-adebayo"), active("niamh-gallagher"), active("liam-oconnell"),
		invited("kwame-mensah"),
	},
}

// loadMemberships adds the members of every community, joining at various
// times after both the community and the person came to be. Requests and
// invitations are recent, as unanswered ones would be.
func loadMemberships(ctx context.Context, tx *db.Tx, l *loaded) error {
	for _, c := range communities {
		com := l.communities[c.Slug]
		var inviter int64
		for i, m := range memberships[c.Slug] {
			p, ok := l.people[m.Handle]
			if !ok {
				return errs.Wrap(errUnknown("person", m.Handle), "member of "+c.Slug)
			}
			at := joinedAt(l, com, p, i, m.Status)
			var invitedBy *int64
			if m.Status == "invited" {
				invitedBy = &inviter
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, message, invited_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, com.ID, p.ID, m.Role, m.Status, m.Message, invitedBy, at); err != nil {
				return errs.Wrap(err, "add "+m.Handle+" to "+c.Slug)
			}
			if i == 0 {
				inviter = p.ID
			}
			if m.Status == "active" {
				l.joined[memberKey(c.Slug, m.Handle)] = at
			}
		}
	}
	return nil
}

// joinedAt spreads the i-th member's arrival: the founder on the day the
// community began, the others over the weeks after (never before the person
// joined Hearth, never in the future), open requests in the last few days.
func joinedAt(l *loaded, com, p row, i int, status string) time.Time {
	if status != "active" {
		return later(l.ago(1+i%5), p.At.Add(time.Hour))
	}
	if i == 0 {
		return com.At
	}
	at := later(com.At, p.At).Add(time.Duration(2+i*9%45)*24*time.Hour + time.Duration(i*5%13)*time.Hour)
	if limit := l.now.Add(-time.Duration(i+1) * time.Hour); at.After(limit) {
		at = limit
	}
	return at
}
