package people

import "context"

// ExpertsQuery exposes the ranking's SQL to the plan tests.
var ExpertsQuery = expertsQuery

// ReadUnkept reads what the kept lists would keep, without them: the
// scale test's figure of a page read after a version moved.
func (s *Service) ReadUnkept(ctx context.Context, what string, reader int64) (int, error) {
	switch what {
	case "experts":
		p, err := s.readRanked(ctx, ExpertQuery{Topic: "topic 7"}, 0)
		return len(p.ranked), err
	case "people":
		p, err := s.readPeople(ctx, ListParams{Limit: PeoplePageSize + 1}, At{})
		return len(p.people), err
	case "people by topic and level":
		p, err := s.readPeople(ctx, ListParams{Limit: PeoplePageSize + 1, Topic: "topic 7", Level: Expert}, At{})
		return len(p.people), err
	default:
		list, err := s.readPeopleToMeet(ctx, reader)
		return len(list), err
	}
}
