package people

// ExpertsQuery exposes the ranking's SQL to the plan tests.
var ExpertsQuery = expertsQuery
