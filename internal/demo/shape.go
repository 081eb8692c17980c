package demo

// The demo's history is shaped so that every figure of the health and
// institution pages shows something (issue 13, point 17), with three
// communities drawn sharply:
//   - Teaching with Generative AI thrives: members of five departments
//     answer one another within hours, more each month; its newest member
//     asked and answered within weeks of joining; its core grows.
//   - Accessible Course Design fades: its regulars wrote every week until
//     two months ago and have not been seen for over 30 days, so the last
//     30 days hold fewer contributions than the 30 before, carried by its
//     steward almost alone (an absence factor of 1), and two questions wait
//     for an answer.
//   - Kitchen Food Safety is siloed: members of four departments, but only
//     the Culinary Arts members talk and come to the huddle, so nearly all
//     its contributions come from one department and its E-I index is -1.
//
// TestDemoHealthShapes checks each shape through the stewardship service.
const (
	ThrivingCommunity = "teaching-with-generative-ai"
	FadingCommunity   = "accessible-course-design"
	SiloedCommunity   = "kitchen-food-safety"
)

// silos are the siloed communities, each with the department whose members
// alone talk and meet there (see takingPart).
var silos = map[string]string{SiloedCommunity: "culinary-arts"}

// departmentOf is the slug of the department of the person with handle.
func departmentOf(handle string) string {
	for _, p := range people {
		if p.Handle == handle {
			return p.Dept
		}
	}
	return ""
}
